import type { MetricsFilter, StageFunnelView } from '../../contracts/metrics.ts';
import type { Store } from '../../store/database.ts';
import { listAllStages } from '../../store/sales-process-repository.ts';
import type { Actor } from '../access/actor.ts';
import { computeMetric } from './compute-metric.ts';
import { resolvedFilterView } from './get-metric.ts';
import { recordCountOf } from './metric-evaluators.ts';
import { resolveMetricRequest } from './metric-request.ts';

/**
 * The conversion funnel of the period, stage by stage in process order: deals that reached each
 * stage (entered it during the period), the share of them that went further, the median and mean
 * days spent in it, and the open pipeline sitting in it on the as-of date.
 */
export async function getStageFunnel(store: Store, actor: Actor, filter: MetricsFilter): Promise<StageFunnelView> {
  const request = await resolveMetricRequest(store, actor, filter);
  const [conversion, time, open] = await Promise.all([
    computeMetric(store, request, 'stage_conversion', 'stage'),
    computeMetric(store, request, 'time_in_stage', 'stage'),
    computeMetric(store, request, 'open_pipeline', 'stage'),
  ]);
  const stages = (await listAllStages(store.db))
    .filter((s) => request.attributes.processId === undefined || s.processId === request.attributes.processId)
    .sort((a, b) => (a.processId < b.processId ? -1 : a.processId > b.processId ? 1 : a.sortOrder - b.sortOrder));
  const conversionOf = new Map(conversion.slices.map((s) => [s.key, s]));
  const timeOf = new Map(time.slices.map((s) => [s.key, s]));
  const openOf = new Map(open.slices.map((s) => [s.key, s]));
  return {
    filter: resolvedFilterView(request),
    stages: stages.map((stage) => {
      const c = conversionOf.get(stage.id);
      const t = timeOf.get(stage.id);
      const o = openOf.get(stage.id);
      const stays = t?.denominator ?? 0;
      return {
        stageId: stage.id,
        name: stage.name,
        processId: stage.processId,
        reached: c?.denominator ?? 0,
        conversionToNext: stage.isClosed ? null : c?.value ?? null,
        medianDaysInStage: t?.value ?? null,
        meanDaysInStage: stays === 0 ? null : t?.meanDays ?? null,
        openAmount: o?.value ?? 0,
        openCount: o === undefined ? 0 : recordCountOf(o),
      };
    }),
    isDemo: request.workspace.isDemo,
  };
}
