import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { calculateAverageDealSize, calculateWinRate } from './win-rate.ts';
import { d, opportunityOf, Q1_2026, Q1_DEALS, shuffledArbitrary } from './testing/metric-fixtures.ts';

describe('calculateWinRate', () => {
  it('divides won by won plus lost among deals closed in the period', () => {
    // Closed in Q1: a won 120,000, b won 50,050, d lost 30,000. By count 2 ÷ 3; by value 170,050 ÷ 200,050.
    expect(calculateWinRate(Q1_DEALS, Q1_2026)).toEqual({
      byCount: 2 / 3,
      byValue: 170_050 / 200_050,
      wonCount: 2,
      lostCount: 1,
      wonAmountMinor: 170_050,
      lostAmountMinor: 30_000,
    });
  });

  it('has no rate, rather than NaN, when no deal closed in the period', () => {
    const open = Q1_DEALS.filter((o) => !o.isClosed);
    expect([calculateWinRate(open, Q1_2026).byCount, calculateWinRate(open, Q1_2026).byValue]).toEqual([null, null]);
  });

  it('places a deal in the period it actually closed in when the closed date is known', () => {
    // Close date says April, but the deal moved to Closed Lost on 2026-03-30: it counts in Q1.
    const deals = [opportunityOf({ id: 'x', isClosed: true, closeDate: d('2026-04-15'), closedDate: d('2026-03-30') })];
    expect(calculateWinRate(deals, Q1_2026).lostCount).toBe(1);
  });

  it('never changes when the deals are reordered', () => {
    fc.assert(
      fc.property(shuffledArbitrary, ([list, shuffled]) => {
        expect(calculateWinRate(shuffled, Q1_2026)).toEqual(calculateWinRate(list, Q1_2026));
      }),
    );
  });
});

describe('calculateAverageDealSize', () => {
  it('divides bookings by the number of won deals', () => {
    // 170,050 ÷ 2 = 85,025.
    expect(calculateAverageDealSize(Q1_DEALS, Q1_2026)).toEqual({ amountMinor: 85_025, count: 2 });
  });

  it('rounds a half minor unit up and leaves unpriced won deals out of the divisor', () => {
    // (100 + 1) ÷ 2 priced deals = 50.5 → 51; the unpriced third deal is not in the divisor.
    const deals = [100, 1, null].map((amountMinor, i) => opportunityOf({ id: `x${i}`, isClosed: true, isWon: true, amountMinor }));
    expect(calculateAverageDealSize(deals, Q1_2026)).toEqual({ amountMinor: 51, count: 2 });
  });

  it('has no size when nothing priced was won', () => {
    expect(calculateAverageDealSize([], Q1_2026)).toEqual({ amountMinor: null, count: 0 });
  });
});
