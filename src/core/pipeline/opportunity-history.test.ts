import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlainDate } from '../shared/plain-date.ts';
import { FORECAST_CATEGORIES } from './forecast-category.ts';
import { canonicalFieldValue, diffStates, endOfDay, stateAsOf, type FieldChange, type OpportunityState } from './opportunity-history.ts';
import { TRACKED_FIELDS } from './tracked-field.ts';

const created = '2026-01-05T09:00:00.000Z';

const current: OpportunityState = {
  stageId: 'stg_won',
  amountMinor: 150_000,
  closeDate: '2026-03-31' as PlainDate,
  forecastCategory: 'closed',
  ownerId: 'per_b',
};

const changes: readonly FieldChange[] = [
  { changedAt: created, field: 'stage', oldValue: null, newValue: 'stg_prospect' },
  { changedAt: created, field: 'amount', oldValue: null, newValue: '100000' },
  { changedAt: '2026-02-01T10:00:00Z', field: 'stage', oldValue: 'stg_prospect', newValue: 'stg_negotiate' },
  { changedAt: '2026-02-15T10:00:00.000Z', field: 'amount', oldValue: '100000', newValue: '150000' },
  { changedAt: '2026-03-01T10:00:00.000Z', field: 'owner', oldValue: 'per_a', newValue: 'per_b' },
  { changedAt: '2026-03-20T10:00:00.000Z', field: 'stage', oldValue: 'stg_negotiate', newValue: 'stg_won' },
];

describe('stateAsOf', () => {
  it('returns null before the opportunity was created', () => {
    expect(stateAsOf(current, created, changes, '2026-01-05T08:59:59.999Z')).toBeNull();
  });

  it('takes the new value of the last change at or before the instant', () => {
    const state = stateAsOf(current, created, changes, '2026-02-01T10:00:00.000Z');
    expect(state?.stageId).toBe('stg_negotiate');
    expect(state?.amountMinor).toBe(100_000);
  });

  it('takes the old value of the first later change when a field changed only afterwards', () => {
    expect(stateAsOf(current, created, changes, endOfDay('2026-02-20' as PlainDate))?.ownerId).toBe('per_a');
  });

  it('takes the first change’s new value when the first later change has no old value', () => {
    const onlyLater: FieldChange[] = [{ changedAt: '2026-02-01T00:00:00.000Z', field: 'amount', oldValue: null, newValue: '5000' }];
    expect(stateAsOf(current, created, onlyLater, '2026-01-10T00:00:00.000Z')?.amountMinor).toBe(5000);
  });

  it('keeps the current value of a field that never changed', () => {
    expect(stateAsOf(current, created, changes, '2026-01-06T00:00:00.000Z')?.closeDate).toBe('2026-03-31');
  });

  it('orders changes by instant whatever order they are given in', () => {
    const shuffled = [...changes].reverse();
    expect(stateAsOf(current, created, shuffled, '2026-03-02T00:00:00.000Z')).toEqual(stateAsOf(current, created, changes, '2026-03-02T00:00:00.000Z'));
  });

  it('keeps the current stage when a change carries no stage value', () => {
    const empty: FieldChange[] = [{ changedAt: '2026-02-01T00:00:00.000Z', field: 'stage', oldValue: 'stg_x', newValue: null }];
    expect(stateAsOf(current, created, empty, '2026-02-02T00:00:00.000Z')?.stageId).toBe('stg_won');
  });

  it('rejects an amount that is not a whole number of minor units', () => {
    const bad: FieldChange[] = [{ changedAt: '2026-02-01T00:00:00.000Z', field: 'amount', oldValue: '1', newValue: '12.5' }];
    expect(() => stateAsOf(current, created, bad, '2026-02-02T00:00:00.000Z')).toThrow(/not a valid amount/);
  });

  it('rejects a forecast category it does not know', () => {
    const bad: FieldChange[] = [{ changedAt: '2026-02-01T00:00:00.000Z', field: 'forecast_category', oldValue: null, newValue: 'Maybe' }];
    expect(() => stateAsOf(current, created, bad, '2026-02-02T00:00:00.000Z')).toThrow(/not a valid forecast_category/);
  });
});

describe('endOfDay', () => {
  it('is the last millisecond of the day in UTC', () => {
    expect(endOfDay('2026-02-28' as PlainDate)).toBe('2026-02-28T23:59:59.999Z');
  });
});

describe('diffStates', () => {
  it('lists the changed fields in canonical form', () => {
    const after: OpportunityState = { ...current, amountMinor: null, closeDate: '2026-04-30' as PlainDate };
    expect(diffStates(current, after)).toEqual([
      { field: 'amount', oldValue: '150000', newValue: null },
      { field: 'close_date', oldValue: '2026-03-31', newValue: '2026-04-30' },
    ]);
  });

  it('is empty for equal states', () => {
    expect(diffStates(current, { ...current })).toEqual([]);
  });
});

const stateArbitrary: fc.Arbitrary<OpportunityState> = fc.record({
  stageId: fc.constantFrom('stg_1', 'stg_2', 'stg_3', 'stg_4'),
  amountMinor: fc.option(fc.integer({ min: -1_000_000, max: 10_000_000 }), { nil: null }),
  closeDate: fc.date({ min: new Date('2024-01-01'), max: new Date('2028-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10) as PlainDate),
  forecastCategory: fc.constantFrom(...FORECAST_CATEGORIES),
  ownerId: fc.option(fc.constantFrom('per_1', 'per_2', 'per_3'), { nil: null }),
});

/** A history that starts from `initial` and records each later state's differences, one second apart. */
function replay(initial: OpportunityState, later: readonly OpportunityState[], start: number): { changes: FieldChange[]; final: OpportunityState; lastAt: string } {
  const changes: FieldChange[] = [];
  let state = initial;
  let at = start;
  for (const next of later) {
    at += 1000;
    const changedAt = new Date(at).toISOString();
    for (const difference of diffStates(state, next)) changes.push({ changedAt, ...difference });
    state = next;
  }
  return { changes, final: state, lastAt: new Date(at).toISOString() };
}

describe('stateAsOf properties', () => {
  it('gives the current state at the last change’s instant for any replayed history', () => {
    fc.assert(
      fc.property(stateArbitrary, fc.array(stateArbitrary, { maxLength: 12 }), fc.boolean(), (initial, later, reversed) => {
        const start = Date.parse(created);
        const { changes: history, final, lastAt } = replay(initial, later, start);
        const given = reversed ? [...history].reverse() : history;
        expect(stateAsOf(final, created, given, lastAt)).toEqual(final);
      }),
    );
  });

  it('gives each intermediate state at its instant when no value is ever empty', () => {
    const nonEmpty = stateArbitrary.filter((s) => s.amountMinor !== null && s.ownerId !== null);
    fc.assert(
      fc.property(nonEmpty, fc.array(nonEmpty, { minLength: 1, maxLength: 8 }), (initial, later) => {
        const start = Date.parse(created);
        const { changes: history, final } = replay(initial, later, start);
        const expected = [initial, ...later];
        expected.forEach((state, index) => {
          const at = new Date(start + index * 1000).toISOString();
          const rebuilt = stateAsOf(final, created, history, at);
          for (const field of TRACKED_FIELDS) expect(rebuilt && canonicalFieldValue(rebuilt, field)).toBe(canonicalFieldValue(state, field));
        });
      }),
    );
  });
});
