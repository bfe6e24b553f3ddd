import { describe, expect, it } from 'vitest';
import { dealWarnings, inspectDeals } from './deal-warnings.ts';
import { DEFAULT_INSPECTION_RULES, WARNING_KINDS, type InspectionConfig, type InspectionRules } from './inspection-rules.ts';
import { calculateStallThresholds, type CompletedStageStay, type StallThresholds } from './stall-thresholds.ts';
import { AS_OF, d, dealOf } from './testing/inspection-fixtures.ts';
import { errorCodeOf } from '../testing/error-code-of.ts';
import type { InspectedDeal } from './deal-warnings.ts';

const CONFIG: InspectionConfig = { defaults: DEFAULT_INSPECTION_RULES, byProcess: {} };

/** Five past stays in Negotiation: 10, 20, 30, 41, 50 days; the 80th percentile is rank ⌈4⌉ = 4, 41 days. */
const STAYS: readonly CompletedStageStay[] = [10, 20, 30, 41, 50].map((days) => ({ processId: 'proc_new', stageId: 'stg_neg', days }));
const THRESHOLDS = calculateStallThresholds(STAYS, CONFIG);
const NO_THRESHOLDS: StallThresholds = new Map();

const warningsOf = (deal: InspectedDeal, rules: InspectionRules = DEFAULT_INSPECTION_RULES) => dealWarnings(deal, rules, THRESHOLDS, AS_OF);
const kindsOf = (deal: InspectedDeal, rules?: InspectionRules) => warningsOf(deal, rules).map((w) => w.kind);

describe('dealWarnings', () => {
  it('raises nothing on a deal in good order', () => {
    expect(warningsOf(dealOf({ id: 'o1' }))).toEqual([]);
  });

  describe('close date in the past', () => {
    it('counts the days since a close date before the as-of date', () => {
      expect(warningsOf(dealOf({ id: 'o1', closeDate: d('2026-10-31') }))).toEqual([
        { kind: 'close_date_past', message: 'Close date 2026-10-31 is 27 days past', details: { closeDate: '2026-10-31', daysPast: 27 } },
      ]);
    });

    it('fires the day after the close date', () => {
      expect(warningsOf(dealOf({ id: 'o1', closeDate: d('2026-11-26') }))[0]?.message).toBe('Close date 2026-11-26 is 1 day past');
    });

    it('does not fire on the close date itself', () => {
      expect(kindsOf(dealOf({ id: 'o1', closeDate: AS_OF }))).toEqual([]);
    });
  });

  describe('no next step', () => {
    it.each([[null], [''], ['  \t ']])('fires on a next step of %j', (nextStep) => {
      expect(warningsOf(dealOf({ id: 'o1', nextStep }))).toEqual([{ kind: 'no_next_step', message: 'No next step', details: {} }]);
    });

    it('does not fire on any written next step', () => {
      expect(kindsOf(dealOf({ id: 'o1', nextStep: 'Call' }))).toEqual([]);
    });
  });

  describe('stalled', () => {
    it('fires when the deal has been in its stage longer than the percentile of past stays', () => {
      // 2026-09-24 to 2026-11-27: 6 + 31 + 27 = 64 days.
      expect(warningsOf(dealOf({ id: 'o1', stageEnteredDate: d('2026-09-24') }))).toEqual([
        {
          kind: 'stalled',
          message: 'In Negotiation for 64 days; 80 % of deals leave it within 41 days',
          details: { stageId: 'stg_neg', daysInStage: 64, thresholdDays: 41, percentile: 80, samples: 5 },
        },
      ]);
    });

    it('fires one day past the threshold', () => {
      // 2026-10-16 to 2026-11-27: 15 + 27 = 42 days.
      expect(kindsOf(dealOf({ id: 'o1', stageEnteredDate: d('2026-10-16') }))).toEqual(['stalled']);
    });

    it('does not fire at exactly the threshold', () => {
      // 2026-10-17 to 2026-11-27: 41 days.
      expect(kindsOf(dealOf({ id: 'o1', stageEnteredDate: d('2026-10-17') }))).toEqual([]);
    });

    it('names the stage by its id when its name is not given', () => {
      expect(warningsOf(dealOf({ id: 'o1', stageName: undefined, stageEnteredDate: d('2026-09-24') }))[0]?.message).toMatch(/^In stg_neg for 64 days;/);
    });

    it('does not fire in a stage without a threshold, however long the deal has sat there', () => {
      expect(dealWarnings(dealOf({ id: 'o1', stageEnteredDate: d('2020-01-01') }), DEFAULT_INSPECTION_RULES, NO_THRESHOLDS, AS_OF)).toEqual([]);
    });

    it('refuses thresholds computed at another percentile than the rules ask for', () => {
      const rules = { ...DEFAULT_INSPECTION_RULES, stalledPercentile: 90 };
      expect(errorCodeOf(() => warningsOf(dealOf({ id: 'o1' }), rules))).toBe('invalid_inspection_rules');
    });
  });

  describe('pushed', () => {
    it('fires at exactly the number of pushes', () => {
      expect(warningsOf(dealOf({ id: 'o1', pushCount: 3 }))).toEqual([
        { kind: 'pushed', message: 'Close date pushed 3 times', details: { pushCount: 3, threshold: 3 } },
      ]);
    });

    it('does not fire one push short', () => {
      expect(kindsOf(dealOf({ id: 'o1', pushCount: 2 }))).toEqual([]);
    });

    it('says once for a single push', () => {
      expect(warningsOf(dealOf({ id: 'o1', pushCount: 1 }), { ...DEFAULT_INSPECTION_RULES, pushCount: 1 })[0]?.message).toBe('Close date pushed once');
    });

    it('refuses a push count that is not a whole number of times', () => {
      expect(errorCodeOf(() => warningsOf(dealOf({ id: 'o1', pushCount: -1 })))).toBe('invalid_opportunity');
    });
  });

  describe('amount changed', () => {
    it('fires at exactly the percentage up', () => {
      expect(warningsOf(dealOf({ id: 'o1', firstAmountMinor: 100_000, amountMinor: 125_000 }))).toEqual([
        {
          kind: 'amount_changed',
          message: 'Amount up 25 % since created',
          details: { firstAmountMinor: 100_000, amountMinor: 125_000, changeBps: 2_500, thresholdBps: 2_500 },
        },
      ]);
    });

    it('does not fire a minor unit short of the percentage up', () => {
      expect(kindsOf(dealOf({ id: 'o1', firstAmountMinor: 100_000, amountMinor: 124_999 }))).toEqual([]);
    });

    it('fires at exactly the percentage down', () => {
      expect(warningsOf(dealOf({ id: 'o1', firstAmountMinor: 100_000, amountMinor: 75_000 }))[0]).toMatchObject({
        message: 'Amount down 25 % since created',
        details: { changeBps: -2_500 },
      });
    });

    it('does not fire a minor unit short of the percentage down', () => {
      expect(kindsOf(dealOf({ id: 'o1', firstAmountMinor: 100_000, amountMinor: 75_001 }))).toEqual([]);
    });

    it('rounds the percentage in the message half-up', () => {
      // 200 → 277 is +38.5 % → 39 %; 30,000 → 41,450 is +38.17 % → 38 %.
      expect(warningsOf(dealOf({ id: 'o1', firstAmountMinor: 200, amountMinor: 277 }))[0]?.message).toBe('Amount up 39 % since created');
      expect(warningsOf(dealOf({ id: 'o1', firstAmountMinor: 30_000, amountMinor: 41_450 }))[0]?.message).toBe('Amount up 38 % since created');
    });

    it.each([
      ['a first amount of 0', 0, 50_000],
      ['no first amount', null, 50_000],
      ['no amount now', 100_000, null],
    ])('does not fire with %s', (_case, firstAmountMinor, amountMinor) => {
      expect(kindsOf(dealOf({ id: 'o1', firstAmountMinor, amountMinor }))).toEqual([]);
    });

    it('refuses an amount that is not a whole number of minor units', () => {
      expect(errorCodeOf(() => warningsOf(dealOf({ id: 'o1', amountMinor: 1.5 })))).toBe('invalid_money');
    });
  });

  describe('no activity', () => {
    it('fires when the last activity is exactly the number of days before', () => {
      expect(warningsOf(dealOf({ id: 'o1', lastActivityDate: d('2026-10-28') }))).toEqual([
        {
          kind: 'no_activity',
          message: 'No activity for 30 days (last on 2026-10-28)',
          details: { lastActivityDate: '2026-10-28', daysSinceActivity: 30, thresholdDays: 30 },
        },
      ]);
    });

    it('does not fire a day inside the number of days', () => {
      expect(kindsOf(dealOf({ id: 'o1', lastActivityDate: d('2026-10-29') }))).toEqual([]);
    });

    it('fires on a deal without any activity when the workspace has activity data', () => {
      expect(warningsOf(dealOf({ id: 'o1', lastActivityDate: null }))).toEqual([
        { kind: 'no_activity', message: 'No activity recorded', details: { lastActivityDate: null, daysSinceActivity: null, thresholdDays: 30 } },
      ]);
    });

    it('is skipped when the workspace has no activity data', () => {
      expect(kindsOf(dealOf({ id: 'o1', lastActivityDate: undefined }))).toEqual([]);
    });
  });

  /** A deal that breaks every rule at once. */
  const TROUBLED = dealOf({
    id: 'o1',
    closeDate: d('2026-10-31'),
    nextStep: null,
    stageEnteredDate: d('2026-09-24'),
    pushCount: 4,
    firstAmountMinor: 100_000,
    amountMinor: 138_000,
    lastActivityDate: null,
  });

  it('lists the warnings in the order of WARNING_KINDS', () => {
    expect(warningsOf(TROUBLED).map((w) => w.message)).toEqual([
      'Close date 2026-10-31 is 27 days past',
      'No next step',
      'In Negotiation for 64 days; 80 % of deals leave it within 41 days',
      'Close date pushed 4 times',
      'Amount up 38 % since created',
      'No activity recorded',
    ]);
  });

  it.each(WARNING_KINDS.map((k) => [k.id, k.rule] as const))('raises no %s warning when its rule is switched off', (kind, rule) => {
    const rules = { ...DEFAULT_INSPECTION_RULES, [rule]: typeof DEFAULT_INSPECTION_RULES[rule] === 'boolean' ? false : null };
    expect(kindsOf(TROUBLED, rules)).toEqual(WARNING_KINDS.map((k) => k.id).filter((k) => k !== kind));
  });
});

describe('inspectDeals', () => {
  it('inspects each deal under the rules of its own sales process', () => {
    const config: InspectionConfig = { defaults: DEFAULT_INSPECTION_RULES, byProcess: { proc_renewal: { pushCount: 2 } } };
    const deals = [dealOf({ id: 'o1', pushCount: 2 }), dealOf({ id: 'o2', processId: 'proc_renewal', pushCount: 2 })];
    const inspected = inspectDeals(deals, config, calculateStallThresholds(STAYS, config), AS_OF);
    expect(inspected.map((i) => [i.deal.id, i.warnings.map((w) => w.kind)])).toEqual([
      ['o1', []],
      ['o2', ['pushed']],
    ]);
  });
});
