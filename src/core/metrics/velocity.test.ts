import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { calculateSalesVelocity } from './velocity.ts';
import { d, opportunityOf, Q1_2026, Q1_DEALS, shuffledArbitrary } from './testing/metric-fixtures.ts';

describe('calculateSalesVelocity', () => {
  it('multiplies open deals, win rate and deal size and divides by the mean cycle', () => {
    // Open deals e, f, g, h = 4; win rate 2 ÷ 3; average deal 170,050 ÷ 2 = 85,025; mean cycle 151 ÷ 2 = 75.5.
    // 4 × 2 × 170,050 × 2 ÷ (3 × 2 × 151) = 2,720,800 ÷ 906 = 3,003.09 → 3,003 cents a day.
    expect(calculateSalesVelocity(Q1_DEALS, Q1_2026)).toEqual({
      minorPerDay: 3_003,
      openCount: 4,
      winRateByCount: 2 / 3,
      averageDealSizeMinor: 85_025,
      meanCycleDays: 75.5,
    });
  });

  it('has no velocity when no deal closed in the period', () => {
    expect(calculateSalesVelocity(Q1_DEALS.filter((o) => !o.isClosed), Q1_2026).minorPerDay).toBeNull();
  });

  it('has no velocity when every won deal closed the day it was created', () => {
    const deals = [
      opportunityOf({ id: 'x', isClosed: true, isWon: true, createdDate: d('2026-02-01'), closeDate: d('2026-02-01') }),
      opportunityOf({ id: 'y' }),
    ];
    expect(calculateSalesVelocity(deals, Q1_2026).minorPerDay).toBeNull();
  });

  it('never changes when the deals are reordered', () => {
    fc.assert(
      fc.property(shuffledArbitrary, ([list, shuffled]) => {
        expect(calculateSalesVelocity(shuffled, Q1_2026)).toEqual(calculateSalesVelocity(list, Q1_2026));
      }),
    );
  });
});
