import type { IdKind } from '../../core/shared/ids.ts';
import { newId } from '../../store/new-id.ts';
import type { ImportContext } from './import-context.ts';
import type { ColumnDef, SqlRow, SqlValue } from './import-transaction.ts';

/** A table the import upserts: the columns a record sets (compared to decide unchanged or updated). */
export interface TableSpec {
  readonly table: string;
  readonly idKind: IdKind;
  /** Every column a record sets, excluding `id` and the created_at/updated_at timestamps. */
  readonly columns: readonly ColumnDef[];
  /** Whether the table has created_at and updated_at. */
  readonly timestamps: boolean;
}

/** A record's row values (in `columns` order) and the stored row it matched, if any. */
export interface UpsertItem {
  readonly values: readonly SqlValue[];
  readonly existing: SqlRow | null;
  /** The id a new row gets, when the writer had to know it before writing (else a fresh one). */
  readonly newId?: string;
}

export type UpsertResult =
  | { readonly outcome: 'inserted'; readonly id: string }
  | { readonly outcome: 'updated'; readonly id: string; readonly before: SqlRow }
  | { readonly outcome: 'unchanged'; readonly id: string };

const ID: ColumnDef = { name: 'id', type: 'text' };
const CREATED_AT: ColumnDef = { name: 'created_at', type: 'text' };
const UPDATED_AT: ColumnDef = { name: 'updated_at', type: 'text' };

/** The columns to read a stored row with, so `upsertRows` can compare it. */
export function storedColumns(spec: TableSpec): string[] {
  return ['id', ...spec.columns.map((c) => c.name)];
}

/** Indexes of the columns whose stored value differs from the record's. */
function changedColumns(spec: TableSpec, stored: SqlRow, values: readonly SqlValue[]): number[] {
  const changed: number[] = [];
  for (let i = 0; i < spec.columns.length; i++) {
    const column = spec.columns[i];
    if (column !== undefined && (stored[column.name] ?? null) !== (values[i] ?? null)) changed.push(i);
  }
  return changed;
}

/**
 * Writes a batch: new rows are inserted with fresh ids, stored rows that differ are updated (with
 * updated_at = now), identical ones are left alone so a second import of a file changes nothing.
 */
export async function upsertRows(ctx: ImportContext, spec: TableSpec, items: readonly UpsertItem[]): Promise<UpsertResult[]> {
  const inserts: SqlValue[][] = [];
  // Updates set only the columns that changed (fewer index entries to rewrite), grouped by which.
  const updates = new Map<string, { columns: ColumnDef[]; rows: SqlValue[][] }>();
  const results = items.map((item): UpsertResult => {
    const stored = item.existing;
    if (stored === null) {
      const id = item.newId ?? newId(spec.idKind);
      inserts.push(spec.timestamps ? [id, ...item.values, ctx.now, ctx.now] : [id, ...item.values]);
      return { outcome: 'inserted', id };
    }
    const id = String(stored.id);
    const changed = changedColumns(spec, stored, item.values);
    if (changed.length === 0) return { outcome: 'unchanged', id };
    const key = changed.join(',');
    let group = updates.get(key);
    if (group === undefined) {
      group = { columns: [ID, ...changed.map((i) => spec.columns[i] ?? ID), ...(spec.timestamps ? [UPDATED_AT] : [])], rows: [] };
      updates.set(key, group);
    }
    const row: SqlValue[] = [id, ...changed.map((i) => item.values[i] ?? null)];
    if (spec.timestamps) row.push(ctx.now);
    group.rows.push(row);
    return { outcome: 'updated', id, before: stored };
  });
  const created: ColumnDef[] = spec.timestamps ? [CREATED_AT, UPDATED_AT] : [];
  await ctx.tx.insertMany(spec.table, [ID, ...spec.columns, ...created], inserts);
  for (const group of updates.values()) await ctx.tx.updateMany(spec.table, group.columns, group.rows);
  return results;
}
