import { DomainError } from '../shared/domain-error.ts';
import { daysBetween, type PlainDate } from '../shared/plain-date.ts';
import { divideHalfUp } from '../metrics/metric-arithmetic.ts';
import { invalidInspectionRules, rulesForProcess, type InspectionConfig, type InspectionRules, type WarningKind } from './inspection-rules.ts';
import { stallThresholdOf, type StallThresholds } from './stall-thresholds.ts';

/**
 * One open deal as it stood at the end of the as-of date, with what the rules need from its
 * history. Amounts are integer minor units in one currency (the caller converts first).
 */
export interface InspectedDeal {
  readonly id: string;
  readonly ownerId: string;
  readonly processId: string;
  readonly stageId: string;
  /** The stage's name for messages ("Negotiation"); the stage id is shown when it is not given. */
  readonly stageName?: string | undefined;
  /** Null when the deal has no amount yet. */
  readonly amountMinor: number | null;
  readonly closeDate: PlainDate;
  readonly nextStep: string | null;
  /** The day the deal entered its current stage. */
  readonly stageEnteredDate: PlainDate;
  /** Times the close date was moved later, from field history. */
  readonly pushCount: number;
  /** The amount when the deal was created (its first recorded value); null when it had none. */
  readonly firstAmountMinor: number | null;
  /**
   * The day of the last logged activity. Undefined: the workspace has no activity data at all, so
   * the rule is skipped rather than firing on every deal. Null: activity data exists but none for
   * this deal, so the rule fires.
   */
  readonly lastActivityDate?: PlainDate | null | undefined;
}

interface WarningOf<K extends WarningKind, D> {
  readonly kind: K;
  /** A sentence the rep understands, in the rep's terms (days, times, percent). */
  readonly message: string;
  readonly details: D;
}

export type DealWarning =
  | WarningOf<'close_date_past', { readonly closeDate: PlainDate; readonly daysPast: number }>
  | WarningOf<'no_next_step', Readonly<Record<string, never>>>
  | WarningOf<
      'stalled',
      { readonly stageId: string; readonly daysInStage: number; readonly thresholdDays: number; readonly percentile: number; readonly samples: number }
    >
  | WarningOf<'pushed', { readonly pushCount: number; readonly threshold: number }>
  | WarningOf<
      'amount_changed',
      {
        readonly firstAmountMinor: number;
        readonly amountMinor: number;
        /** (current - first) / |first| in basis points, rounded half-up; negative when the amount went down. */
        readonly changeBps: number;
        readonly thresholdBps: number;
      }
    >
  | WarningOf<
      'no_activity',
      { readonly lastActivityDate: PlainDate | null; readonly daysSinceActivity: number | null; readonly thresholdDays: number }
    >;

/** A deal and the warnings it raised, as the compliance figures take them. */
export interface DealInspection {
  readonly deal: InspectedDeal;
  readonly warnings: readonly DealWarning[];
}

function days(count: number): string {
  return count === 1 ? '1 day' : `${count} days`;
}

function times(count: number): string {
  return count === 1 ? 'once' : `${count} times`;
}

function assertDeal(deal: InspectedDeal): void {
  if (!Number.isSafeInteger(deal.pushCount) || deal.pushCount < 0) {
    throw new DomainError('invalid_opportunity', `${deal.id}: push count ${deal.pushCount} is not a whole number of times`, { id: deal.id });
  }
  for (const [field, amount] of [['amountMinor', deal.amountMinor], ['firstAmountMinor', deal.firstAmountMinor]] as const) {
    if (amount !== null && !Number.isSafeInteger(amount)) {
      throw new DomainError('invalid_money', `${deal.id}: ${field} ${amount} is not a whole number of minor units`, { id: deal.id, field });
    }
  }
}

/** A close date before the as-of date is past; a deal expected to close on the as-of date itself is still on time. */
function closeDatePast(deal: InspectedDeal, asOf: PlainDate): DealWarning | null {
  if (deal.closeDate >= asOf) return null;
  const daysPast = daysBetween(deal.closeDate, asOf);
  return { kind: 'close_date_past', message: `Close date ${deal.closeDate} is ${days(daysPast)} past`, details: { closeDate: deal.closeDate, daysPast } };
}

function noNextStep(deal: InspectedDeal): DealWarning | null {
  if (deal.nextStep !== null && deal.nextStep.trim() !== '') return null;
  return { kind: 'no_next_step', message: 'No next step', details: {} };
}

/**
 * Stalled: longer in the stage than the threshold, strictly. At the threshold itself the deal is
 * still among the p % that leave within it. Thresholds come from calculateStallThresholds with the
 * same configuration; a stage without one (too few past stays) never raises this warning.
 */
function stalled(deal: InspectedDeal, percentile: number, thresholds: StallThresholds, asOf: PlainDate): DealWarning | null {
  const threshold = stallThresholdOf(thresholds, deal.processId, deal.stageId);
  if (threshold === null) return null;
  if (threshold.percentile !== percentile) {
    throw invalidInspectionRules(
      `Stall thresholds of sales process ${deal.processId} were computed at the ${threshold.percentile}th percentile, but its rules ask for the ${percentile}th`,
      { processId: deal.processId, thresholdPercentile: threshold.percentile, rulePercentile: percentile },
    );
  }
  const daysInStage = daysBetween(deal.stageEnteredDate, asOf);
  if (daysInStage <= threshold.days) return null;
  return {
    kind: 'stalled',
    message: `In ${deal.stageName ?? deal.stageId} for ${days(daysInStage)}; ${percentile} % of deals leave it within ${days(threshold.days)}`,
    details: { stageId: deal.stageId, daysInStage, thresholdDays: threshold.days, percentile, samples: threshold.samples },
  };
}

function pushed(deal: InspectedDeal, threshold: number): DealWarning | null {
  if (deal.pushCount < threshold) return null;
  return { kind: 'pushed', message: `Close date pushed ${times(deal.pushCount)}`, details: { pushCount: deal.pushCount, threshold } };
}

/**
 * |current - first| / |first| ≥ threshold, compared as integers: |current - first| × 10000 ≥
 * threshold × |first|, so exactly the threshold fires and no float rounding decides a boundary.
 * No warning when the first amount is missing or 0 (no base to measure a change against) or the
 * deal has no amount now (unknown, not zero). The message rounds the change half-up to whole percent.
 */
function amountChanged(deal: InspectedDeal, thresholdBps: number): DealWarning | null {
  const first = deal.firstAmountMinor;
  const current = deal.amountMinor;
  if (first === null || first === 0 || current === null) return null;
  const change = BigInt(current) - BigInt(first);
  const magnitude = change < 0n ? -change : change;
  const base = BigInt(Math.abs(first));
  if (magnitude * 10_000n < BigInt(thresholdBps) * base) return null;
  const percent = divideHalfUp(magnitude * 100n, base);
  const changeBps = Number(divideHalfUp(change * 10_000n, base));
  return {
    kind: 'amount_changed',
    message: `Amount ${change > 0n ? 'up' : 'down'} ${percent} % since created`,
    details: { firstAmountMinor: first, amountMinor: current, changeBps, thresholdBps },
  };
}

/**
 * No activity in the last N days: the last activity is N or more days before the as-of date (an
 * activity exactly N days ago lies outside the N days that end on the as-of date).
 */
function noActivity(deal: InspectedDeal, thresholdDays: number, asOf: PlainDate): DealWarning | null {
  if (deal.lastActivityDate === undefined) return null;
  if (deal.lastActivityDate === null) {
    return {
      kind: 'no_activity',
      message: 'No activity recorded',
      details: { lastActivityDate: null, daysSinceActivity: null, thresholdDays },
    };
  }
  const daysSinceActivity = daysBetween(deal.lastActivityDate, asOf);
  if (daysSinceActivity < thresholdDays) return null;
  return {
    kind: 'no_activity',
    message: `No activity for ${days(daysSinceActivity)} (last on ${deal.lastActivityDate})`,
    details: { lastActivityDate: deal.lastActivityDate, daysSinceActivity, thresholdDays },
  };
}

/**
 * The warnings one open deal raises under `rules` on the as-of date, in WARNING_KINDS order. A
 * rule switched off raises nothing. Pure: the as-of date is given, never read from a clock.
 */
export function dealWarnings(deal: InspectedDeal, rules: InspectionRules, thresholds: StallThresholds, asOf: PlainDate): DealWarning[] {
  assertDeal(deal);
  const warnings = [
    rules.closeDateInPast ? closeDatePast(deal, asOf) : null,
    rules.noNextStep ? noNextStep(deal) : null,
    rules.stalledPercentile === null ? null : stalled(deal, rules.stalledPercentile, thresholds, asOf),
    rules.pushCount === null ? null : pushed(deal, rules.pushCount),
    rules.amountChangeBps === null ? null : amountChanged(deal, rules.amountChangeBps),
    rules.noActivityDays === null ? null : noActivity(deal, rules.noActivityDays, asOf),
  ];
  return warnings.filter((w): w is DealWarning => w !== null);
}

/** Inspects each deal under the rules of its own sales process. */
export function inspectDeals(
  deals: readonly InspectedDeal[],
  config: InspectionConfig,
  thresholds: StallThresholds,
  asOf: PlainDate,
): DealInspection[] {
  return deals.map((deal) => ({ deal, warnings: dealWarnings(deal, rulesForProcess(config, deal.processId), thresholds, asOf) }));
}
