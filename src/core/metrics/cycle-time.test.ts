import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { calculateSalesCycle, cycleDays } from './cycle-time.ts';
import { d, opportunityOf, Q1_2026, Q1_DEALS, shuffledArbitrary } from './testing/metric-fixtures.ts';

const wonDeal = (id: string, createdDate: string, closeDate: string) =>
  opportunityOf({ id, isClosed: true, isWon: true, createdDate: d(createdDate), closeDate: d(closeDate) });

describe('calculateSalesCycle', () => {
  it('takes the mean of the two middle values as the median of an even count', () => {
    // a: 2025-12-01 → 2026-02-10 = 31 + 40 = 71 days; b: 2026-01-10 → 2026-03-31 = 31 + 28 + 21 = 80 days.
    // Median (71 + 80) ÷ 2 = 75.5; mean 151 ÷ 2 = 75.5. Lost deal d is not measured.
    expect(calculateSalesCycle(Q1_DEALS, Q1_2026)).toEqual({ count: 2, totalDays: 151, medianDays: 75.5, meanDays: 75.5 });
  });

  it('takes the middle value as the median of an odd count', () => {
    // 10, 20 and 90 days: median 20, mean 120 ÷ 3 = 40.
    const deals = [wonDeal('x', '2026-01-01', '2026-01-11'), wonDeal('y', '2026-01-01', '2026-01-21'), wonDeal('z', '2026-01-01', '2026-04-01')];
    expect(calculateSalesCycle(deals, { from: d('2026-01-01'), to: d('2026-06-30') })).toEqual({ count: 3, totalDays: 120, medianDays: 20, meanDays: 40 });
  });

  it('measures lost deals too when asked for every closed deal', () => {
    // a 71, b 80, d 2026-01-20 → 2026-03-01 = 11 + 29 = 40 days. Median 71, mean 191 ÷ 3.
    expect(calculateSalesCycle(Q1_DEALS, Q1_2026, 'closed')).toEqual({ count: 3, totalDays: 191, medianDays: 71, meanDays: 191 / 3 });
  });

  it('has no median or mean when no deal was won in the period', () => {
    expect(calculateSalesCycle([], Q1_2026)).toEqual({ count: 0, totalDays: 0, medianDays: null, meanDays: null });
  });

  it('counts a deal closed before its created date as zero days', () => {
    expect(cycleDays(wonDeal('x', '2026-02-01', '2026-01-15'))).toBe(0);
  });

  it('never changes when the deals are reordered', () => {
    fc.assert(
      fc.property(shuffledArbitrary, ([list, shuffled]) => {
        expect(calculateSalesCycle(shuffled, Q1_2026)).toEqual(calculateSalesCycle(list, Q1_2026));
      }),
    );
  });
});
