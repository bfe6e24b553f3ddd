import { multiplyMoney } from '../../core/shared/money.ts';
import type { LineItemRecord, ParsedRow, ProductRef } from '../records.ts';
import { refText, type EntityWriter } from './entity-writer.ts';
import type { ImportContext } from './import-context.ts';
import type { ImportLookups } from './import-lookups.ts';
import type { SqlRow, SqlValue } from './import-transaction.ts';
import { storedColumns, upsertRows, type TableSpec, type UpsertItem } from './keyed-upsert.ts';
import { refKey } from './opportunity-locator.ts';
import { nameKey } from './reference-directory.ts';

const text = 'text' as const;

const LINE_ITEM_SPEC: TableSpec = {
  table: 'opportunity_line_item',
  idKind: 'lineItem',
  timestamps: false,
  columns: [
    { name: 'external_id', type: text },
    { name: 'opportunity_id', type: text },
    { name: 'product_id', type: text },
    { name: 'quantity', type: text },
    { name: 'unit_price_minor', type: 'bigint' },
    { name: 'total_minor', type: 'bigint' },
    { name: 'currency', type: text },
  ],
};
const STORED = storedColumns(LINE_ITEM_SPEC);
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

interface Prepared {
  readonly row: number;
  readonly record: LineItemRecord;
  readonly values: SqlValue[];
}

/**
 * Opportunity line items, upserted by external id (or, without one, by opportunity and product).
 * Without a total price the total is quantity × unit price, rounded half-up to the minor unit.
 */
export function createLineItemWriter(ctx: ImportContext, lookups: ImportLookups): EntityWriter<'line_item'> {
  const firstRowOf = new Map<string, number>();
  let products: { byExternalId: Map<string, string>; byName: Map<string, string[]> } | null = null;

  async function productIndex(): Promise<NonNullable<typeof products>> {
    if (products === null) {
      const byExternalId = new Map<string, string>();
      const byName = new Map<string, string[]>();
      for (const p of await ctx.tx.all<{ id: string; external_id: string | null; name: string }>('SELECT id, external_id, name FROM product')) {
        if (p.external_id !== null) byExternalId.set(p.external_id, p.id);
        byName.set(nameKey(p.name), [...(byName.get(nameKey(p.name)) ?? []), p.id]);
      }
      products = { byExternalId, byName };
    }
    return products;
  }

  function productId(index: NonNullable<typeof products>, ref: ProductRef): { id: string } | { error: string } {
    if ('externalId' in ref) {
      const id = index.byExternalId.get(ref.externalId);
      return id === undefined ? { error: `No product has the id "${ref.externalId}"` } : { id };
    }
    const ids = index.byName.get(nameKey(ref.name)) ?? [];
    if (ids.length === 1 && ids[0] !== undefined) return { id: ids[0] };
    return { error: ids.length === 0 ? `No product is named "${ref.name}"` : `${ids.length} products are named "${ref.name}"` };
  }

  return {
    async writeBatch(rows: readonly ParsedRow<'line_item'>[]): Promise<void> {
      const index = await productIndex();
      const resolved = await lookups.opportunities.resolveAll(ctx, rows.map((r) => r.record.opportunityRef));
      const batch: Prepared[] = [];
      for (const { row, record } of rows) {
        const errorsBefore = ctx.errorCount;
        const opportunity = resolved.get(refKey(record.opportunityRef));
        if (opportunity === undefined || 'error' in opportunity) {
          ctx.fail(row, 'opportunityRef', refText(record.opportunityRef), opportunity?.error ?? 'Not found');
        }
        let product: string | null = null;
        if (record.productRef !== null) {
          const found = productId(index, record.productRef);
          if ('error' in found) ctx.fail(row, 'productRef', refText(record.productRef), found.error);
          else product = found.id;
        }
        if (!DECIMAL.test(record.quantity.trim())) ctx.fail(row, 'quantity', record.quantity, 'The quantity is not a decimal number');
        if (record.totalPrice !== null && record.totalPrice.currency !== record.unitPrice.currency) {
          ctx.fail(row, 'totalPrice', String(record.totalPrice.minor), `The total is in ${record.totalPrice.currency} but the unit price in ${record.unitPrice.currency}`);
        }
        if (record.externalId !== null) {
          const first = firstRowOf.get(record.externalId);
          if (first !== undefined) ctx.fail(row, 'externalId', record.externalId, `The id "${record.externalId}" is also on row ${first}`);
          else firstRowOf.set(record.externalId, row);
        }
        if (ctx.errorCount > errorsBefore || opportunity === undefined || 'error' in opportunity) continue;
        let total: number;
        try {
          total = record.totalPrice?.minor ?? multiplyMoney(record.unitPrice, record.quantity.trim()).minor;
        } catch (error) {
          ctx.fail(row, 'totalPrice', null, (error as Error).message);
          continue;
        }
        const values: SqlValue[] = [record.externalId, opportunity.target.id, product, record.quantity.trim(), record.unitPrice.minor, total, record.unitPrice.currency];
        batch.push({ row, record, values });
      }
      const stored = new Map<string, SqlRow>();
      const externalIds = batch.flatMap((p) => (p.record.externalId === null ? [] : [p.record.externalId]));
      for (const r of await ctx.tx.selectIn(LINE_ITEM_SPEC.table, STORED, 'external_id', externalIds)) stored.set(`x:${String(r.external_id)}`, r);
      const opportunityIds = [...new Set(batch.filter((p) => p.record.externalId === null).map((p) => String(p.values[1])))];
      for (const r of await ctx.tx.selectIn(LINE_ITEM_SPEC.table, STORED, 'opportunity_id', opportunityIds)) {
        stored.set(`o:${String(r.opportunity_id)}\u0000${String(r.product_id)}`, r);
      }
      const seen = new Set<string>();
      const items: UpsertItem[] = [];
      for (const p of batch) {
        const key = p.record.externalId === null ? `o:${String(p.values[1])}\u0000${String(p.values[2])}` : `x:${p.record.externalId}`;
        if (p.record.externalId === null && seen.has(key)) {
          ctx.fail(p.row, 'productRef', p.record.productRef === null ? null : refText(p.record.productRef), 'The same product is on this opportunity twice; add line item ids to keep both');
          continue;
        }
        seen.add(key);
        const existing = stored.get(key) ?? null;
        if (p.record.externalId === null && existing !== null) p.values[0] = existing.external_id ?? null;
        items.push({ values: p.values, existing });
      }
      const results = await upsertRows(ctx, LINE_ITEM_SPEC, items);
      results.forEach((result) => ctx.count(result.outcome));
    },
    finish(): Promise<void> {
      return Promise.resolve();
    },
  };
}
