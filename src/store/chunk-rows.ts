/**
 * Bind parameters one statement may carry: SQLite allows 32,766 and PostgreSQL 65,535; staying under
 * the smaller with room to spare keeps every batch valid on both engines.
 */
export const MAX_PARAMETERS_PER_STATEMENT = 30_000;

/** Rows per multi-row INSERT; more rows per statement stop paying off long before the limit. */
const MAX_ROWS_PER_STATEMENT = 2_000;

/** Splits rows into batches whose bind parameters (`columnsPerRow` each) fit one statement. */
export function chunkRows<T>(rows: readonly T[], columnsPerRow: number): T[][] {
  const size = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(MAX_PARAMETERS_PER_STATEMENT / columnsPerRow)));
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

/** Splits the values of an `IN (…)` list into batches of at most `size` (default 1,000). */
export function chunkIds<T>(ids: readonly T[], size = 1_000): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < ids.length; i += size) chunks.push(ids.slice(i, i + size));
  return chunks;
}
