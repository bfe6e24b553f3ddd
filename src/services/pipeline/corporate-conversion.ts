import { Decimal } from 'decimal.js';
import { currencyExponent, type CurrencyCode } from '../../core/shared/currency.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import { rateOn, toCorporate, type ExchangeRate } from '../../core/shared/exchange-rates.ts';
import { addMoney, money, zero, type Money } from '../../core/shared/money.ts';
import type { PlainDate } from '../../core/shared/plain-date.ts';
import { listCurrencyRates } from '../../store/currency-rate-repository.ts';
import type { Store } from '../../store/database.ts';
import { getWorkspace, type Workspace } from '../../store/workspace-repository.ts';
import { ServiceError } from '../service-error.ts';

/** Amounts in several currencies brought to the corporate currency at the rates of one day. */
export interface CorporateConversion {
  readonly workspace: Workspace;
  readonly corporateCurrency: CurrencyCode;
  /**
   * The sum of amounts given per currency, in the corporate currency. Each currency's sum is
   * converted once at the day's rate and rounded half-up to the corporate minor unit, then the
   * converted sums are added: a total can differ by a minor unit or two from adding each deal
   * converted on its own. Throws DomainError 'missing_rate' for a currency with no rate that day.
   */
  total(parts: readonly { readonly currency: CurrencyCode; readonly amountMinor: number }[]): Money;
  /**
   * Corporate minor units per one minor unit of each currency that has a rate that day, as
   * decimal strings: for ordering amounts by their worth in SQL, never for money shown to anyone.
   */
  readonly sortFactors: ReadonlyMap<string, string>;
}

/** Decimals kept in a sort factor: far finer than any two amounts worth telling apart. */
const SORT_FACTOR_DECIMALS = 20;

function sortFactorsOf(rates: readonly ExchangeRate[], corporate: CurrencyCode, day: PlainDate): Map<string, string> {
  const factors = new Map<string, string>([[corporate, '1']]);
  for (const currency of new Set(rates.map((r) => r.currency))) {
    if (currency === corporate) continue;
    let rate: string;
    try {
      rate = rateOn(rates, currency, day, corporate);
    } catch (error) {
      // A currency with no usable rate that day sorts with the amounts it cannot place (last).
      if (error instanceof DomainError) continue;
      throw error;
    }
    const shift = currencyExponent(corporate) - currencyExponent(currency);
    const factor = new Decimal(10).pow(shift).dividedBy(rate).toDecimalPlaces(SORT_FACTOR_DECIMALS, Decimal.ROUND_HALF_UP);
    if (factor.gt(0)) factors.set(currency, factor.toFixed());
  }
  return factors;
}

/** The workspace's corporate currency and the rates in force on `day` (today for "current" figures). */
export async function loadCorporateConversion(store: Store, day: PlainDate): Promise<CorporateConversion> {
  const workspace = await getWorkspace(store.db);
  if (workspace === null) throw new ServiceError('not_found', 'This database has no workspace yet: run "salesops init"');
  const corporate = workspace.corporateCurrency;
  const rates = await listCurrencyRates(store.db);
  return {
    workspace,
    corporateCurrency: corporate,
    total: (parts) => parts.reduce((sum, part) => addMoney(sum, toCorporate(money(part.amountMinor, part.currency), corporate, rates, day)), zero(corporate)),
    sortFactors: sortFactorsOf(rates, corporate, day),
  };
}
