import type { MetricDefinitionView, MetricQuery, MetricResultView, MetricValueView } from '../../contracts/metrics.ts';
import type { MetricDefinition } from '../../core/metrics/metric-definition.ts';
import type { CurrencyCode } from '../../core/shared/currency.ts';
import type { Store } from '../../store/database.ts';
import type { Actor } from '../access/actor.ts';
import { computeMetric, slicesOf } from './compute-metric.ts';
import { formatMetricValue } from './format-metric-value.ts';
import { recordCountOf, type Figure } from './metric-evaluators.ts';
import { resolveMetricRequest, type MetricRequest } from './metric-request.ts';

/** The catalogue entry as the API shows it, with the dimensions it can be cut by. */
export function definitionView(definition: MetricDefinition): MetricDefinitionView {
  return { ...definition, slices: slicesOf(definition.id) };
}

export function valueView(figure: Figure, definition: MetricDefinition, currency: CurrencyCode): MetricValueView {
  return {
    value: figure.value,
    display: formatMetricValue(figure.value, definition.unit, currency),
    ...(figure.numerator !== undefined ? { numerator: figure.numerator } : {}),
    ...(figure.denominator !== undefined ? { denominator: figure.denominator } : {}),
    recordCount: recordCountOf(figure),
  };
}

export function resolvedFilterView(request: MetricRequest) {
  return { from: request.from, to: request.to, asOf: request.asOf, currency: request.currency, corporateCurrency: request.workspace.corporateCurrency };
}

/**
 * One metric for the caller's scope and filters, whole and cut by `by`, with its definition: the
 * numbers the Analytics pages, the API and `salesops metrics` all show.
 */
export async function getMetric(store: Store, actor: Actor, metricId: string, query: MetricQuery): Promise<MetricResultView> {
  const request = await resolveMetricRequest(store, actor, query);
  const computed = await computeMetric(store, request, metricId, query.by, query.target);
  const currency = request.currency;
  return {
    metric: definitionView(computed.definition),
    filter: resolvedFilterView(request),
    total: valueView(computed.total, computed.definition, currency),
    by: computed.by,
    slices: computed.slices.map((s) => ({ key: s.key, label: s.label, ...valueView(s, computed.definition, currency) })),
    isDemo: request.workspace.isDemo,
  };
}
