import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../shared/currency.ts';
import { errorCodeOf } from '../testing/error-code-of.ts';
import type { PlainDate } from '../shared/plain-date.ts';
import { FORECAST_CATEGORIES } from '../pipeline/forecast-category.ts';
import { stateAsOf, type FieldChange, type OpportunityState } from '../pipeline/opportunity-history.ts';
import {
  dealOutcome,
  movementInstants,
  movementInstantsForRange,
  netMovement,
  pipelineMovement,
  pipelineMovementBy,
  type DealEnds,
  type DealPoint,
  type MovementAmounts,
  type MovementSlice,
} from './pipeline-movement.ts';

const USD = 'USD' as CurrencyCode;
const d = (text: string): PlainDate => text as PlainDate;
/** The pipeline for FY2026 Q3 (calendar quarter). */
const window = { from: d('2026-07-01'), to: d('2026-09-30') };
const options = { window, currency: USD };

const open = (amountMinor: number | null, closeDate = '2026-08-15', extra: Partial<DealPoint> = {}): DealPoint => ({
  outcome: 'open',
  amountMinor,
  closeDate: d(closeDate),
  forecastCategory: 'pipeline',
  ownerId: 'per_a',
  ...extra,
});
const closed = (outcome: 'won' | 'lost', amountMinor: number, closeDate = '2026-08-20', extra: Partial<DealPoint> = {}): DealPoint => ({
  ...open(amountMinor, closeDate, extra),
  outcome,
  forecastCategory: 'closed',
});
const deal = (opportunityId: string, start: DealPoint | null, end: DealPoint | null): DealEnds => ({ opportunityId, start, end });

function only(ends: DealEnds) {
  const movement = pipelineMovement([ends], options);
  const line = movement.deals[0];
  if (line === undefined) throw new Error('expected a line');
  return line;
}

describe('pipelineMovement buckets', () => {
  it('counts a deal that did not exist at the start and is open in the window at the end as created at its end amount', () => {
    const line = only(deal('opp_1', null, open(50_000)));
    expect(line).toMatchObject({ starting: 0, created: 50_000, ending: 50_000, buckets: ['created'] });
  });

  it('counts a deal whose close date moved into the window as pulled in at its end amount', () => {
    const line = only(deal('opp_1', open(40_000, '2026-11-10'), open(45_000, '2026-09-01')));
    expect(line).toMatchObject({ starting: 0, pulledIn: 45_000, amountChanged: 0, ending: 45_000, buckets: ['pulledIn'] });
  });

  it('counts a deal whose close date moved out of the window as pushed out at its start amount, whatever its amount became', () => {
    const line = only(deal('opp_1', open(40_000), open(90_000, '2026-10-02')));
    expect(line).toMatchObject({ starting: 40_000, pushedOut: 40_000, amountChanged: 0, ending: 0, buckets: ['pushedOut'] });
  });

  it('counts a close date moved earlier than the window as pushed out too', () => {
    expect(only(deal('opp_1', open(40_000), open(40_000, '2026-06-30'))).pushedOut).toBe(40_000);
  });

  it('counts the difference of a deal in the window at both ends as an amount change', () => {
    const line = only(deal('opp_1', open(40_000), open(32_500, '2026-09-30')));
    expect(line).toMatchObject({ starting: 40_000, amountChanged: -7_500, ending: 32_500, buckets: ['amountChanged'] });
  });

  it('counts a won deal at its booked amount, with its change from the start amount as an amount change', () => {
    const line = only(deal('opp_1', open(40_000), closed('won', 44_000)));
    expect(line).toMatchObject({ starting: 40_000, amountChanged: 4_000, won: 44_000, ending: 0, buckets: ['amountChanged', 'won'] });
  });

  it('counts a deal won early with a close date before the window as won, not pushed out', () => {
    const line = only(deal('opp_1', open(40_000), closed('won', 40_000, '2026-06-28')));
    expect(line).toMatchObject({ won: 40_000, pushedOut: 0 });
  });

  it('counts a lost deal as lost', () => {
    const line = only(deal('opp_1', open(40_000), closed('lost', 40_000)));
    expect(line).toMatchObject({ starting: 40_000, lost: 40_000, amountChanged: 0, ending: 0 });
  });

  it('counts a deal whose amount changed and was then lost as the change plus the lost amount', () => {
    const line = only(deal('opp_1', open(40_000), closed('lost', 25_000)));
    expect(line).toMatchObject({ starting: 40_000, amountChanged: -15_000, lost: 25_000, ending: 0, buckets: ['amountChanged', 'lost'] });
  });

  it('counts a deal moved to Omitted as removed at its start amount', () => {
    const line = only(deal('opp_1', open(40_000), open(40_000, '2026-08-15', { forecastCategory: 'omitted' })));
    expect(line).toMatchObject({ starting: 40_000, removed: 40_000, ending: 0, buckets: ['removed'] });
  });

  it('counts a deal gone by the end as removed at its start amount', () => {
    expect(only(deal('opp_1', open(40_000), null))).toMatchObject({ removed: 40_000, ending: 0 });
  });

  it('counts a reopened deal and a deal taken out of Omitted as restored', () => {
    expect(only(deal('opp_1', closed('lost', 10_000), open(12_000))).restored).toBe(12_000);
    expect(only(deal('opp_2', open(10_000, '2026-08-01', { forecastCategory: 'omitted' }), open(12_000))).restored).toBe(12_000);
  });

  it('sees only the ends: a deal pushed out and pulled back within the period is an amount change', () => {
    const ends = deal('opp_1', open(40_000, '2026-08-15'), open(40_000, '2026-09-15'));
    expect(only(ends)).toMatchObject({ starting: 40_000, amountChanged: 0, pushedOut: 0, pulledIn: 0, ending: 40_000 });
  });

  it('shows a deal created and won within the period as created and won, netting to zero', () => {
    const line = only(deal('opp_1', null, closed('won', 70_000)));
    expect(line).toMatchObject({ starting: 0, created: 70_000, won: 70_000, ending: 0, buckets: ['created', 'won'] });
  });

  it('shows a deal pulled in from a later quarter and won within the period as pulled in and won', () => {
    const line = only(deal('opp_1', open(30_000, '2026-12-01'), closed('won', 30_000, '2026-08-02')));
    expect(line).toMatchObject({ pulledIn: 30_000, won: 30_000, buckets: ['pulledIn', 'won'] });
  });

  it('gives no line to deals that never touched the window', () => {
    const movement = pipelineMovement(
      [
        deal('opp_later', open(1_000, '2026-12-01'), open(2_000, '2027-01-01')),
        deal('opp_done', closed('won', 1_000), closed('won', 1_000)),
        deal('opp_created_closed_elsewhere', null, closed('won', 5_000, '2026-05-01')),
      ],
      options,
    );
    expect(movement.deals).toEqual([]);
    expect(movement.starting).toBe(0);
  });

  it('counts a deal without an amount as zero', () => {
    expect(only(deal('opp_1', open(null), open(8_000)))).toMatchObject({ starting: 0, amountChanged: 8_000, ending: 8_000 });
  });

  it('adds the deal lines into the totals and reconciles them', () => {
    const movement = pipelineMovement(
      [
        deal('opp_b', open(40_000), closed('won', 44_000)),
        deal('opp_a', null, open(50_000)),
        deal('opp_c', open(10_000), open(12_000)),
        deal('opp_d', open(7_000), open(7_000, '2026-10-05')),
      ],
      options,
    );
    expect(movement).toMatchObject({ currency: USD, starting: 57_000, created: 50_000, amountChanged: 6_000, won: 44_000, pushedOut: 7_000, ending: 62_000 });
    expect(movement.deals.map((l) => l.opportunityId)).toEqual(['opp_a', 'opp_b', 'opp_c', 'opp_d']);
    expect(movement.starting + netMovement(movement)).toBe(movement.ending);
  });
});

describe('pipelineMovementBy', () => {
  const byOwner = (p: DealPoint): string => p.ownerId ?? '';

  it('transfers a deal whose owner changed at its start amount, then books its movement to the new owner', () => {
    const sliced = pipelineMovementBy([deal('opp_1', open(40_000), open(46_000, '2026-08-15', { ownerId: 'per_b' }))], options, byOwner);
    const [a, b] = sliced.slices;
    expect(a).toMatchObject({ key: 'per_a', starting: 40_000, transferredOut: 40_000, amountChanged: 0, ending: 0 });
    expect(b).toMatchObject({ key: 'per_b', starting: 0, transferredIn: 40_000, amountChanged: 6_000, ending: 46_000 });
  });

  it('books a deal gone by the end to its start owner', () => {
    const sliced = pipelineMovementBy([deal('opp_1', open(40_000, '2026-08-15', { ownerId: 'per_c' }), null)], options, byOwner);
    expect(sliced.slices).toMatchObject([{ key: 'per_c', removed: 40_000, transferredOut: 0 }]);
  });

  it('does not transfer a deal that was outside the pipeline at the start', () => {
    const sliced = pipelineMovementBy([deal('opp_1', open(40_000, '2026-12-01'), open(40_000, '2026-08-01', { ownerId: 'per_b' }))], options, byOwner);
    expect(sliced.slices).toMatchObject([{ key: 'per_b', pulledIn: 40_000, transferredIn: 0 }]);
  });
});

describe('pipelineMovement inputs', () => {
  it('refuses a close window that ends before it starts', () => {
    expect(errorCodeOf(() => pipelineMovement([], { window: { from: d('2026-09-30'), to: d('2026-07-01') }, currency: USD }))).toBe('invalid_period');
  });

  it('refuses an amount that is not a whole number of minor units', () => {
    expect(errorCodeOf(() => pipelineMovement([deal('opp_1', open(10.5), null)], options))).toBe('invalid_money');
  });

  it('refuses the same opportunity twice', () => {
    expect(errorCodeOf(() => pipelineMovement([deal('opp_1', open(1), null), deal('opp_1', null, open(1))], options))).toBe('invalid_opportunity');
  });
});

describe('movementInstants', () => {
  it('compares the ends of the two "as of" days in UTC', () => {
    expect(movementInstants(d('2026-06-30'), d('2026-09-30'))).toEqual({ startAt: '2026-06-30T23:59:59.999Z', endAt: '2026-09-30T23:59:59.999Z' });
  });

  it('starts a calendar range at the end of the day before its first day', () => {
    expect(movementInstantsForRange(d('2026-07-01'), d('2026-07-31')).startAt).toBe('2026-06-30T23:59:59.999Z');
  });

  it('refuses a period that ends before it starts', () => {
    expect(errorCodeOf(() => movementInstants(d('2026-07-02'), d('2026-07-01')))).toBe('invalid_period');
  });
});

describe('pipelineMovement from field history', () => {
  it('reconciles with deals rebuilt by stateAsOf at the two instants', () => {
    const stages = new Map([['stg_open', { isClosed: false, isWon: false }], ['stg_won', { isClosed: true, isWon: true }]]);
    const current: OpportunityState = { stageId: 'stg_won', amountMinor: 90_000, closeDate: d('2026-08-20'), forecastCategory: 'closed', ownerId: 'per_a' };
    const changes: FieldChange[] = [
      { changedAt: '2026-07-10T12:00:00.000Z', field: 'amount', oldValue: '80000', newValue: '90000' },
      { changedAt: '2026-08-20T12:00:00.000Z', field: 'stage', oldValue: 'stg_open', newValue: 'stg_won' },
      { changedAt: '2026-08-20T12:00:00.000Z', field: 'forecast_category', oldValue: 'commit', newValue: 'closed' },
    ];
    const { startAt, endAt } = movementInstants(d('2026-06-30'), d('2026-09-30'));
    const point = (at: string): DealPoint | null => {
      const state = stateAsOf(current, '2026-05-01T00:00:00.000Z', changes, at);
      const stage = state === null ? undefined : stages.get(state.stageId);
      if (state === null || stage === undefined) return null;
      return { ...state, outcome: dealOutcome(stage) };
    };
    const movement = pipelineMovement([deal('opp_1', point(startAt), point(endAt))], options);
    expect(movement).toMatchObject({ starting: 80_000, amountChanged: 10_000, won: 90_000, ending: 0 });
  });
});

const dateArb = fc.integer({ min: 0, max: 364 }).map((day) => new Date(Date.UTC(2026, 0, 1) + day * 86_400_000).toISOString().slice(0, 10) as PlainDate);
const pointArb: fc.Arbitrary<DealPoint> = fc.record({
  outcome: fc.constantFrom('open', 'open', 'won', 'lost'),
  amountMinor: fc.option(fc.integer({ min: -1_000_000, max: 100_000_000 }), { freq: 8 }),
  closeDate: dateArb,
  forecastCategory: fc.constantFrom(...FORECAST_CATEGORIES),
  ownerId: fc.option(fc.constantFrom('per_a', 'per_b', 'per_c'), { freq: 6 }),
});
const dealsArb = fc.uniqueArray(
  fc.record({ opportunityId: fc.string({ minLength: 1, maxLength: 6 }), start: fc.option(pointArb, { freq: 4 }), end: fc.option(pointArb, { freq: 4 }) }),
  { selector: (x) => x.opportunityId, maxLength: 40 },
);
const windowArb = fc.tuple(dateArb, dateArb).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));

const amountsOf = (slice: MovementAmounts): number[] => [slice.created, slice.pulledIn, slice.restored, slice.pushedOut, slice.amountChanged, slice.won, slice.lost, slice.removed];
const sliceNet = (slice: MovementSlice): number => netMovement(slice) + slice.transferredIn - slice.transferredOut;

describe('pipelineMovement properties', () => {
  it('moves from the starting to the ending pipeline exactly, for the whole and for every deal', () => {
    fc.assert(
      fc.property(dealsArb, windowArb, (deals, closeWindow) => {
        const movement = pipelineMovement(deals, { window: closeWindow, currency: USD });
        expect(movement.ending - movement.starting).toBe(netMovement(movement));
        for (const line of movement.deals) expect(line.ending - line.starting).toBe(netMovement(line));
      }),
    );
  });

  it('starts and ends at the pipeline counted independently at each instant', () => {
    fc.assert(
      fc.property(dealsArb, windowArb, (deals, closeWindow) => {
        const counted = (point: DealPoint | null): number =>
          point !== null && point.outcome === 'open' && point.forecastCategory !== 'omitted' && point.closeDate >= closeWindow.from && point.closeDate <= closeWindow.to ? (point.amountMinor ?? 0) : 0;
        const movement = pipelineMovement(deals, { window: closeWindow, currency: USD });
        expect(movement.starting).toBe(deals.reduce((sum, x) => sum + counted(x.start), 0));
        expect(movement.ending).toBe(deals.reduce((sum, x) => sum + counted(x.end), 0));
      }),
    );
  });

  it('reconciles every slice and sums the slices to the whole', () => {
    fc.assert(
      fc.property(dealsArb, windowArb, (deals, closeWindow) => {
        const { total, slices } = pipelineMovementBy(deals, { window: closeWindow, currency: USD }, (p) => p.ownerId ?? '');
        for (const slice of slices) expect(slice.ending - slice.starting).toBe(sliceNet(slice));
        const sum = (pick: (s: MovementSlice) => number): number => slices.reduce((acc, s) => acc + pick(s), 0);
        expect(sum((s) => s.starting)).toBe(total.starting);
        expect(sum((s) => s.ending)).toBe(total.ending);
        expect(sum((s) => s.transferredIn)).toBe(sum((s) => s.transferredOut));
        amountsOf(total).forEach((amount, i) => expect(sum((s) => amountsOf(s)[i] ?? 0)).toBe(amount));
      }),
    );
  });

  it('does not depend on the order the deals are given in', () => {
    fc.assert(
      fc.property(dealsArb, windowArb, (deals, closeWindow) => {
        const opts = { window: closeWindow, currency: USD };
        expect(pipelineMovement([...deals].reverse(), opts)).toEqual(pipelineMovement(deals, opts));
      }),
    );
  });
});
