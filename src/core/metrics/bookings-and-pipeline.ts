import { DomainError } from '../shared/domain-error.ts';
import { assertPeriod, isInPeriod, type MetricOpportunity, type MetricPeriod } from './metric-input.ts';
import { divideHalfUp, ratioOrNull, safeMinor, sumMinor } from './metric-arithmetic.ts';

/** A money total over a set of deals: minor units, how many deals, and how many had no amount. */
export interface AmountTotal {
  /** Integer minor units of the caller's currency. */
  readonly amountMinor: number;
  readonly count: number;
  /** Deals counted in `count` whose amount is null (added as nothing to `amountMinor`). */
  readonly withoutAmountCount: number;
}

const FULL_BPS = 10_000n;

export function totalOf(opportunities: readonly MetricOpportunity[], context: string): AmountTotal {
  return {
    amountMinor: sumMinor(opportunities.map((o) => o.amountMinor), context),
    count: opportunities.length,
    withoutAmountCount: opportunities.filter((o) => o.amountMinor === null).length,
  };
}

/** Won deals whose close date falls in the period (glossary: booking, counted on its close date). */
export function wonInPeriod(opportunities: readonly MetricOpportunity[], period: MetricPeriod): MetricOpportunity[] {
  assertPeriod(period);
  return opportunities.filter((o) => o.isClosed && o.isWon && isInPeriod(period, o.closeDate));
}

/** Open deals at the as-of point whose expected close date falls in the period. */
export function openInPeriod(opportunities: readonly MetricOpportunity[], period: MetricPeriod): MetricOpportunity[] {
  assertPeriod(period);
  return opportunities.filter((o) => !o.isClosed && isInPeriod(period, o.closeDate));
}

/** Bookings: Σ amount of deals won with a close date in the period. */
export function calculateBookings(opportunities: readonly MetricOpportunity[], period: MetricPeriod): AmountTotal {
  return totalOf(wonInPeriod(opportunities, period), 'bookings');
}

/**
 * Pipeline created: Σ amount of deals created in the period, whatever has happened to them since
 * (a deal created and lost in the same quarter was still pipeline created in it).
 */
export function calculatePipelineCreated(opportunities: readonly MetricOpportunity[], period: MetricPeriod): AmountTotal {
  assertPeriod(period);
  return totalOf(opportunities.filter((o) => isInPeriod(period, o.createdDate)), 'pipeline created');
}

/**
 * Open pipeline: Σ amount of deals still open at the as-of point whose close date falls in the
 * period. Every open deal counts, Omitted included (glossary: pipeline = open opportunities); a
 * deal whose close date has passed without closing belongs to the period its date is in.
 */
export function calculateOpenPipeline(opportunities: readonly MetricOpportunity[], period: MetricPeriod): AmountTotal {
  return totalOf(openInPeriod(opportunities, period), 'open pipeline');
}

/**
 * One deal's weighted amount: amount × probabilityBps / 10000, rounded half-up to the minor unit.
 * Rounding once per deal (not once on the total) gives every deal a fixed weighted amount, so a
 * drill-down list adds up to the headline and slices by owner or stage add up to the whole
 * exactly; the cost is at most half a minor unit per deal.
 */
export function weightedAmountMinor(opportunity: MetricOpportunity): number {
  const { amountMinor, probabilityBps } = opportunity;
  if (!Number.isInteger(probabilityBps) || probabilityBps < 0 || probabilityBps > 10_000) {
    throw new DomainError('invalid_opportunity', `${opportunity.id}: probability of ${probabilityBps} bps is outside 0..10000`, { id: opportunity.id });
  }
  if (amountMinor === null) return 0;
  return safeMinor(divideHalfUp(BigInt(amountMinor) * BigInt(probabilityBps), FULL_BPS), 'weighted pipeline');
}

/** Weighted pipeline: Σ weightedAmountMinor over the open pipeline of the period. */
export function calculateWeightedPipeline(opportunities: readonly MetricOpportunity[], period: MetricPeriod): AmountTotal {
  const open = openInPeriod(opportunities, period);
  return {
    amountMinor: sumMinor(open.map(weightedAmountMinor), 'weighted pipeline'),
    count: open.length,
    withoutAmountCount: open.filter((o) => o.amountMinor === null).length,
  };
}

export interface Coverage {
  /** Open pipeline ÷ remaining target; null when nothing remains to cover (target met or zero). */
  readonly ratio: number | null;
  readonly openPipelineMinor: number;
  readonly bookingsMinor: number;
  /** Target − bookings so far, in minor units; may be negative when the target is exceeded. */
  readonly remainingTargetMinor: number;
}

/**
 * Coverage (glossary): open pipeline closing in the period ÷ (target − bookings so far in the
 * period). `targetMinor` is the quota for the same period and set of people, in minor units.
 */
export function calculateCoverage(opportunities: readonly MetricOpportunity[], period: MetricPeriod, targetMinor: number): Coverage {
  if (!Number.isSafeInteger(targetMinor)) {
    throw new DomainError('invalid_money', `Target ${targetMinor} is not a whole number of minor units`);
  }
  const openPipelineMinor = calculateOpenPipeline(opportunities, period).amountMinor;
  const bookingsMinor = calculateBookings(opportunities, period).amountMinor;
  const remainingTargetMinor = safeMinor(BigInt(targetMinor) - BigInt(bookingsMinor), 'coverage');
  return {
    ratio: remainingTargetMinor > 0 ? ratioOrNull(openPipelineMinor, remainingTargetMinor) : null,
    openPipelineMinor,
    bookingsMinor,
    remainingTargetMinor,
  };
}
