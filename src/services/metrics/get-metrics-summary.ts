import type { MetricsFilter, MetricsSummaryView } from '../../contracts/metrics.ts';
import { metricById } from '../../core/metrics/metric-catalogue.ts';
import { fiscalPeriodOf, type FiscalCalendarConfig } from '../../core/shared/fiscal-calendar.ts';
import { addDays, daysBetween, type PlainDate } from '../../core/shared/plain-date.ts';
import type { Store } from '../../store/database.ts';
import type { Actor } from '../access/actor.ts';
import { definitionView, resolvedFilterView, valueView } from './get-metric.ts';
import { aggregateMetrics, canAggregate } from './aggregate-metric.ts';
import { loadMetricDeals } from './load-metric-deals.ts';
import { evaluatorOf, type Figure } from './metric-evaluators.ts';
import { resolveMetricRequest, type MetricRequest } from './metric-request.ts';
import { loadReportConverter } from './report-converter.ts';

/** The KPI tiles, in the order the dashboard shows them. Each needs only the period's own deals. */
export const SUMMARY_METRICS = [
  'bookings', 'open_pipeline', 'weighted_pipeline', 'pipeline_created', 'win_rate_count', 'win_rate_value', 'average_deal_size', 'sales_cycle_median_days',
] as const;

async function figures(store: Store, request: MetricRequest, metricIds: readonly string[], targetMinor: number | undefined): Promise<Map<string, Figure>> {
  const converter = await loadReportConverter(store, request.currency, request.workspace.corporateCurrency);
  const result = new Map<string, Figure>();
  if (await canAggregate(store, request, metricIds, null)) {
    for (const [id, aggregated] of await aggregateMetrics(store, request, metricIds, null, null, converter, targetMinor)) result.set(id, aggregated.total);
    return result;
  }
  const deals = await loadMetricDeals(store, request, { ranges: [{ from: request.from, to: request.to }] }, converter);
  const context = { period: { from: request.from, to: request.to }, targetMinor };
  for (const id of metricIds) {
    const evaluator = evaluatorOf(id);
    if (evaluator !== undefined) result.set(id, evaluator.evaluate(deals, context));
  }
  return result;
}

/**
 * The period before this one: the previous fiscal year, quarter or month when the period is exactly
 * one (so FY2017 compares with FY2016, leap day or 53rd week included), else the days of the same
 * length just before it. It is read as of the same as-of date as the current one: every figure of
 * a page is the data as known on one day (for a past period, its final figures as known then).
 */
export function previousWindow(fiscal: FiscalCalendarConfig, from: PlainDate, to: PlainDate, asOf: PlainDate): { from: PlainDate; to: PlainDate; asOf: PlainDate } {
  for (const grain of ['year', 'quarter', 'month'] as const) {
    const period = fiscalPeriodOf(fiscal, from, grain);
    if (period.start === from && period.end === to) {
      const before = fiscalPeriodOf(fiscal, addDays(from, -1), grain);
      return { from: before.start, to: before.end, asOf };
    }
  }
  const length = daysBetween(from, to) + 1;
  return { from: addDays(from, -length), to: addDays(to, -length), asOf };
}

/** KPI tiles for the period with the change from the previous period, for the caller's scope. */
export async function getMetricsSummary(store: Store, actor: Actor, filter: MetricsFilter & { target?: number | undefined }): Promise<MetricsSummaryView> {
  const request = await resolveMetricRequest(store, actor, filter);
  const previous = previousWindow(request.fiscal, request.from, request.to, request.asOf);
  const previousRequest: MetricRequest = { ...request, ...previous };
  const ids = filter.target === undefined ? [...SUMMARY_METRICS] : [...SUMMARY_METRICS, 'coverage'];
  const [now, before] = await Promise.all([figures(store, request, ids, filter.target), figures(store, previousRequest, ids, filter.target)]);
  const tiles = ids.map((id) => {
    const definition = metricById(id);
    const current = now.get(id);
    const earlier = before.get(id);
    if (definition === undefined || current === undefined || earlier === undefined) throw new Error(`Metric ${id} has no evaluator`);
    const change = current.value === null || earlier.value === null ? null : current.value - earlier.value;
    return {
      metric: definitionView(definition),
      current: valueView(current, definition, request.currency),
      previous: valueView(earlier, definition, request.currency),
      change,
    };
  });
  return { filter: resolvedFilterView(request), previous, tiles, isDemo: request.workspace.isDemo };
}
