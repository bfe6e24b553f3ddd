import type { ParsedRow } from '../records.ts';
import type { EntityWriter } from './entity-writer.ts';
import type { ImportContext } from './import-context.ts';
import type { SqlRow } from './import-transaction.ts';
import { storedColumns, upsertRows, type TableSpec, type UpsertItem } from './keyed-upsert.ts';

const text = 'text' as const;

const RATE_SPEC: TableSpec = {
  table: 'currency_rate',
  idKind: 'exchangeRate',
  timestamps: false,
  columns: [
    { name: 'external_id', type: text },
    { name: 'currency', type: text },
    { name: 'start_date', type: text },
    { name: 'rate', type: text },
  ],
};

const POSITIVE_DECIMAL = /^(\d+(\.\d*)?|\.\d+)$/;

const naturalKey = (currency: string, startDate: string | null): string => `${currency}\u0000${startDate ?? ''}`;

/**
 * Currency rates (CurrencyType: static, DatedConversionRate: from a start date), upserted by
 * external id or by currency and start date; the few hundred rows are read whole once per file.
 * A rate marked corporate sets the workspace's corporate currency, but only while no opportunity
 * exists: afterwards every stored conversion would silently change meaning.
 */
export function createCurrencyRateWriter(ctx: ImportContext): EntityWriter<'currency_rate'> {
  let loaded: { byExternalId: Map<string, SqlRow>; byKey: Map<string, SqlRow>; corporate: string; opportunities: number } | null = null;
  const firstRowOf = new Map<string, number>();

  async function load(): Promise<NonNullable<typeof loaded>> {
    if (loaded === null) {
      const byExternalId = new Map<string, SqlRow>();
      const byKey = new Map<string, SqlRow>();
      for (const row of await ctx.tx.all(`SELECT ${storedColumns(RATE_SPEC).join(', ')} FROM currency_rate`)) {
        if (row.external_id !== null) byExternalId.set(String(row.external_id), row);
        byKey.set(naturalKey(String(row.currency), row.start_date === null ? null : String(row.start_date)), row);
      }
      const [workspace] = await ctx.tx.all<{ corporate_currency: string }>('SELECT corporate_currency FROM workspace');
      const [count] = await ctx.tx.all<{ n: number }>('SELECT count(*) AS n FROM opportunity');
      loaded = { byExternalId, byKey, corporate: workspace?.corporate_currency ?? '', opportunities: Number(count?.n ?? 0) };
    }
    return loaded;
  }

  return {
    async writeBatch(rows: readonly ParsedRow<'currency_rate'>[]): Promise<void> {
      const state = await load();
      const items: UpsertItem[] = [];
      for (const { row, record } of rows) {
        const key = naturalKey(record.currency, record.startDate);
        const first = firstRowOf.get(key);
        if (first !== undefined) {
          ctx.fail(row, 'currency', record.currency, `The ${record.startDate === null ? 'static rate' : `rate from ${record.startDate}`} of ${record.currency} is also on row ${first}`);
          continue;
        }
        if (!POSITIVE_DECIMAL.test(record.rate.trim()) || Number(record.rate) <= 0) {
          ctx.fail(row, 'rate', record.rate, 'A conversion rate must be a positive decimal number');
          continue;
        }
        if (record.isCorporate && record.currency !== state.corporate) {
          if (state.opportunities > 0) {
            ctx.fail(
              row,
              'isCorporate',
              'true',
              `The workspace's corporate currency is ${state.corporate} and it already has ${state.opportunities} opportunities, so it cannot become ${record.currency}; change it before importing deals, or unmark this row`,
            );
            continue;
          }
          await ctx.tx.run('UPDATE workspace SET corporate_currency = ?', [record.currency]);
          ctx.note(`The workspace's corporate currency is now ${record.currency} (was ${state.corporate}).`);
          state.corporate = record.currency;
        }
        firstRowOf.set(key, row);
        const existing = (record.externalId === null ? undefined : state.byExternalId.get(record.externalId)) ?? state.byKey.get(key) ?? null;
        const externalId = record.externalId ?? (existing === null ? null : (existing.external_id as string | null));
        items.push({ values: [externalId, record.currency, record.startDate, record.rate.trim()], existing });
      }
      const results = await upsertRows(ctx, RATE_SPEC, items);
      results.forEach((result) => ctx.count(result.outcome));
    },
    finish(): Promise<void> {
      return Promise.resolve();
    },
  };
}
