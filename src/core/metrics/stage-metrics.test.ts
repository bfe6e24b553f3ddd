import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { calculateStageConversion, calculateTimeInStage } from './stage-metrics.ts';
import { d, opportunityOf, Q1_2026 } from './testing/metric-fixtures.ts';
import type { StageEntry } from './metric-input.ts';
import { errorCodeOf } from '../testing/error-code-of.ts';

const STAGES = ['p', 'q', 'r', 'won'];
const entry = (opportunityId: string, stageId: string, enteredAt: string): StageEntry => ({ opportunityId, stageId, enteredAt: d(enteredAt) });

/**
 * o1 p → q → r → won; o2 p → q (still there); o3 p (in December) → q → lost (not in the order);
 * o4 q → won, skipping r.
 */
const HISTORY: readonly StageEntry[] = [
  entry('o1', 'p', '2026-01-05'), entry('o1', 'q', '2026-01-15'), entry('o1', 'r', '2026-02-01'), entry('o1', 'won', '2026-02-20'),
  entry('o2', 'p', '2026-01-10'), entry('o2', 'q', '2026-01-30'),
  entry('o3', 'p', '2025-12-20'), entry('o3', 'q', '2026-01-10'), entry('o3', 'lost', '2026-01-25'),
  entry('o4', 'q', '2026-02-10'), entry('o4', 'won', '2026-03-05'),
];
const DEALS = ['o1', 'o2', 'o3', 'o4'].map((id) => opportunityOf({ id }));

describe('calculateStageConversion', () => {
  it('divides the deals that reached a later stage by those that entered each stage in the period', () => {
    // p: o1, o2 entered in Q1 (o3 in December), both advanced → 2/2.
    // q: o1, o2, o3, o4 entered; o1 (to r) and o4 (to won, skipping r) advanced; o3's loss is not an advance → 2/4.
    // r: o1 → 1/1. won: o1, o4 entered, nothing lies beyond → 0/2.
    expect(calculateStageConversion(DEALS, Q1_2026, HISTORY, STAGES)).toEqual([
      { stageId: 'p', entered: 2, advanced: 2, rate: 1 },
      { stageId: 'q', entered: 4, advanced: 2, rate: 0.5 },
      { stageId: 'r', entered: 1, advanced: 1, rate: 1 },
      { stageId: 'won', entered: 2, advanced: 0, rate: 0 },
    ]);
  });

  it('reads only the history of the deals it is given', () => {
    const rows = calculateStageConversion([opportunityOf({ id: 'o2' })], Q1_2026, HISTORY, STAGES);
    expect(rows.map((r) => r.entered)).toEqual([1, 1, 0, 0]);
  });

  it('has no rate for a stage nobody entered', () => {
    expect(calculateStageConversion(DEALS, { from: d('2026-06-01'), to: d('2026-06-30') }, HISTORY, STAGES)[0]?.rate).toBeNull();
  });

  it('refuses a stage order that names a stage twice', () => {
    expect(errorCodeOf(() => calculateStageConversion(DEALS, Q1_2026, HISTORY, ['p', 'q', 'p']))).toBe('invalid_stage');
  });
});

describe('calculateTimeInStage', () => {
  it('measures completed stays that ended in the period', () => {
    // p: o1 Jan 5→15 = 10, o2 Jan 10→30 = 20, o3 Dec 20→Jan 10 = 21 → median 20, mean 51 ÷ 3 = 17.
    // q: o3 Jan 10→25 = 15, o1 Jan 15→Feb 1 = 17, o4 Feb 10→Mar 5 = 23; o2 is still in q → median 17, mean 55 ÷ 3.
    // r: o1 Feb 1→20 = 19. won: no stay has ended.
    expect(calculateTimeInStage(DEALS, Q1_2026, HISTORY, STAGES)).toEqual([
      { stageId: 'p', stays: 3, medianDays: 20, meanDays: 17 },
      { stageId: 'q', stays: 3, medianDays: 17, meanDays: 55 / 3 },
      { stageId: 'r', stays: 1, medianDays: 19, meanDays: 19 },
      { stageId: 'won', stays: 0, medianDays: null, meanDays: null },
    ]);
  });

  it('leaves out stays that ended outside the period', () => {
    // Only o3's p stay (ending 2026-01-10) ends in the first ten days of January.
    const rows = calculateTimeInStage(DEALS, { from: d('2026-01-01'), to: d('2026-01-10') }, HISTORY, STAGES);
    expect(rows[0]).toEqual({ stageId: 'p', stays: 1, medianDays: 21, meanDays: 21 });
  });
});

describe('stage metrics under reordering', () => {
  it('never change when the history is reordered', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([...HISTORY], { minLength: HISTORY.length, maxLength: HISTORY.length }), (shuffled) => {
        expect(calculateStageConversion(DEALS, Q1_2026, shuffled, STAGES)).toEqual(calculateStageConversion(DEALS, Q1_2026, HISTORY, STAGES));
        expect(calculateTimeInStage(DEALS, Q1_2026, shuffled, STAGES)).toEqual(calculateTimeInStage(DEALS, Q1_2026, HISTORY, STAGES));
      }),
    );
  });
});
