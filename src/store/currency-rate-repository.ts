import type { Kysely } from 'kysely';
import type { CurrencyCode } from '../core/shared/currency.ts';
import type { PlainDate } from '../core/shared/plain-date.ts';
import { inTransaction } from './in-transaction.ts';
import { newId } from './new-id.ts';
import type { Database } from './schema.ts';

/**
 * A conversion rate: units of `currency` per one unit of the corporate currency, as a decimal
 * string. `startDate` null is the static rate (Salesforce CurrencyType); a date starts a dated
 * rate (DatedConversionRate) that holds until the next one.
 */
export interface CurrencyRate {
  readonly currency: CurrencyCode;
  readonly startDate: PlainDate | null;
  readonly rate: string;
}

export interface CurrencyRateInput extends CurrencyRate {
  readonly externalId?: string | null;
}

export interface UpsertCounts {
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
}

const keyOf = (currency: string, startDate: string | null): string => `${currency}|${startDate ?? ''}`;

/**
 * Inserts or updates rates, matched by external id when given, else by currency and start date
 * (one static rate per currency, one dated rate per currency and day). Atomic.
 */
export async function upsertCurrencyRates(db: Kysely<Database>, rates: readonly CurrencyRateInput[]): Promise<UpsertCounts> {
  return inTransaction(db, async (trx) => {
    const existing = await trx.selectFrom('currency_rate').selectAll().execute();
    const byExternal = new Map(existing.filter((r) => r.external_id !== null).map((r) => [r.external_id ?? '', r]));
    const byKey = new Map(existing.map((r) => [keyOf(r.currency, r.start_date), r]));
    let inserted = 0;
    let updated = 0;
    let unchanged = 0;
    for (const rate of rates) {
      const externalId = rate.externalId ?? null;
      const match = (externalId === null ? undefined : byExternal.get(externalId)) ?? byKey.get(keyOf(rate.currency, rate.startDate));
      if (match === undefined) {
        const row = { id: newId('exchangeRate'), external_id: externalId, currency: rate.currency, start_date: rate.startDate, rate: rate.rate };
        await trx.insertInto('currency_rate').values(row).execute();
        byKey.set(keyOf(row.currency, row.start_date), row);
        if (externalId !== null) byExternal.set(externalId, row);
        inserted += 1;
      } else if (match.currency === rate.currency && match.start_date === rate.startDate && match.rate === rate.rate && (externalId === null || match.external_id === externalId)) {
        unchanged += 1;
      } else {
        const values = { currency: rate.currency, start_date: rate.startDate, rate: rate.rate, external_id: externalId ?? match.external_id };
        await trx.updateTable('currency_rate').set(values).where('id', '=', match.id).execute();
        byKey.delete(keyOf(match.currency, match.start_date));
        const row = { ...match, ...values };
        byKey.set(keyOf(row.currency, row.start_date), row);
        if (row.external_id !== null) byExternal.set(row.external_id, row);
        updated += 1;
      }
    }
    return { inserted, updated, unchanged };
  });
}

/** Every rate, by currency, the static rate before the dated ones, dated ones by start date. */
export async function listCurrencyRates(db: Kysely<Database>): Promise<CurrencyRate[]> {
  const rows = await db.selectFrom('currency_rate').select(['currency', 'start_date', 'rate']).execute();
  return rows
    .map((r) => ({ currency: r.currency as CurrencyCode, startDate: r.start_date as PlainDate | null, rate: r.rate }))
    .sort((a, b) => (a.currency !== b.currency ? (a.currency < b.currency ? -1 : 1) : (a.startDate ?? '') < (b.startDate ?? '') ? -1 : (a.startDate ?? '') > (b.startDate ?? '') ? 1 : 0));
}
