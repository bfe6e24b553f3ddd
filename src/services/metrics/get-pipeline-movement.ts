import type { MovementQuery, PipelineMovementView } from '../../contracts/metrics.ts';
import { dealOutcome, pipelineMovementBy, type DealEnds, type DealPoint, type DealMovement, type MovementBucket } from '../../core/metrics/pipeline-movement.ts';
import { addDays, isPlainDate, type PlainDate } from '../../core/shared/plain-date.ts';
import type { Store } from '../../store/database.ts';
import type { Actor } from '../access/actor.ts';
import { ServiceError } from '../service-error.ts';
import { ACCOUNT_SLICES } from './compute-metric.ts';
import { resolvedFilterView } from './get-metric.ts';
import { ChangeLog, loadMetricDeals, loadMetricDealsByIds, type MetricDeal } from './load-metric-deals.ts';
import { resolveMetricRequest, type MetricRequest } from './metric-request.ts';
import { sliceKeying } from './metric-slices.ts';
import { loadReportConverter } from './report-converter.ts';

/** A deal at one end of the movement, carrying the deal so slices can key on any attribute. */
interface MovementPoint extends DealPoint {
  readonly deal: MetricDeal;
}

function pointOf(deal: MetricDeal | undefined): MovementPoint | null {
  if (deal === undefined) return null;
  return { outcome: dealOutcome(deal), amountMinor: deal.amountMinor, closeDate: deal.closeDate, forecastCategory: deal.forecastCategory, ownerId: deal.ownerId, deal };
}

export interface ComputedMovement {
  readonly request: MetricRequest;
  readonly start: PlainDate;
  readonly deals: readonly DealEnds<MovementPoint>[];
  readonly lines: readonly DealMovement[];
  readonly view: PipelineMovementView;
}

/**
 * The movement of the period's pipeline (open, not Omitted, close date in the period) from the end
 * of `start` to the end of the as-of date. Each end is the pipeline as it stood then, each deal's
 * amount converted at the rate of its close date at that end (so a move of close date across a rate
 * change shows as an amount change). A deal that leaves the caller's owners (or the team filtered
 * on) between the two ends leaves this pipeline as `removed`.
 */
export async function computePipelineMovement(store: Store, actor: Actor, query: MovementQuery): Promise<ComputedMovement> {
  const endRequest = await resolveMetricRequest(store, actor, query);
  const start = query.start ?? addDays(endRequest.asOf, -7);
  if (!isPlainDate(start)) throw new ServiceError('invalid_argument', `start "${start}" is not a real date (YYYY-MM-DD)`, { field: 'start' });
  if (start >= endRequest.asOf) throw new ServiceError('invalid_argument', `The movement must start (${start}) before the as-of date (${endRequest.asOf})`, { field: 'start' });
  const startRequest: MetricRequest = { ...endRequest, asOf: start };
  const by = query.by ?? null;
  const accountAttributes = by !== null && ACCOUNT_SLICES.has(by);
  const window = { ranges: [{ from: endRequest.from, to: endRequest.to }], accountAttributes };
  const converter = await loadReportConverter(store, endRequest.currency, endRequest.workspace.corporateCurrency);
  const changeLog = new ChangeLog(store);
  const atStart = await loadMetricDeals(store, startRequest, window, converter, changeLog);
  const atEnd = await loadMetricDeals(store, endRequest, window, converter, changeLog);
  const startById = new Map(atStart.map((d) => [d.id, d]));
  const endById = new Map(atEnd.map((d) => [d.id, d]));
  // A deal in the window at the start may have left it by the end: read where it went. A deal in
  // the window at the end may have existed outside it at the start (pulled in, not created): read
  // where it was.
  const missingAtEnd = atStart.filter((d) => !endById.has(d.id)).map((d) => d.id);
  for (const [id, deal] of await loadMetricDealsByIds(store, endRequest, missingAtEnd, converter, changeLog, accountAttributes)) endById.set(id, deal);
  const missingAtStart = atEnd.filter((d) => !startById.has(d.id)).map((d) => d.id);
  for (const [id, deal] of await loadMetricDealsByIds(store, startRequest, missingAtStart, converter, changeLog, accountAttributes)) startById.set(id, deal);
  const ids = [...new Set([...startById.keys(), ...endById.keys()])].sort();
  const deals: DealEnds<MovementPoint>[] = ids.map((id) => ({ opportunityId: id, start: pointOf(startById.get(id)), end: pointOf(endById.get(id)) }));

  const keying = by === null ? null : await sliceKeying(store, endRequest, by);
  const options = { window: { from: endRequest.from, to: endRequest.to }, currency: endRequest.currency };
  const sliced = pipelineMovementBy(deals, options, (p) => (keying === null ? '' : keying.keyOf(p.deal, (d) => d.closeDate)));
  const total = sliced.total;
  const amounts = (m: typeof total | (typeof sliced.slices)[number]) => ({
    starting: m.starting, created: m.created, pulledIn: m.pulledIn, restored: m.restored, pushedOut: m.pushedOut,
    amountChanged: m.amountChanged, won: m.won, lost: m.lost, removed: m.removed, ending: m.ending,
  });
  const view: PipelineMovementView = {
    filter: resolvedFilterView(endRequest),
    start,
    total: amounts(total),
    slices: keying === null ? [] : sliced.slices.map((s) => ({ key: s.key, label: keying.labelOf(s.key), ...amounts(s), transferredIn: s.transferredIn, transferredOut: s.transferredOut })),
    dealCount: total.deals.length,
    isDemo: endRequest.workspace.isDemo,
  };
  return { request: endRequest, start, deals, lines: total.deals, view };
}

/** Pipeline movement between two dates for the caller's scope and filters, whole and by slice. */
export async function getPipelineMovement(store: Store, actor: Actor, query: MovementQuery): Promise<PipelineMovementView> {
  return (await computePipelineMovement(store, actor, query)).view;
}

/** The deals of a movement that moved through `bucket` (a drill-down from the waterfall). */
export function dealsInBucket(movement: ComputedMovement, bucket: MovementBucket | 'starting' | 'ending'): MetricDeal[] {
  const byId = new Map(movement.deals.map((d) => [d.opportunityId, d]));
  const result: MetricDeal[] = [];
  for (const line of movement.lines) {
    const hit = bucket === 'starting' ? line.starting !== 0 : bucket === 'ending' ? line.ending !== 0 : line.buckets.includes(bucket);
    if (!hit) continue;
    const ends = byId.get(line.opportunityId);
    const deal = ends?.end?.deal ?? ends?.start?.deal;
    if (deal !== undefined) result.push(deal);
  }
  return result;
}
