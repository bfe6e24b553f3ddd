import type { MetricCatalogueView, MetricSliceId } from '../../contracts/metrics.ts';
import { METRICS } from '../../core/metrics/metric-catalogue.ts';
import type { Store } from '../../store/database.ts';
import type { Actor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';
import { definitionView } from './get-metric.ts';
import { evaluatorOf } from './metric-evaluators.ts';
import { SLICE_NAMES } from './metric-slices.ts';

/** Every metric salesops computes with its definition, and the dimensions reports cut by. */
export function metricCatalogue(): MetricCatalogueView {
  return {
    metrics: METRICS.filter((m) => evaluatorOf(m.id) !== undefined).map(definitionView),
    slices: (Object.keys(SLICE_NAMES) as MetricSliceId[]).map((id) => ({ id, name: SLICE_NAMES[id] })),
  };
}

/** The catalogue for a caller who may read analytics. */
export async function getMetricCatalogue(store: Store, actor: Actor): Promise<MetricCatalogueView> {
  await authorize(store, actor, 'pipeline.read');
  return metricCatalogue();
}
