import type { ParsedRow } from '../records.ts';
import { flag, type EntityWriter } from './entity-writer.ts';
import type { ImportContext } from './import-context.ts';
import type { SqlRow } from './import-transaction.ts';
import { storedColumns, upsertRows, type TableSpec, type UpsertItem } from './keyed-upsert.ts';
import { nameKey } from './reference-directory.ts';

const text = 'text' as const;

export const PRODUCT_SPEC: TableSpec = {
  table: 'product',
  idKind: 'product',
  timestamps: false,
  columns: [
    { name: 'external_id', type: text },
    { name: 'name', type: text },
    { name: 'code', type: text },
    { name: 'family', type: text },
    { name: 'active', type: 'integer' },
  ],
};

/**
 * Products, upserted by external id, or by name when the file has no ids. The catalogue is small,
 * so it is read whole once per file.
 */
export function createProductWriter(ctx: ImportContext): EntityWriter<'product'> {
  let byExternalId: Map<string, SqlRow> | null = null;
  const byName = new Map<string, SqlRow[]>();
  const firstRowOf = new Map<string, number>();

  async function load(): Promise<Map<string, SqlRow>> {
    if (byExternalId === null) {
      byExternalId = new Map();
      for (const row of await ctx.tx.all(`SELECT ${storedColumns(PRODUCT_SPEC).join(', ')} FROM product`)) {
        if (row.external_id !== null) byExternalId.set(String(row.external_id), row);
        const key = nameKey(String(row.name));
        byName.set(key, [...(byName.get(key) ?? []), row]);
      }
    }
    return byExternalId;
  }

  return {
    async writeBatch(rows: readonly ParsedRow<'product'>[]): Promise<void> {
      const stored = await load();
      const items: UpsertItem[] = [];
      for (const { row, record } of rows) {
        const key = record.externalId === null ? `n:${nameKey(record.name)}` : `x:${record.externalId}`;
        const first = firstRowOf.get(key);
        if (first !== undefined) {
          ctx.fail(row, record.externalId === null ? 'name' : 'externalId', record.externalId ?? record.name, `This product is also on row ${first}`);
          continue;
        }
        firstRowOf.set(key, row);
        let existing: SqlRow | null = record.externalId === null ? null : (stored.get(record.externalId) ?? null);
        if (existing === null) {
          const named = (byName.get(nameKey(record.name)) ?? []).filter((p) => record.externalId === null || p.external_id === null);
          if (named.length > 1 && record.externalId === null) {
            ctx.fail(row, 'name', record.name, `${named.length} products are named "${record.name}"; add ids to tell them apart`);
            continue;
          }
          existing = named.length === 1 ? (named[0] ?? null) : null;
        }
        const externalId = record.externalId ?? (existing === null ? null : (existing.external_id as string | null));
        items.push({ values: [externalId, record.name, record.code, record.family, flag(record.active)], existing });
      }
      const results = await upsertRows(ctx, PRODUCT_SPEC, items);
      results.forEach((result, i) => {
        ctx.count(result.outcome);
        const values = items[i]?.values ?? [];
        // Later rows of the file see this product as stored.
        const row: SqlRow = Object.fromEntries([['id', result.id] as const, ...PRODUCT_SPEC.columns.map((c, j) => [c.name, values[j] ?? null] as const)]);
        if (row.external_id !== null) stored.set(String(row.external_id), row);
        const key = nameKey(String(row.name));
        byName.set(key, [...(byName.get(key) ?? []).filter((p) => p.id !== result.id), row]);
      });
    },
    finish(): Promise<void> {
      return Promise.resolve();
    },
  };
}
