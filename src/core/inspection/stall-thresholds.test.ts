import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { calculateStallThresholds, nearestRankPercentile, stallThresholdOf, type CompletedStageStay } from './stall-thresholds.ts';
import { DEFAULT_INSPECTION_RULES, type InspectionConfig } from './inspection-rules.ts';
import { errorCodeOf } from '../testing/error-code-of.ts';

const SAMPLE = [41, 2, 30, 4, 21, 5, 15, 7, 12, 9];

describe('nearestRankPercentile', () => {
  // Sorted: 2, 4, 5, 7, 9, 12, 15, 21, 30, 41 (n = 10); the rank is ⌈p × 10 / 100⌉.
  it.each([
    [50, 9], // rank 5
    [75, 21], // rank ⌈7.5⌉ = 8
    [80, 21], // rank 8
    [81, 30], // rank ⌈8.1⌉ = 9
    [90, 30], // rank 9
    [99, 41], // rank ⌈9.9⌉ = 10
  ])('takes the %ith percentile of the sample as %i days', (percentile, expected) => {
    expect(nearestRankPercentile(SAMPLE, percentile)).toBe(expected);
  });

  it('has no percentile of no values', () => {
    expect(nearestRankPercentile([], 80)).toBeNull();
  });

  it('refuses a percentile of 0', () => {
    expect(errorCodeOf(() => nearestRankPercentile(SAMPLE, 0))).toBe('invalid_inspection_rules');
  });

  it('always gives a value with at least p % of the values at or below it and fewer than p % below it', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 60 }), fc.integer({ min: 50, max: 99 }), (values, p) => {
        const t = nearestRankPercentile(values, p);
        expect(values).toContain(t);
        expect(values.filter((v) => v <= (t ?? -1)).length * 100).toBeGreaterThanOrEqual(p * values.length);
        expect(values.filter((v) => v < (t ?? -1)).length * 100).toBeLessThan(p * values.length);
      }),
    );
  });
});

const stays = (processId: string, stageId: string, days: readonly number[]): CompletedStageStay[] => days.map((n) => ({ processId, stageId, days: n }));

const CONFIG: InspectionConfig = {
  defaults: DEFAULT_INSPECTION_RULES,
  byProcess: { proc_partner: { stalledPercentile: 60 }, proc_renewal: { stalledPercentile: null } },
};

/**
 * proc_new: stg_neg has 5 stays (sorted 1, 3, 6, 8, 10), stg_demo only 4.
 * proc_partner (60th percentile): stg_neg has the same 5 stays. proc_renewal: the rule is off.
 */
const STAYS: readonly CompletedStageStay[] = [
  ...stays('proc_new', 'stg_neg', [10, 3, 8, 1, 6]),
  ...stays('proc_new', 'stg_demo', [4, 9, 2, 7]),
  ...stays('proc_partner', 'stg_neg', [10, 3, 8, 1, 6]),
  ...stays('proc_renewal', 'stg_neg', [10, 3, 8, 1, 6]),
];

describe('calculateStallThresholds', () => {
  it('takes each stage at the stalled percentile of its own process', () => {
    const thresholds = calculateStallThresholds(STAYS, CONFIG);
    // 80th of 5 stays: rank ⌈4⌉ = 4 → 8 days; 60th: rank ⌈3⌉ = 3 → 6 days.
    expect(stallThresholdOf(thresholds, 'proc_new', 'stg_neg')).toEqual({ processId: 'proc_new', stageId: 'stg_neg', percentile: 80, days: 8, samples: 5 });
    expect(stallThresholdOf(thresholds, 'proc_partner', 'stg_neg')).toEqual({ processId: 'proc_partner', stageId: 'stg_neg', percentile: 60, days: 6, samples: 5 });
  });

  it('gives no threshold to a stage with fewer stays than the minimum', () => {
    expect(stallThresholdOf(calculateStallThresholds(STAYS, CONFIG), 'proc_new', 'stg_demo')).toBeNull();
  });

  it('gives a threshold once the stage has the minimum number of stays', () => {
    // 80th of 4 stays (sorted 2, 4, 7, 9): rank ⌈3.2⌉ = 4 → 9 days.
    expect(stallThresholdOf(calculateStallThresholds(STAYS, CONFIG, 4), 'proc_new', 'stg_demo')?.days).toBe(9);
  });

  it('gives no threshold in a process whose stalled rule is off', () => {
    expect(calculateStallThresholds(STAYS, CONFIG).has('proc_renewal')).toBe(false);
  });

  it('gives no threshold to a stage nobody has left', () => {
    expect(stallThresholdOf(calculateStallThresholds(STAYS, CONFIG), 'proc_new', 'stg_proposal')).toBeNull();
  });

  it('refuses a stay of a negative number of days', () => {
    expect(errorCodeOf(() => calculateStallThresholds(stays('proc_new', 'stg_neg', [-1]), CONFIG))).toBe('invalid_opportunity');
  });

  it('refuses a minimum of no stays', () => {
    expect(errorCodeOf(() => calculateStallThresholds(STAYS, CONFIG, 0))).toBe('invalid_inspection_rules');
  });

  it('never changes when the stays are reordered', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...STAYS], { minLength: STAYS.length, maxLength: STAYS.length }), (shuffled) => {
        expect(calculateStallThresholds(shuffled, CONFIG)).toEqual(calculateStallThresholds(STAYS, CONFIG));
      }),
    );
  });
});
