import type { CurrencyCode } from '../../core/shared/currency.ts';
import { rateOn, type ExchangeRate } from '../../core/shared/exchange-rates.ts';
import { conversionFactor, convertMinor, type ConversionFactor } from '../../core/shared/money.ts';
import type { PlainDate } from '../../core/shared/plain-date.ts';
import { listCurrencyRates } from '../../store/currency-rate-repository.ts';
import type { Store } from '../../store/database.ts';

/**
 * Brings each deal's amount into the report currency at the rate in force on its close date (a
 * booking is worth what it was worth the day it closed; an open deal's future close date takes the
 * latest rate known). Each deal is converted on its own and rounded half-up to the minor unit, so a
 * total is the sum of the converted deals a drill-down lists. Throws DomainError 'missing_rate'.
 */
export interface ReportConverter {
  readonly currency: CurrencyCode;
  convert(amountMinor: number, currency: CurrencyCode, date: PlainDate): number;
}

export function reportConverter(target: CurrencyCode, corporate: CurrencyCode, rates: readonly ExchangeRate[]): ReportConverter {
  // rateOn scans the rate list and a rate is parsed to a fraction: a report converts thousands of
  // deals over a few hundred dates, so each (currency, day) factor is worked out once.
  const factors = new Map<string, ConversionFactor>();
  const factorOf = (currency: CurrencyCode, date: PlainDate): ConversionFactor => {
    const key = `${currency}|${date}`;
    let found = factors.get(key);
    if (found === undefined) {
      found = conversionFactor(currency, target, rateOn(rates, currency, date, corporate), rateOn(rates, target, date, corporate));
      factors.set(key, found);
    }
    return found;
  };
  return {
    currency: target,
    convert(amountMinor, currency, date) {
      if (currency === target) return amountMinor;
      // The same single rounding as convertOn (convertMoneyVia), with the day's factor computed once.
      return convertMinor(amountMinor, factorOf(currency, date));
    },
  };
}

/** A converter into `target` with the workspace's rates. */
export async function loadReportConverter(store: Store, target: CurrencyCode, corporate: CurrencyCode): Promise<ReportConverter> {
  return reportConverter(target, corporate, await listCurrencyRates(store.db));
}
