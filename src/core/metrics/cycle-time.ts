import { daysBetween } from '../shared/plain-date.ts';
import { closedOn, type MetricOpportunity, type MetricPeriod } from './metric-input.ts';
import { meanOfIntegers, median } from './metric-arithmetic.ts';
import { closedInPeriod } from './win-rate.ts';

export interface SalesCycle {
  /** Deals measured. */
  readonly count: number;
  /** Σ days over the measured deals (whole days); velocity divides by it exactly. */
  readonly totalDays: number;
  /** Median days; with an even count the mean of the two middle values, so it may end in .5. */
  readonly medianDays: number | null;
  /** Mean days, fractional; null when no deal was measured. */
  readonly meanDays: number | null;
}

/** Which closed deals a cycle is measured on: won deals unless stated (DOMAIN: sales cycle). */
export type CycleScope = 'won' | 'closed';

/**
 * Days from created to closed for one deal. A deal closed "before" it was created (a CRM import
 * that back-dated the close) counts as 0 days rather than a negative length.
 */
export function cycleDays(opportunity: MetricOpportunity): number {
  return Math.max(0, daysBetween(opportunity.createdDate, closedOn(opportunity)));
}

/** Sales cycle over deals closed in the period (by closedDate when known, else close date). */
export function calculateSalesCycle(
  opportunities: readonly MetricOpportunity[],
  period: MetricPeriod,
  scope: CycleScope = 'won',
): SalesCycle {
  const measured = closedInPeriod(opportunities, period).filter((o) => scope === 'closed' || o.isWon);
  const days = measured.map(cycleDays);
  return {
    count: days.length,
    totalDays: days.reduce((a, b) => a + b, 0),
    medianDays: median(days),
    meanDays: meanOfIntegers(days),
  };
}
