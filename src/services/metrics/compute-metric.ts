import type { MetricSliceId } from '../../contracts/metrics.ts';
import type { MetricDefinition } from '../../core/metrics/metric-definition.ts';
import { metricById } from '../../core/metrics/metric-catalogue.ts';
import { calculateStageConversion, calculateTimeInStage } from '../../core/metrics/stage-metrics.ts';
import type { StageEntry } from '../../core/metrics/metric-input.ts';
import { endOfDay } from '../../core/pipeline/opportunity-history.ts';
import { allocateMoney } from '../../core/shared/money.ts';
import { addDays, plainDateOfTimestamp } from '../../core/shared/plain-date.ts';
import type { Store } from '../../store/database.ts';
import { listFieldChangesBetween, listFieldChangesOf, listLineItemShares } from '../../store/metric-deal-query.ts';
import { listAllStages } from '../../store/sales-process-repository.ts';
import { ServiceError } from '../service-error.ts';
import { loadMetricDeals, type MetricDeal } from './load-metric-deals.ts';
import { DEFAULT_SLICE, evaluatorOf, recordCountOf, type EvaluationContext, type Figure } from './metric-evaluators.ts';
import type { MetricRequest } from './metric-request.ts';
import { NONE_KEY, sliceKeying, type SliceKeying } from './metric-slices.ts';
import { loadReportConverter } from './report-converter.ts';
import { aggregateMetrics, canAggregate } from './aggregate-metric.ts';

/** A deal part cut by product line: the deal with its share of the amount on one line. */
export type ProductPart = MetricDeal & { readonly productLine: string };

export interface SlicedFigure extends Figure {
  readonly key: string;
  readonly label: string;
}

export interface ComputedMetric {
  readonly definition: MetricDefinition;
  readonly by: MetricSliceId | null;
  readonly total: Figure;
  readonly slices: readonly SlicedFigure[];
}

/** Slices read from the deal's account. */
export const ACCOUNT_SLICES: ReadonlySet<MetricSliceId> = new Set(['region', 'state', 'segment', 'industry']);

/** Slices a metric can be cut by: every dimension, except product where the amount cannot be split. */
export function slicesOf(metricId: string): MetricSliceId[] {
  const evaluator = evaluatorOf(metricId);
  const all: MetricSliceId[] = ['month', 'quarter', 'year', 'owner', 'team', 'manager', 'region', 'state', 'segment', 'industry', 'type', 'lead_source', 'process', 'stage', 'forecast_category'];
  return evaluator?.byProduct === true ? [...all.slice(0, 10), 'product', ...all.slice(10)] : all;
}

/** The catalogue entry, or not_found naming the metrics there are. */
export function definitionOf(metricId: string): MetricDefinition {
  const definition = metricById(metricId);
  if (definition === undefined || evaluatorOf(metricId) === undefined) {
    throw new ServiceError('not_found', `There is no metric "${metricId}" (salesops metrics --list shows them)`, { metric: metricId });
  }
  return definition;
}

/** Pushes per deal: close-date changes to a later date made from the period's start to the as-of date. */
async function attachPushes(store: Store, request: MetricRequest, deals: readonly MetricDeal[]): Promise<MetricDeal[]> {
  const changes = await listFieldChangesBetween(store.db, 'close_date', endOfDay(addDays(request.from, -1)), endOfDay(request.asOf));
  const pushes = new Map<string, number>();
  for (const c of changes) {
    if (c.oldValue !== null && c.newValue !== null && c.newValue > c.oldValue) pushes.set(c.opportunityId, (pushes.get(c.opportunityId) ?? 0) + 1);
  }
  return deals.map((d) => ({ ...d, pushCount: pushes.get(d.id) ?? 0 }));
}

/**
 * Stage entries of the deals up to the as-of date, from stage history: the stage a deal was
 * created in counts as entered on its creation date (the old value of its first stage change, or
 * its stage when it never changed).
 */
async function loadStageEntries(store: Store, request: MetricRequest, deals: readonly MetricDeal[]): Promise<StageEntry[]> {
  const cutoff = endOfDay(request.asOf);
  const changes = (await listFieldChangesOf(store.db, deals.map((d) => d.id), 'stage')).filter((c) => c.changedAt <= cutoff);
  const byDeal = new Map<string, typeof changes>();
  for (const c of changes) byDeal.set(c.opportunityId, [...(byDeal.get(c.opportunityId) ?? []), c]);
  const entries: StageEntry[] = [];
  for (const deal of deals) {
    const own = byDeal.get(deal.id) ?? [];
    const first = own[0];
    if (first === undefined) entries.push({ opportunityId: deal.id, stageId: deal.stageId, enteredAt: deal.createdDate });
    else if (first.oldValue !== null) entries.push({ opportunityId: deal.id, stageId: first.oldValue, enteredAt: deal.createdDate });
    for (const c of own) if (c.newValue !== null) entries.push({ opportunityId: deal.id, stageId: c.newValue, enteredAt: plainDateOfTimestamp(c.changedAt) });
  }
  return entries;
}

/** Each deal cut into its line items' product lines, the converted amount allocated by line totals so parts sum to the deal. */
async function splitByProduct(store: Store, deals: readonly MetricDeal[]): Promise<ProductPart[]> {
  const shares = await listLineItemShares(store.db, deals.map((d) => d.id));
  const byDeal = new Map<string, typeof shares>();
  for (const s of shares) byDeal.set(s.opportunityId, [...(byDeal.get(s.opportunityId) ?? []), s]);
  const parts: ProductPart[] = [];
  for (const deal of deals) {
    const lines = (byDeal.get(deal.id) ?? []).filter((l) => l.totalMinor > 0);
    if (lines.length === 0 || deal.amountMinor === null) {
      parts.push({ ...deal, productLine: NONE_KEY });
      continue;
    }
    // Lines of one product line are summed first, so a deal has one part per product line.
    const totals = new Map<string, number>();
    for (const l of lines) totals.set(l.productLine ?? NONE_KEY, (totals.get(l.productLine ?? NONE_KEY) ?? 0) + l.totalMinor);
    const keys = [...totals.keys()].sort();
    const amounts = allocateMoney({ minor: deal.amountMinor, currency: deal.currency }, keys.map((k) => totals.get(k) ?? 0));
    keys.forEach((key, i) => parts.push({ ...deal, productLine: key, amountMinor: amounts[i]?.minor ?? 0 }));
  }
  return parts;
}

function stageSlices(metricId: string, deals: readonly MetricDeal[], context: EvaluationContext, keying: SliceKeying): SlicedFigure[] {
  const entries = context.stageEntries ?? [];
  const order = context.stageOrder ?? [];
  const inPeriod = (e: StageEntry) => e.enteredAt >= context.period.from && e.enteredAt <= context.period.to;
  const recordsOf = (stageId: string) => {
    const ids = new Set(entries.filter((e) => e.stageId === stageId && inPeriod(e)).map((e) => e.opportunityId));
    return deals.filter((d) => ids.has(d.id));
  };
  if (metricId === 'stage_conversion') {
    return calculateStageConversion(deals, context.period, entries, order).map((r) => ({
      key: r.stageId, label: keying.labelOf(r.stageId), value: r.rate, numerator: r.advanced, denominator: r.entered, records: recordsOf(r.stageId),
    }));
  }
  return calculateTimeInStage(deals, context.period, entries, order).map((r) => ({
    key: r.stageId, label: keying.labelOf(r.stageId), value: r.medianDays, numerator: null, denominator: r.stays, meanDays: r.meanDays, records: recordsOf(r.stageId),
  }));
}

/**
 * Loads what the metric needs for the request and computes it, whole and per slice. Slices are
 * the metric computed on each group of deals (so additive metrics sum to the total), in key order;
 * fiscal periods in date order, with empty periods of the report present.
 */
export async function computeMetric(
  store: Store,
  request: MetricRequest,
  metricId: string,
  by: MetricSliceId | undefined,
  targetMinor?: number,
  options: { readonly withRecords?: boolean } = {},
): Promise<ComputedMetric & { deals: readonly MetricDeal[] }> {
  const definition = definitionOf(metricId);
  const evaluator = evaluatorOf(metricId);
  if (evaluator === undefined) throw new ServiceError('not_found', `There is no metric "${metricId}"`);
  const slice = by ?? DEFAULT_SLICE[metricId] ?? null;
  if (slice !== null && !slicesOf(metricId).includes(slice)) {
    throw new ServiceError('invalid_argument', `${definition.name} cannot be cut by ${slice}: its amount is not split by product`, { field: 'by' });
  }
  const converter = await loadReportConverter(store, request.currency, request.workspace.corporateCurrency);
  if (options.withRecords !== true && (await canAggregate(store, request, [metricId], slice))) {
    const keying = slice === null ? null : await sliceKeying(store, request, slice);
    const aggregated = (await aggregateMetrics(store, request, [metricId], slice, keying, converter, targetMinor)).get(metricId);
    if (aggregated === undefined) throw new Error(`No aggregate for ${metricId}`);
    if (slice === null || keying === null) return { definition, by: null, total: aggregated.total, slices: [], deals: [] };
    const keys = keying.fixedKeys.length > 0 ? keying.fixedKeys : [...aggregated.slices.keys()].filter((k) => recordCountOf(aggregated.slices.get(k) ?? { value: null, records: [] }) > 0).sort();
    const empty = evaluator.evaluate([], { period: { from: request.from, to: request.to }, targetMinor });
    const slices = keys.map((key) => ({ ...(aggregated.slices.get(key) ?? empty), key, label: keying.labelOf(key) }));
    return { definition, by: slice, total: aggregated.total, slices, deals: [] };
  }
  const window = { ranges: [{ from: request.from, to: request.to }], includeOpen: evaluator.allOpen === true, accountAttributes: slice !== null && ACCOUNT_SLICES.has(slice) };
  let deals = await loadMetricDeals(store, request, window, converter);
  if (evaluator.pushes === true) deals = await attachPushes(store, request, deals);
  const context: EvaluationContext = { period: { from: request.from, to: request.to }, targetMinor };
  let full = context;
  if (evaluator.stageHistory === true) {
    const stages = (await listAllStages(store.db))
      .filter((s) => request.attributes.processId === undefined || s.processId === request.attributes.processId)
      .sort((a, b) => (a.processId < b.processId ? -1 : a.processId > b.processId ? 1 : a.sortOrder - b.sortOrder));
    full = { ...context, stageEntries: await loadStageEntries(store, request, deals), stageOrder: stages.map((s) => s.id) };
  }
  const total = evaluator.evaluate(deals, full);
  if (slice === null) return { definition, by: null, total, slices: [], deals };

  const keying = await sliceKeying(store, request, slice);
  if (evaluator.stageHistory === true && slice === 'stage') return { definition, by: slice, total, slices: stageSlices(metricId, deals, full, keying), deals };

  const sliceDeals: readonly MetricDeal[] = slice === 'product' ? await splitByProduct(store, deals) : deals;
  const groups = new Map<string, MetricDeal[]>(keying.fixedKeys.map((k) => [k, []]));
  for (const deal of sliceDeals) {
    const key = keying.keyOf(deal, evaluator.dateOf);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [deal]);
    else group.push(deal);
  }
  // Fiscal periods: exactly the report's periods, in date order (a deal dated outside the report
  // does not count toward its metric anyway).
  const keys = keying.fixedKeys.length > 0 ? keying.fixedKeys : [...groups.keys()].sort();
  // A slice no deal of the figure falls in (a deal read for another reason) is left out; fiscal periods all stay.
  const slices = keys
    .map((key) => ({ ...evaluator.evaluate(groups.get(key) ?? [], full), key, label: keying.labelOf(key) }))
    .filter((slice) => keying.fixedKeys.length > 0 || recordCountOf(slice) > 0);
  return { definition, by: slice, total, slices, deals };
}
