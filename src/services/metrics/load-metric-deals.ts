import type { MetricOpportunity } from '../../core/metrics/metric-input.ts';
import { endOfDay, stateAsOf, type FieldChange, type OpportunityState } from '../../core/pipeline/opportunity-history.ts';
import type { ForecastCategory } from '../../core/pipeline/forecast-category.ts';
import type { CurrencyCode } from '../../core/shared/currency.ts';
import { DomainError } from '../../core/shared/domain-error.ts';
import type { PlainDate } from '../../core/shared/plain-date.ts';
import type { Store } from '../../store/database.ts';
import {
  findMetricDealsByIds,
  listChangesAfter,
  queryMetricDeals,
  type DealChange,
  type MetricDealReading,
  type MetricDealRow,
} from '../../store/metric-deal-query.ts';
import { listAllStages, type Stage } from '../../store/sales-process-repository.ts';
import type { MetricRequest } from './metric-request.ts';
import type { ReportConverter } from './report-converter.ts';

/**
 * One deal as it stood at the end of the as-of date, in the report currency, with the attributes
 * reports cut by. Extends the core's MetricOpportunity, so every core metric takes it as it is.
 */
export interface MetricDeal extends MetricOpportunity {
  readonly accountId: string | null;
  readonly processId: string;
  /** The account's attributes, read only when the report filters or cuts by them (else null). */
  readonly state: string | null;
  readonly segment: string | null;
  readonly industry: string | null;
  /** The deal's own currency and amount (minor units) as of the date, before conversion. */
  readonly currency: CurrencyCode;
  readonly originalAmountMinor: number | null;
}

/** The deals a report reads and the dates they are read at. */
export interface MetricDealWindowRequest {
  /** Ranges of close or creation dates the report needs (as of the date). */
  readonly ranges: readonly { readonly from: PlainDate; readonly to: PlainDate }[];
  /** Every deal open on the as-of date too (deal inspection). */
  readonly includeOpen?: boolean;
  /** Read the accounts' state, segment and industry (set when the report cuts by them). */
  readonly accountAttributes?: boolean;
}

function readingOf(request: MetricRequest, window: MetricDealWindowRequest | undefined): MetricDealReading {
  const a = request.attributes;
  return { accountAttributes: window?.accountAttributes === true || a.segment !== undefined || a.states !== undefined || a.industry !== undefined };
}

/** Deals owned by nobody sit under this owner key in reports (an unassigned deal is still pipeline). */
export const UNASSIGNED_OWNER = '';

function createdAtOf(row: MetricDealRow): string {
  // The CRM's creation date: the deal exists from the start of that day (as loadPipelineHistory reads it).
  return `${row.createdDate}T00:00:00.000Z`;
}

/**
 * The changes made after the end of a date, read once for the earliest date a report asks about and
 * filtered for later ones (a trend over eight weeks reads the history once, not eight times).
 */
export class ChangeLog {
  private read: { readonly instant: string; readonly changes: readonly DealChange[] } | null = null;

  constructor(private readonly store: Store) {}

  /** Changes after the end of `asOf`; none when asOf is today or later (nothing has happened since). */
  async since(asOf: PlainDate, today: PlainDate): Promise<readonly DealChange[]> {
    if (asOf >= today) return [];
    const instant = endOfDay(asOf);
    if (this.read === null || this.read.instant > instant) this.read = { instant, changes: await listChangesAfter(this.store.db, instant) };
    const from = this.read;
    return from.instant === instant ? from.changes : from.changes.filter((c) => c.changedAt > instant);
  }
}

function groupChanges(changes: readonly DealChange[]): Map<string, FieldChange[]> {
  const grouped = new Map<string, FieldChange[]>();
  for (const change of changes) {
    const list = grouped.get(change.opportunityId);
    if (list === undefined) grouped.set(change.opportunityId, [change]);
    else list.push(change);
  }
  return grouped;
}

function inRanges(date: PlainDate, ranges: MetricDealWindowRequest['ranges']): boolean {
  return ranges.some((r) => date >= r.from && date <= r.to);
}

/**
 * Whether a deal today's rows leave out may have been in the window on the as-of date, judged from
 * the changes made since: its close date then (the old value of its first close-date change) was
 * in a range, its owner has changed (it may have been in scope), or, when open deals are wanted,
 * its stage has changed (it may have been open). Creation dates never change, so deals created in
 * a range are already among today's rows.
 */
function mayHaveBeenInWindow(changes: readonly FieldChange[], window: MetricDealWindowRequest, scoped: boolean): boolean {
  const firstClose = changes.find((c) => c.field === 'close_date');
  // As stateAsOf reads it: the old value, or the new one of a creation row (old value null).
  const closeThen = firstClose === undefined ? null : firstClose.oldValue ?? firstClose.newValue;
  if (closeThen !== null && inRanges(closeThen as PlainDate, window.ranges)) return true;
  if (scoped && changes.some((c) => c.field === 'owner')) return true;
  return window.includeOpen === true && changes.some((c) => c.field === 'stage');
}

/**
 * The deals of the request as of its as-of date. Today's rows are read for the window, plus any
 * deal whose close date or owner changed after the as-of date (it may have been in the window or
 * in scope then); each is taken back to the as-of date by undoing the changes made after it, then
 * filtered on its as-of values. Reading far into the past therefore costs the changes made since.
 */
export async function loadMetricDeals(
  store: Store,
  request: MetricRequest,
  window: MetricDealWindowRequest,
  converter: ReportConverter,
  changeLog?: ChangeLog,
): Promise<MetricDeal[]> {
  const instant = endOfDay(request.asOf);
  const later = groupChanges(await (changeLog ?? new ChangeLog(store)).since(request.asOf, request.today));
  const ownerIds = request.ownerIds === null ? null : [...request.ownerIds].sort();
  const rows = await queryMetricDeals(
    store.db,
    { ownerIds, createdOnOrBefore: request.asOf, closeOrCreatedIn: window.ranges, includeOpen: window.includeOpen ?? false },
    request.attributes,
    readingOf(request, window),
  );
  const seen = new Set(rows.map((r) => r.id));
  const moved = [...later.entries()].filter(([id, changes]) => !seen.has(id) && mayHaveBeenInWindow(changes, window, request.ownerIds !== null)).map(([id]) => id);
  if (moved.length > 0) {
    for (const row of await findMetricDealsByIds(store.db, moved, request.attributes, readingOf(request, window))) {
      if (row.createdDate <= request.asOf) rows.push(row);
    }
  }
  const stages = new Map<string, Stage>((await listAllStages(store.db)).map((s) => [s.id, s]));
  const deals: MetricDeal[] = [];
  for (const row of rows) {
    const changes = later.get(row.id) ?? [];
    const deal = dealAsOf(row, changes, instant, stages, converter);
    if (deal === null) continue;
    if (request.ownerIds !== null && !request.ownerIds.has(deal.ownerId)) continue;
    const wanted = inRanges(deal.closeDate, window.ranges) || inRanges(deal.createdDate, window.ranges) || (window.includeOpen === true && !deal.isClosed);
    if (wanted) deals.push(deal);
  }
  return deals.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** One row taken back to `instant` by undoing `laterChanges` (changes made after it), or null if it did not exist then. */
export function dealAsOf(
  row: MetricDealRow,
  laterChanges: readonly FieldChange[],
  instant: string,
  stages: ReadonlyMap<string, Stage>,
  converter: ReportConverter,
): MetricDeal | null {
  const current: OpportunityState = {
    stageId: row.stageId,
    amountMinor: row.amountMinor,
    closeDate: row.closeDate,
    forecastCategory: row.forecastCategory,
    ownerId: row.ownerId,
  };
  // A deal created after the instant did not exist then, whether or not its history says so.
  if (createdAtOf(row) > instant) return null;
  const state = laterChanges.length === 0 ? current : stateAsOf(current, createdAtOf(row), laterChanges, instant);
  if (state === null) return null;
  const stage = stages.get(state.stageId);
  if (stage === undefined) {
    throw new DomainError('invalid_stage', `Opportunity ${row.id} was in stage ${state.stageId}, which does not exist`, { opportunityId: row.id, stageId: state.stageId });
  }
  const stageChanged = state.stageId !== row.stageId;
  const categoryTracked = laterChanges.some((c) => c.field === 'forecast_category');
  // Without a recorded category change and without an override, the category followed the stage.
  const forecastCategory: ForecastCategory = categoryTracked || row.forecastCategoryOverride ? state.forecastCategory : stageChanged ? stage.forecastCategory : row.forecastCategory;
  const amountMinor = state.amountMinor === null ? null : converter.convert(state.amountMinor, row.currency, state.closeDate);
  return {
    id: row.id,
    accountId: row.accountId,
    ownerId: state.ownerId ?? UNASSIGNED_OWNER,
    processId: row.processId,
    createdDate: row.createdDate,
    closeDate: state.closeDate,
    isClosed: stage.isClosed,
    isWon: stage.isWon,
    stageId: stage.id,
    stageOrder: stage.sortOrder,
    amountMinor,
    // A deal's own probability holds while it stays in today's stage; before that, the stage's default.
    probabilityBps: stageChanged ? stage.probabilityBps : row.probabilityBps,
    forecastCategory,
    type: row.type,
    leadSource: row.leadSource,
    pushCount: 0,
    state: row.state,
    segment: row.segment,
    industry: row.industry,
    currency: row.currency,
    originalAmountMinor: state.amountMinor,
  };
}

/**
 * These deals as of the request's as-of date whatever their dates, within its attribute filters;
 * a deal that did not exist then, or whose owner then lies outside the request's owners, is absent.
 */
export async function loadMetricDealsByIds(
  store: Store,
  request: MetricRequest,
  ids: readonly string[],
  converter: ReportConverter,
  changeLog?: ChangeLog,
  accountAttributes = false,
): Promise<Map<string, MetricDeal>> {
  const found = new Map<string, MetricDeal>();
  if (ids.length === 0) return found;
  const instant = endOfDay(request.asOf);
  const later = groupChanges(await (changeLog ?? new ChangeLog(store)).since(request.asOf, request.today));
  const stages = new Map<string, Stage>((await listAllStages(store.db)).map((s) => [s.id, s]));
  for (const row of await findMetricDealsByIds(store.db, ids, request.attributes, readingOf(request, { ranges: [], accountAttributes }))) {
    const deal = dealAsOf(row, later.get(row.id) ?? [], instant, stages, converter);
    if (deal === null) continue;
    if (request.ownerIds !== null && !request.ownerIds.has(deal.ownerId)) continue;
    found.set(deal.id, deal);
  }
  return found;
}
