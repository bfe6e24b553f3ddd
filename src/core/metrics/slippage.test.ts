import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { calculateSlippage } from './slippage.ts';
import { d, opportunityOf, Q1_2026, shuffledArbitrary } from './testing/metric-fixtures.ts';
import { errorCodeOf } from '../testing/error-code-of.ts';

describe('calculateSlippage', () => {
  it('counts open pushed deals dated on or after the period start, by pushed amount when known', () => {
    // x pushed twice, 500.00 → 50,000; y pushed once, 2,000.00 of which 1,200.00 was pushed → 120,000.
    // Not slipped: z never pushed, w closed, v pushed but now dated before the period (overdue).
    const deals = [
      opportunityOf({ id: 'x', pushCount: 2, amountMinor: 50_000, closeDate: d('2026-02-01') }),
      opportunityOf({ id: 'y', pushCount: 1, amountMinor: 200_000, pushedAmountMinor: 120_000, closeDate: d('2026-05-01') }),
      opportunityOf({ id: 'z', pushCount: 0 }),
      opportunityOf({ id: 'w', pushCount: 1, isClosed: true }),
      opportunityOf({ id: 'v', pushCount: 1, closeDate: d('2025-12-31') }),
    ];
    expect(calculateSlippage(deals, Q1_2026)).toEqual({ count: 2, amountMinor: 170_000, pushes: 3 });
  });

  it('refuses a push count that is not a whole number of times', () => {
    expect(errorCodeOf(() => calculateSlippage([opportunityOf({ id: 'x', pushCount: -1 })], Q1_2026))).toBe('invalid_opportunity');
  });

  it('never changes when the deals are reordered', () => {
    fc.assert(
      fc.property(shuffledArbitrary, ([list, shuffled]) => {
        expect(calculateSlippage(shuffled, Q1_2026)).toEqual(calculateSlippage(list, Q1_2026));
      }),
    );
  });
});
