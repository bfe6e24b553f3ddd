import { DomainError } from './domain-error.ts';
import type { CurrencyCode } from './currency.ts';
import { convertMoney, convertMoneyVia, type Money } from './money.ts';
import type { PlainDate } from './plain-date.ts';

/**
 * A conversion rate to the corporate currency, quoted the Salesforce way: units of `currency` per
 * one unit of the corporate currency (EUR at "0.92" when 1 USD buys 0.92 EUR), so
 * amount in corporate currency = amount / rate.
 */
export interface ExchangeRate {
  readonly currency: CurrencyCode;
  /** From this date on (inclusive) the rate applies; null marks the static rate (Salesforce CurrencyType). */
  readonly startDate: PlainDate | null;
  /** Decimal string: units of `currency` per 1 corporate. */
  readonly rate: string;
}

/**
 * The rate for `currency` on `date`, following Salesforce's DatedConversionRate semantics: a dated
 * rate applies from its start date until the start date of the next dated rate of that currency,
 * so the one with the latest start date on or before `date` wins. Before the first dated rate, or
 * with none, the static rate applies. The corporate currency is always "1".
 *
 * Throws `missing_rate` when nothing applies, and `invalid_rate` when two rates of the currency
 * share a start date (or two are static): the answer would depend on the order of the list.
 */
export function rateOn(rates: readonly ExchangeRate[], currency: CurrencyCode, date: PlainDate, corporate: CurrencyCode): string {
  if (currency === corporate) return '1';
  const own = rates.filter((r) => r.currency === currency);
  const statics = own.filter((r) => r.startDate === null);
  if (statics.length > 1) throw new DomainError('invalid_rate', `${currency} has more than one static rate`, { currency });
  let dated: ExchangeRate | undefined;
  for (const candidate of own) {
    if (candidate.startDate !== null && candidate.startDate <= date && (dated?.startDate ?? '') < candidate.startDate) dated = candidate;
  }
  if (dated !== undefined && own.filter((r) => r.startDate === dated.startDate).length > 1) {
    throw new DomainError('invalid_rate', `${currency} has two rates starting ${String(dated.startDate)}`, { currency, startDate: dated.startDate });
  }
  const fixed = statics[0];
  const chosen = dated ?? fixed;
  if (chosen === undefined) {
    throw new DomainError('missing_rate', `No ${currency} to ${corporate} rate applies on ${date}`, { currency, corporate, date });
  }
  return chosen.rate;
}

/**
 * The amount in the corporate currency at the rate in force on `date` (for a booking, its close
 * date), rounded half-up to the corporate currency's minor unit.
 */
export function toCorporate(amount: Money, corporate: CurrencyCode, rates: readonly ExchangeRate[], date: PlainDate): Money {
  return convertMoney(amount, corporate, rateOn(rates, amount.currency, date, corporate));
}

/**
 * The amount in any currency `to` at the rates in force on `date`: through the corporate currency's
 * quotes of both (the only rates a workspace holds), rounded half-up once to `to`'s minor unit.
 */
export function convertOn(amount: Money, to: CurrencyCode, corporate: CurrencyCode, rates: readonly ExchangeRate[], date: PlainDate): Money {
  if (amount.currency === to) return amount;
  if (to === corporate) return toCorporate(amount, corporate, rates, date);
  return convertMoneyVia(amount, to, rateOn(rates, amount.currency, date, corporate), rateOn(rates, to, date, corporate));
}
