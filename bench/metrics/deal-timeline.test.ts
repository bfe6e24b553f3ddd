import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromEpochDay, toEpochDay, type PlainDate } from '../../src/core/shared/plain-date.ts';
import { SeededRandom } from '../../src/services/demo/seeded-random.ts';
import { buildDealTimeline, type BenchProcess, type BenchStage, type DealOutcome, type HistoryField, type TimelineInput } from './deal-timeline.ts';

const stage = (id: string, isClosed = false, isWon = false): BenchStage => ({
  id, name: id, isClosed, isWon, probabilityBps: isWon ? 10_000 : 1_000, forecastCategory: isWon ? 'closed' : isClosed ? 'omitted' : 'pipeline',
});
const PROCESS: BenchProcess = {
  id: 'proc_1', name: 'New Business', openStages: ['s1', 's2', 's3', 's4', 's5'].map((id) => stage(id)), won: stage('won', true, true), lost: stage('lost', true),
};
const TODAY = toEpochDay('2026-11-20' as PlainDate);

/** Inputs as the generator draws them: created up to today, closed deals closing by today. */
const inputs = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 31 }),
    createdAgo: fc.integer({ min: 0, max: 1_400 }),
    cycle: fc.integer({ min: 0, max: 270 }),
    outcome: fc.constantFrom<DealOutcome>('won', 'lost', 'open'),
    amountMinor: fc.integer({ min: 1, max: 50_000 }).map((units) => units * 100),
  })
  .map(({ seed, createdAgo, cycle, outcome, amountMinor }) => {
    const createdDay = TODAY - createdAgo;
    // A closed deal closed by today; an open one may close any time.
    const closeDay = outcome === 'open' ? createdDay + cycle : Math.min(TODAY, createdDay + cycle);
    const input: TimelineInput = { process: PROCESS, outcome, createdDay, closeDay, amountMinor, todayDay: TODAY };
    return { seed, input };
  });

const dayOf = (instant: string): number => toEpochDay(instant.slice(0, 10) as PlainDate);

describe('buildDealTimeline', () => {
  it('ends each field on the current value: the stage reached, the amount and the close date', () => {
    fc.assert(
      fc.property(inputs, ({ seed, input }) => {
        const timeline = buildDealTimeline(new SeededRandom(seed), input);
        const last = (field: HistoryField) => timeline.changes.filter((c) => c.field === field).at(-1)?.newValue;
        expect(last('stage')).toBe(timeline.stage.id);
        expect(last('amount')).toBe(String(input.amountMinor));
        expect(last('close_date')).toBe(fromEpochDay(input.closeDay));
      }),
    );
  });

  it("chains each field's changes: the first has no old value, each later one's old value is the previous new value", () => {
    fc.assert(
      fc.property(inputs, ({ seed, input }) => {
        const previous = new Map<HistoryField, string | null>();
        for (const change of buildDealTimeline(new SeededRandom(seed), input).changes) {
          expect(change.oldValue).toBe(previous.has(change.field) ? previous.get(change.field) : null);
          expect(change.newValue).not.toBe(change.oldValue);
          previous.set(change.field, change.newValue);
        }
      }),
    );
  });

  it('records the three creation changes at one instant and every later change strictly after the one before', () => {
    fc.assert(
      fc.property(inputs, ({ seed, input }) => {
        const { changes } = buildDealTimeline(new SeededRandom(seed), input);
        expect(changes.slice(0, 3).map((c) => c.field)).toEqual(['stage', 'amount', 'close_date']);
        expect(new Set(changes.slice(0, 3).map((c) => c.changedAt)).size).toBe(1);
        changes.forEach((change, i) => {
          if (i >= 3) expect(change.changedAt > (changes[i - 1]?.changedAt ?? '')).toBe(true);
          expect(dayOf(change.changedAt)).toBeGreaterThanOrEqual(input.createdDay);
          expect(dayOf(change.changedAt)).toBeLessThanOrEqual(input.todayDay);
        });
      }),
    );
  });

  it('closes a closed deal with its last change: the won or lost stage, on the close date', () => {
    fc.assert(
      fc.property(inputs, ({ seed, input }) => {
        fc.pre(input.outcome !== 'open');
        const timeline = buildDealTimeline(new SeededRandom(seed), input);
        const last = timeline.changes.at(-1);
        expect(last?.field).toBe('stage');
        expect(last?.newValue).toBe(input.outcome === 'won' ? 'won' : 'lost');
        expect(dayOf(last?.changedAt ?? '')).toBe(input.closeDay);
      }),
    );
  });

  it('moves a close date only on or before both the old and the new date: nothing is moved from or into the past', () => {
    fc.assert(
      fc.property(inputs, ({ seed, input }) => {
        for (const change of buildDealTimeline(new SeededRandom(seed), input).changes) {
          if (change.field !== 'close_date' || change.oldValue === null) continue;
          const earlier = change.newValue < change.oldValue ? change.newValue : change.oldValue;
          expect(dayOf(change.changedAt)).toBeLessThanOrEqual(toEpochDay(earlier as PlainDate));
        }
      }),
    );
  });

  it('pulls some deals in: a close date moved earlier, only as the last move of the date', () => {
    const moves = Array.from({ length: 400 }, (_, seed) =>
      buildDealTimeline(new SeededRandom(seed), { process: PROCESS, outcome: 'open', createdDay: TODAY - 300, closeDay: TODAY + 40, amountMinor: 100_000, todayDay: TODAY }).changes.filter(
        (c) => c.field === 'close_date' && c.oldValue !== null,
      ),
    );
    const pulledIn = moves.filter((list) => list.some((c) => c.newValue < (c.oldValue ?? '')));
    expect(pulledIn.length).toBeGreaterThan(0);
    for (const list of pulledIn) expect(list.findIndex((c) => c.newValue < (c.oldValue ?? ''))).toBe(list.length - 1);
  });

  it('keeps an open deal in an open stage', () => {
    fc.assert(
      fc.property(inputs, ({ seed, input }) => {
        fc.pre(input.outcome === 'open');
        expect(buildDealTimeline(new SeededRandom(seed), input).stage.isClosed).toBe(false);
      }),
    );
  });

  it('gives the same history for the same seed', () => {
    const input: TimelineInput = { process: PROCESS, outcome: 'won', createdDay: TODAY - 200, closeDay: TODAY - 50, amountMinor: 1_234_500, todayDay: TODAY };
    expect(buildDealTimeline(new SeededRandom(7), input)).toEqual(buildDealTimeline(new SeededRandom(7), input));
  });

  it('refuses a deal that closes before it is created', () => {
    const input: TimelineInput = { process: PROCESS, outcome: 'lost', createdDay: TODAY - 10, closeDay: TODAY - 11, amountMinor: 100, todayDay: TODAY };
    expect(() => buildDealTimeline(new SeededRandom(1), input)).toThrow(RangeError);
  });
});
