import fc from 'fast-check';
import { FORECAST_CATEGORIES } from '../../pipeline/forecast-category.ts';
import { addDays, type PlainDate } from '../../shared/plain-date.ts';
import type { MetricOpportunity, MetricPeriod } from '../metric-input.ts';

/** Test data only: an open 1,000.00 deal in Q1 2026 unless overridden. */
export function opportunityOf(overrides: Partial<MetricOpportunity> & { id: string }): MetricOpportunity {
  return {
    ownerId: 'per_ann',
    createdDate: '2026-01-05' as PlainDate,
    closeDate: '2026-02-15' as PlainDate,
    isClosed: false,
    isWon: false,
    stageId: 'stg_qualify',
    amountMinor: 100_000,
    probabilityBps: 1_000,
    forecastCategory: 'pipeline',
    type: 'New Business',
    leadSource: 'Web',
    pushCount: 0,
    ...overrides,
  };
}

export const d = (text: string): PlainDate => text as PlainDate;

export const Q1_2026: MetricPeriod = { from: d('2026-01-01'), to: d('2026-03-31') };

const BASE_DATE = d('2025-10-01');

/** Arbitrary deals spread over 2025-10..2026-06 so some fall in Q1 2026 and some outside it. */
const opportunityArbitrary: fc.Arbitrary<Omit<MetricOpportunity, 'id'>> = fc
  .record({
    owner: fc.constantFrom('per_ann', 'per_bob', 'per_cat'),
    createdOffset: fc.integer({ min: 0, max: 200 }),
    cycle: fc.integer({ min: 0, max: 120 }),
    state: fc.constantFrom('open', 'won', 'lost'),
    stage: fc.constantFrom('stg_a', 'stg_b', 'stg_c'),
    amountMinor: fc.option(fc.integer({ min: 0, max: 1_000_000_000 }), { freq: 5 }),
    probabilityBps: fc.integer({ min: 0, max: 10_000 }),
    forecastCategory: fc.constantFrom(...FORECAST_CATEGORIES),
    type: fc.constantFrom('New Business', 'Renewal', null),
    leadSource: fc.constantFrom('Web', 'Partner', 'Event', null),
    pushCount: fc.integer({ min: 0, max: 3 }),
  })
  .map((r) => {
    const createdDate = addDays(BASE_DATE, r.createdOffset);
    return {
      ownerId: r.owner,
      createdDate,
      closeDate: addDays(createdDate, r.cycle),
      isClosed: r.state !== 'open',
      isWon: r.state === 'won',
      stageId: r.stage,
      amountMinor: r.amountMinor,
      probabilityBps: r.probabilityBps,
      forecastCategory: r.forecastCategory,
      type: r.type,
      leadSource: r.leadSource,
      pushCount: r.pushCount,
    };
  });

/** Lists of deals with unique ids. */
export const opportunitiesArbitrary: fc.Arbitrary<MetricOpportunity[]> = fc
  .array(opportunityArbitrary, { maxLength: 40 })
  .map((list) => list.map((o, i) => ({ ...o, id: `opp_${i}` })));

/** A list and a reordering of it. */
export const shuffledArbitrary: fc.Arbitrary<[MetricOpportunity[], MetricOpportunity[]]> = opportunitiesArbitrary.chain((list) =>
  fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }).map((shuffled) => [list, shuffled] as [MetricOpportunity[], MetricOpportunity[]]),
);

/**
 * Eight deals around Q1 2026, used by several hand-computed tests (amounts in cents):
 * a won 2026-02-10 1,200.00 (created 2025-12-01); b won 2026-03-31 500.50 (created 2026-01-10);
 * c won 2026-04-01 9,999.99 (after Q1); d lost 2026-03-01 300.00 (created 2026-01-20);
 * e open 2026-03-15 2,000.00 at 25 %; f open 2026-02-01 333.33 at 50 % (created 2025-11-01);
 * g open 2026-05-01 700.00 (after Q1); h open 2026-03-20 no amount at 90 % (created 2026-02-01).
 * Other created dates default to 2026-01-05.
 */
export const Q1_DEALS: readonly MetricOpportunity[] = [
  opportunityOf({ id: 'a', ownerId: 'per_ann', createdDate: d('2025-12-01'), closeDate: d('2026-02-10'), isClosed: true, isWon: true, amountMinor: 120_000, forecastCategory: 'closed', stageId: 'stg_won' }),
  opportunityOf({ id: 'b', ownerId: 'per_bob', createdDate: d('2026-01-10'), closeDate: d('2026-03-31'), isClosed: true, isWon: true, amountMinor: 50_050, forecastCategory: 'closed', stageId: 'stg_won', type: 'Renewal' }),
  opportunityOf({ id: 'c', closeDate: d('2026-04-01'), isClosed: true, isWon: true, amountMinor: 999_999, forecastCategory: 'closed', stageId: 'stg_won' }),
  opportunityOf({ id: 'd', ownerId: 'per_bob', createdDate: d('2026-01-20'), closeDate: d('2026-03-01'), isClosed: true, isWon: false, amountMinor: 30_000, forecastCategory: 'omitted', stageId: 'stg_lost' }),
  opportunityOf({ id: 'e', closeDate: d('2026-03-15'), amountMinor: 200_000, probabilityBps: 2_500, forecastCategory: 'pipeline', leadSource: 'Partner' }),
  opportunityOf({ id: 'f', ownerId: 'per_bob', createdDate: d('2025-11-01'), closeDate: d('2026-02-01'), amountMinor: 33_333, probabilityBps: 5_000, forecastCategory: 'best_case' }),
  opportunityOf({ id: 'g', closeDate: d('2026-05-01'), amountMinor: 70_000, pushCount: 1 }),
  opportunityOf({ id: 'h', createdDate: d('2026-02-01'), closeDate: d('2026-03-20'), amountMinor: null, probabilityBps: 9_000, forecastCategory: 'commit', leadSource: null }),
];
