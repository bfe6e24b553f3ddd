import { assertPeriod, isInPeriod, type MetricOpportunity, type MetricPeriod } from './metric-input.ts';
import { sharesInBps, sumMinor } from './metric-arithmetic.ts';
import { openInPeriod, wonInPeriod } from './bookings-and-pipeline.ts';
import { sliceBy, type SliceDimension } from './slice-by.ts';

export interface MixPart {
  readonly key: string;
  readonly count: number;
  /** Integer minor units; the parts' amounts sum exactly to the total. */
  readonly amountMinor: number;
  /** Share of the deals in basis points; the parts sum to exactly 10000. */
  readonly countShareBps: number;
  /** Share of the amount in basis points, summing to exactly 10000; null when the total amount is not positive or an amount is negative. */
  readonly amountShareBps: number | null;
}

export interface Mix {
  readonly count: number;
  readonly amountMinor: number;
  /** One part per key, sorted by key; empty when there are no deals. */
  readonly parts: readonly MixPart[];
}

/**
 * How a set of deals divides by a key, by count and by amount. Shares are apportioned by largest
 * remainder over the parts sorted by key, so they sum to exactly 10000 bps and ties always go to
 * the same (earliest) key whatever the input order. Deals without an amount add to counts only.
 */
export function calculateMix(
  opportunities: readonly MetricOpportunity[],
  key: SliceDimension | ((opportunity: MetricOpportunity) => string),
): Mix {
  const slices = sliceBy(opportunities, key).map((s) => ({
    key: s.key,
    count: s.opportunities.length,
    amountMinor: sumMinor(s.opportunities.map((o) => o.amountMinor), 'mix'),
  }));
  const amountMinor = sumMinor(slices.map((s) => s.amountMinor), 'mix');
  const countShares = sharesInBps(slices.map((s) => s.count));
  const anyNegative = opportunities.some((o) => o.amountMinor !== null && o.amountMinor < 0);
  const amountShares = anyNegative ? null : sharesInBps(slices.map((s) => s.amountMinor));
  return {
    count: opportunities.length,
    amountMinor,
    parts: slices.map((s, i) => ({
      ...s,
      countShareBps: countShares?.[i] ?? 0,
      amountShareBps: amountShares?.[i] ?? null,
    })),
  };
}

/** Forecast category mix of the open pipeline closing in the period. */
export function calculateForecastCategoryMix(opportunities: readonly MetricOpportunity[], period: MetricPeriod): Mix {
  return calculateMix(openInPeriod(opportunities, period), 'forecast_category');
}

/** Type mix (new business, renewal…) of the period's bookings. */
export function calculateTypeMix(opportunities: readonly MetricOpportunity[], period: MetricPeriod): Mix {
  return calculateMix(wonInPeriod(opportunities, period), 'type');
}

/** Lead source mix of the pipeline created in the period: where new pipeline comes from. */
export function calculateLeadSourceMix(opportunities: readonly MetricOpportunity[], period: MetricPeriod): Mix {
  assertPeriod(period);
  return calculateMix(opportunities.filter((o) => isInPeriod(period, o.createdDate)), 'lead_source');
}
