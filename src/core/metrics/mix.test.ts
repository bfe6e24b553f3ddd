import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { calculateForecastCategoryMix, calculateLeadSourceMix, calculateMix, calculateTypeMix } from './mix.ts';
import { opportunitiesArbitrary, opportunityOf, Q1_2026, Q1_DEALS, shuffledArbitrary } from './testing/metric-fixtures.ts';
import type { SliceDimension } from './slice-by.ts';

const DIMENSIONS: readonly SliceDimension[] = ['owner', 'type', 'lead_source', 'forecast_category', 'stage'];

describe('calculateMix', () => {
  it('gives the leftover basis point of a three-way tie to the first key', () => {
    // Open Q1 pipeline: best_case f 33,333; commit h (no amount); pipeline e 200,000. Counts 1/1/1 → 3334/3333/3333.
    // Amounts of 233,333: 33,333 → 1,428.57 bps, 0 → 0, 200,000 → 8,571.43; the spare bp goes to the larger remainder (.57).
    expect(calculateForecastCategoryMix(Q1_DEALS, Q1_2026)).toEqual({
      count: 3,
      amountMinor: 233_333,
      parts: [
        { key: 'best_case', count: 1, amountMinor: 33_333, countShareBps: 3_334, amountShareBps: 1_429 },
        { key: 'commit', count: 1, amountMinor: 0, countShareBps: 3_333, amountShareBps: 0 },
        { key: 'pipeline', count: 1, amountMinor: 200_000, countShareBps: 3_333, amountShareBps: 8_571 },
      ],
    });
  });

  it('divides bookings by type', () => {
    // New Business a 120,000 and Renewal b 50,050 of 170,050: 7,056.75 → 7,057 and 2,943.25 → 2,943 bps.
    expect(calculateTypeMix(Q1_DEALS, Q1_2026).parts.map((p) => [p.key, p.amountShareBps])).toEqual([
      ['New Business', 7_057],
      ['Renewal', 2_943],
    ]);
  });

  it('groups pipeline created without a lead source under the empty key', () => {
    // Created in Q1: h has no lead source; e Partner; b, c, d, g Web.
    expect(calculateLeadSourceMix(Q1_DEALS, Q1_2026).parts.map((p) => [p.key, p.count])).toEqual([
      ['', 1],
      ['Partner', 1],
      ['Web', 4],
    ]);
  });

  it('has no amount shares when the deals have no amount', () => {
    const mix = calculateMix([opportunityOf({ id: 'x', amountMinor: null })], 'owner');
    expect(mix.parts.map((p) => [p.countShareBps, p.amountShareBps])).toEqual([[10_000, null]]);
  });

  it('has no amount shares when an amount is negative', () => {
    const deals = [opportunityOf({ id: 'x', amountMinor: 500, ownerId: 'a' }), opportunityOf({ id: 'y', amountMinor: -100, ownerId: 'b' })];
    expect(calculateMix(deals, 'owner').parts.map((p) => p.amountShareBps)).toEqual([null, null]);
  });

  it('has no parts when there are no deals', () => {
    expect(calculateMix([], 'type')).toEqual({ count: 0, amountMinor: 0, parts: [] });
  });

  it('always has count shares that sum to exactly 10000 bps', () => {
    fc.assert(
      fc.property(opportunitiesArbitrary.filter((l) => l.length > 0), fc.constantFrom(...DIMENSIONS), (list, dimension) => {
        expect(calculateMix(list, dimension).parts.reduce((sum, p) => sum + p.countShareBps, 0)).toBe(10_000);
      }),
    );
  });

  it('always has amount shares that sum to exactly 10000 bps when the amount is positive', () => {
    fc.assert(
      fc.property(opportunitiesArbitrary, fc.constantFrom(...DIMENSIONS), (list, dimension) => {
        const mix = calculateMix(list, dimension);
        fc.pre(mix.amountMinor > 0);
        expect(mix.parts.reduce((sum, p) => sum + (p.amountShareBps ?? 0), 0)).toBe(10_000);
      }),
    );
  });

  it('always has part amounts and counts that sum to the whole', () => {
    fc.assert(
      fc.property(opportunitiesArbitrary, fc.constantFrom(...DIMENSIONS), (list, dimension) => {
        const mix = calculateMix(list, dimension);
        const count = mix.parts.reduce((sum, p) => sum + p.count, 0);
        const amountMinor = mix.parts.reduce((sum, p) => sum + p.amountMinor, 0);
        expect([count, amountMinor]).toEqual([mix.count, mix.amountMinor]);
      }),
    );
  });

  it('never changes when the deals are reordered', () => {
    fc.assert(
      fc.property(shuffledArbitrary, fc.constantFrom(...DIMENSIONS), ([list, shuffled], dimension) => {
        expect(calculateMix(shuffled, dimension)).toEqual(calculateMix(list, dimension));
      }),
    );
  });
});
