import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseCurrencyCode } from './currency.ts';
import { money } from './money.ts';
import { parsePlainDate, type PlainDate } from './plain-date.ts';
import { convertOn, rateOn, toCorporate, type ExchangeRate } from './exchange-rates.ts';
import type { CurrencyCode } from './currency.ts';
import { errorCodeOf } from '../testing/error-code-of.ts';

const USD = parseCurrencyCode('USD');
const EUR = parseCurrencyCode('EUR');
const JPY = parseCurrencyCode('JPY');
const GBP = parseCurrencyCode('GBP');
const d = (value: string): PlainDate => parsePlainDate(value);

const RATES: readonly ExchangeRate[] = [
  { currency: EUR, startDate: null, rate: '0.95' },
  { currency: EUR, startDate: d('2025-04-01'), rate: '0.88' },
  { currency: EUR, startDate: d('2025-01-01'), rate: '0.92' },
  { currency: JPY, startDate: d('2025-01-01'), rate: '150' },
  { currency: GBP, startDate: null, rate: '0.8' },
];

describe('rateOn', () => {
  it.each([
    ['2024-12-31', '0.95'],
    ['2025-01-01', '0.92'],
    ['2025-03-31', '0.92'],
    ['2025-04-01', '0.88'],
    ['2030-01-01', '0.88'],
  ])('gives EUR on %s the rate %s: the latest start date on or before the day, else the static rate', (date, rate) => {
    expect(rateOn(RATES, EUR, d(date), USD)).toBe(rate);
  });

  it('uses the static rate for a currency with no dated rates', () => {
    expect(rateOn(RATES, GBP, d('2025-06-01'), USD)).toBe('0.8');
  });

  it('gives 1 for the corporate currency without looking at the list', () => {
    expect(rateOn([], USD, d('2025-06-01'), USD)).toBe('1');
  });

  it('reports a missing rate before the first dated rate when there is no static rate', () => {
    expect(errorCodeOf(() => rateOn(RATES, JPY, d('2024-12-31'), USD))).toBe('missing_rate');
    expect(errorCodeOf(() => rateOn(RATES, parseCurrencyCode('CHF'), d('2025-06-01'), USD))).toBe('missing_rate');
  });

  it('refuses two rates of one currency starting on the same day, or two static rates', () => {
    const sameDay = [...RATES, { currency: JPY, startDate: d('2025-01-01'), rate: '151' }];
    expect(errorCodeOf(() => rateOn(sameDay, JPY, d('2025-02-01'), USD))).toBe('invalid_rate');
    const twoStatic = [...RATES, { currency: GBP, startDate: null, rate: '0.81' }];
    expect(errorCodeOf(() => rateOn(twoStatic, GBP, d('2025-02-01'), USD))).toBe('invalid_rate');
  });

  it('does not depend on the order of the list', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...RATES], { minLength: RATES.length }), fc.constantFrom('2024-06-01', '2025-02-01', '2025-05-01'), (shuffled, date) => {
        expect(rateOn(shuffled, EUR, d(date), USD)).toBe(rateOn(RATES, EUR, d(date), USD));
      }),
    );
  });
});

describe('toCorporate', () => {
  it.each([
    [money(10000, EUR), '2025-02-01', money(10870, USD)],
    [money(10000, EUR), '2025-05-01', money(11364, USD)],
    [money(10000, EUR), '2024-05-01', money(10526, USD)],
    [money(1000, JPY), '2025-05-01', money(667, USD)],
    [money(-1000, JPY), '2025-05-01', money(-667, USD)],
    [money(1234, USD), '2025-05-01', money(1234, USD)],
  ])('converts %j on %s to %j: amount / rate, half-up to the cent', (amount, date, expected) => {
    expect(toCorporate(amount, USD, RATES, d(date))).toEqual(expected);
  });

  it('reports an invalid rate stored in the list', () => {
    expect(errorCodeOf(() => toCorporate(money(100, EUR), USD, [{ currency: EUR, startDate: null, rate: '0' }], d('2025-01-01')))).toBe('invalid_rate');
  });
});

describe('convertOn', () => {
  const usd = 'USD' as CurrencyCode;
  const eur = 'EUR' as CurrencyCode;
  const gbp = 'GBP' as CurrencyCode;
  const rates: ExchangeRate[] = [
    { currency: eur, startDate: parsePlainDate('2026-01-01'), rate: '0.92' },
    { currency: gbp, startDate: parsePlainDate('2026-01-01'), rate: '0.79' },
    { currency: gbp, startDate: parsePlainDate('2026-07-01'), rate: '0.80' },
  ];

  it('converts between two non-corporate currencies through their corporate quotes, rounding once', () => {
    // 100 EUR / 0.92 × 0.79 = 85.8695… GBP
    expect(convertOn({ minor: 10_000, currency: eur }, gbp, usd, rates, parsePlainDate('2026-03-01'))).toEqual({ minor: 8_587, currency: gbp });
  });

  it('uses the rates in force on the date asked for', () => {
    // 100 EUR / 0.92 × 0.80 = 86.9565… GBP
    expect(convertOn({ minor: 10_000, currency: eur }, gbp, usd, rates, parsePlainDate('2026-08-01'))).toEqual({ minor: 8_696, currency: gbp });
  });

  it('converts from the corporate currency by the target quote', () => {
    expect(convertOn({ minor: 10_000, currency: usd }, eur, usd, rates, parsePlainDate('2026-03-01'))).toEqual({ minor: 9_200, currency: eur });
  });
});
