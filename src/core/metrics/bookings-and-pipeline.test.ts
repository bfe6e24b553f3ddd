import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  calculateBookings,
  calculateCoverage,
  calculateOpenPipeline,
  calculatePipelineCreated,
  calculateWeightedPipeline,
  weightedAmountMinor,
} from './bookings-and-pipeline.ts';
import { d, opportunityOf, Q1_2026, Q1_DEALS, shuffledArbitrary } from './testing/metric-fixtures.ts';
import { errorCodeOf } from '../testing/error-code-of.ts';

describe('calculateBookings', () => {
  it('sums won deals whose close date is in the period, both ends included', () => {
    // a 120,000 (2026-02-10) + b 50,050 (2026-03-31, the last day) = 170,050; c closes 2026-04-01.
    expect(calculateBookings(Q1_DEALS, Q1_2026)).toEqual({ amountMinor: 170_050, count: 2, withoutAmountCount: 0 });
  });

  it('counts a won deal without an amount but adds nothing for it', () => {
    const deals = [opportunityOf({ id: 'x', isClosed: true, isWon: true, amountMinor: null })];
    expect(calculateBookings(deals, Q1_2026)).toEqual({ amountMinor: 0, count: 1, withoutAmountCount: 1 });
  });

  it('refuses a period that ends before it starts', () => {
    expect(errorCodeOf(() => calculateBookings(Q1_DEALS, { from: d('2026-03-31'), to: d('2026-01-01') }))).toBe('invalid_period');
  });

  it('refuses a sum outside the safe integer range rather than losing cents', () => {
    const deals = [1, 2].map((i) => opportunityOf({ id: `x${i}`, isClosed: true, isWon: true, amountMinor: Number.MAX_SAFE_INTEGER }));
    expect(errorCodeOf(() => calculateBookings(deals, Q1_2026))).toBe('invalid_money');
  });
});

describe('calculatePipelineCreated', () => {
  it('sums every deal created in the period whatever its state now', () => {
    // Created in Q1: b 50,050 + c 999,999 + d 30,000 + e 200,000 + g 70,000 + h (none) = 1,350,049.
    expect(calculatePipelineCreated(Q1_DEALS, Q1_2026)).toEqual({ amountMinor: 1_350_049, count: 6, withoutAmountCount: 1 });
  });
});

describe('calculateOpenPipeline', () => {
  it('sums open deals whose close date is in the period', () => {
    // e 200,000 + f 33,333 + h (none) = 233,333; g closes in May.
    expect(calculateOpenPipeline(Q1_DEALS, Q1_2026)).toEqual({ amountMinor: 233_333, count: 3, withoutAmountCount: 1 });
  });
});

describe('calculateWeightedPipeline', () => {
  it('weights each open deal by its probability and rounds each half-up', () => {
    // e 200,000 × 25 % = 50,000; f 33,333 × 50 % = 16,666.5 → 16,667; h none → 0. Total 66,667.
    expect(calculateWeightedPipeline(Q1_DEALS, Q1_2026).amountMinor).toBe(66_667);
  });

  it('rounds once per deal, so two half cents make two cents, not one', () => {
    // 1 × 50 % = 0.5 → 1 per deal; 2 in all (rounding the 1.0 total would also give 1).
    const deals = ['x', 'y'].map((id) => opportunityOf({ id, amountMinor: 1, probabilityBps: 5_000 }));
    expect(calculateWeightedPipeline(deals, Q1_2026).amountMinor).toBe(2);
  });

  it.each([
    [10_001],
    [-1],
    [12.5],
  ])('refuses a probability of %d bps', (probabilityBps) => {
    expect(errorCodeOf(() => weightedAmountMinor(opportunityOf({ id: 'x', probabilityBps })))).toBe('invalid_opportunity');
  });

  it('rounds a negative weighted amount away from zero at a half', () => {
    // -3 × 50 % = -1.5 → -2.
    expect(weightedAmountMinor(opportunityOf({ id: 'x', amountMinor: -3, probabilityBps: 5_000 }))).toBe(-2);
  });
});

describe('calculateCoverage', () => {
  it('divides open pipeline by the target left after bookings', () => {
    // 500,000 − 170,050 = 329,950 left; 233,333 ÷ 329,950.
    expect(calculateCoverage(Q1_DEALS, Q1_2026, 500_000)).toEqual({
      ratio: 233_333 / 329_950,
      openPipelineMinor: 233_333,
      bookingsMinor: 170_050,
      remainingTargetMinor: 329_950,
    });
  });

  it.each([
    ['is exactly met', 170_050, 0],
    ['is exceeded', 100_000, -70_050],
  ])('has no ratio when the target %s', (_label, targetMinor, remainingTargetMinor) => {
    const coverage = calculateCoverage(Q1_DEALS, Q1_2026, targetMinor);
    expect([coverage.ratio, coverage.remainingTargetMinor]).toEqual([null, remainingTargetMinor]);
  });
});

describe('bookings and pipeline under reordering', () => {
  it('never change when the deals are reordered', () => {
    fc.assert(
      fc.property(shuffledArbitrary, ([list, shuffled]) => {
        for (const calculate of [calculateBookings, calculatePipelineCreated, calculateOpenPipeline, calculateWeightedPipeline]) {
          expect(calculate(shuffled, Q1_2026)).toEqual(calculate(list, Q1_2026));
        }
        expect(calculateCoverage(shuffled, Q1_2026, 5_000_000)).toEqual(calculateCoverage(list, Q1_2026, 5_000_000));
      }),
    );
  });
});
