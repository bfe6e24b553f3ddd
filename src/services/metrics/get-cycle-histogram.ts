import type { HistogramView, MetricsFilter } from '../../contracts/metrics.ts';
import { cycleDays } from '../../core/metrics/cycle-time.ts';
import { closedInPeriod } from '../../core/metrics/win-rate.ts';
import type { Store } from '../../store/database.ts';
import type { Actor } from '../access/actor.ts';
import { resolvedFilterView } from './get-metric.ts';
import { loadMetricDeals } from './load-metric-deals.ts';
import { resolveMetricRequest } from './metric-request.ts';
import { loadReportConverter } from './report-converter.ts';

/** Bin width in days chosen so a histogram has at most about 20 bars: 7, 14, 30, 60 or 90. */
export function binWidth(maxDays: number): number {
  for (const width of [7, 14, 30, 60, 90]) if (maxDays / width <= 20) return width;
  return 180;
}

/**
 * How long the period's won deals took from creation to close (the sales cycle's distribution),
 * in bins of equal width starting at 0; each bin counts deals with fromDays ≤ days < toDays.
 */
export async function getCycleHistogram(store: Store, actor: Actor, filter: MetricsFilter): Promise<HistogramView> {
  const request = await resolveMetricRequest(store, actor, filter);
  const converter = await loadReportConverter(store, request.currency, request.workspace.corporateCurrency);
  const deals = await loadMetricDeals(store, request, { ranges: [{ from: request.from, to: request.to }] }, converter);
  const days = closedInPeriod(deals, { from: request.from, to: request.to }).filter((d) => d.isWon).map(cycleDays);
  const max = days.reduce((m, d) => Math.max(m, d), 0);
  const width = binWidth(max);
  const binCount = days.length === 0 ? 0 : Math.floor(max / width) + 1;
  const counts = Array.from({ length: binCount }, () => 0);
  for (const d of days) {
    const bin = Math.floor(d / width);
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return {
    filter: resolvedFilterView(request),
    bins: counts.map((count, i) => ({ fromDays: i * width, toDays: (i + 1) * width, count })),
    isDemo: request.workspace.isDemo,
  };
}
