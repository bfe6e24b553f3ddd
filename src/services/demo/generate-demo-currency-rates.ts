import type { CurrencyRateRecord } from '../../import/records.ts';
import type { CurrencyCode } from '../../core/shared/currency.ts';
import { datePartsOf, plainDateFromParts, type PlainDate } from '../../core/shared/plain-date.ts';
import { demoExternalId } from './demo-external-id.ts';
import type { SeededRandom } from './seeded-random.ts';

export const DEMO_CORPORATE_CURRENCY = 'USD' as CurrencyCode;

interface RateWalk {
  readonly currency: CurrencyCode;
  readonly start: number;
  readonly monthlyStep: number;
  readonly low: number;
  readonly high: number;
}

// Units of the currency per US dollar, kept inside the band each rate has moved in over recent years.
const WALKS: readonly RateWalk[] = [
  { currency: 'EUR' as CurrencyCode, start: 0.91, monthlyStep: 0.012, low: 0.85, high: 0.95 },
  { currency: 'GBP' as CurrencyCode, start: 0.79, monthlyStep: 0.009, low: 0.75, high: 0.82 },
];

export interface DemoCurrencyRates {
  readonly records: readonly CurrencyRateRecord[];
  /**
   * The dated rate in force in a month (units per US dollar), as a float: used only to size a deal
   * in its own currency before its amount is rounded to whole minor units, never to convert money.
   */
  readonly approximateRate: (currency: CurrencyCode, date: PlainDate) => number;
}

/** Six decimals, written from an integer count of millionths so no float formatting is involved. */
function formatRate(rate: number): string {
  const micros = Math.round(rate * 1_000_000);
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, '0')}`;
}

function monthKey(date: PlainDate): string {
  return date.slice(0, 7);
}

/**
 * The corporate currency (US dollar) with rate 1, a static rate for the euro and the pound (their
 * latest values, as Salesforce's CurrencyType holds), and a dated rate for each from the first of
 * every month between `from` and `today` (DatedConversionRate). The rates follow a bounded random walk.
 */
export function generateDemoCurrencyRates(random: SeededRandom, from: PlainDate, today: PlainDate): DemoCurrencyRates {
  const months: PlainDate[] = [];
  const start = datePartsOf(from);
  const end = datePartsOf(today);
  for (let index = start.year * 12 + start.month - 1; index <= end.year * 12 + end.month - 1; index += 1) {
    months.push(plainDateFromParts(Math.floor(index / 12), (index % 12) + 1, 1));
  }

  const dated: CurrencyRateRecord[] = [];
  const latest: { currency: CurrencyCode; rate: string }[] = [];
  const byMonth = new Map<string, number>();
  for (const walk of WALKS) {
    let value = walk.start + random.normal(0, walk.monthlyStep);
    let rate = formatRate(value);
    for (const month of months) {
      value += random.normal(0, walk.monthlyStep);
      // Reflect at the band's edges so the walk stays plausible over any number of months.
      if (value > walk.high) value = 2 * walk.high - value;
      if (value < walk.low) value = 2 * walk.low - value;
      value = Math.min(walk.high, Math.max(walk.low, value));
      rate = formatRate(value);
      byMonth.set(`${walk.currency}:${monthKey(month)}`, Number(rate));
      dated.push({ externalId: null, currency: walk.currency, startDate: month, rate, isCorporate: false });
    }
    latest.push({ currency: walk.currency, rate });
  }

  const statics: CurrencyRateRecord[] = [
    { externalId: null, currency: DEMO_CORPORATE_CURRENCY, startDate: null, rate: '1', isCorporate: true },
    ...latest.map(({ currency, rate }) => ({ externalId: null, currency, startDate: null, rate, isCorporate: false })),
  ];
  const records = [...statics, ...dated].map((record, index) => ({ ...record, externalId: demoExternalId('currencyRate', index + 1) }));

  return {
    records,
    approximateRate: (currency, date) => {
      if (currency === DEMO_CORPORATE_CURRENCY) return 1;
      const rate = byMonth.get(`${currency}:${monthKey(date)}`);
      if (rate === undefined) throw new RangeError(`No demo rate for ${currency} in ${monthKey(date)}`);
      return rate;
    },
  };
}
