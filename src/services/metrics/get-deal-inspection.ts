import type { ExportFormat } from '../../contracts/common.ts';
import type { InspectionQuery, InspectionView } from '../../contracts/metrics.ts';
import { complianceByRep, complianceByTeam, complianceTrend, type ComplianceInput } from '../../core/inspection/compliance.ts';
import { inspectDeals, type DealInspection, type InspectedDeal } from '../../core/inspection/deal-warnings.ts';
import { WARNING_KINDS, type InspectionConfig } from '../../core/inspection/inspection-rules.ts';
import { calculateStallThresholds, type CompletedStageStay, type StallThresholds } from '../../core/inspection/stall-thresholds.ts';
import { endOfDay } from '../../core/pipeline/opportunity-history.ts';
import { formatMoney } from '../../core/shared/money.ts';
import { addDays, daysBetween, plainDateOfTimestamp, type PlainDate } from '../../core/shared/plain-date.ts';
import type { Store } from '../../store/database.ts';
import { findDealDetails, listFieldChangesOf, type DealChange, type DealDetails } from '../../store/metric-deal-query.ts';
import { listPeople, managerOfEachPersonOn } from '../../store/person-repository.ts';
import { listAllStages } from '../../store/sales-process-repository.ts';
import type { Actor } from '../access/actor.ts';
import type { DownloadFile } from '../export/download-file.ts';
import { assertExportable, downloadTable } from '../pipeline/download-table.ts';
import { loadInspectionConfig } from '../settings/inspection-rules.ts';
import { resolvedFilterView } from './get-metric.ts';
import { toMetricRecord } from './list-metric-records.ts';
import { ChangeLog, loadMetricDeals, type MetricDeal } from './load-metric-deals.ts';
import { resolveMetricRequest, type MetricRequest } from './metric-request.ts';
import { loadReportConverter, type ReportConverter } from './report-converter.ts';

/** How many weekly points the compliance trend shows, the as-of date being the last. */
export const TREND_WEEKS = 8;

/** Stays are learned from the deals of the year before the as-of date. */
const STAY_HISTORY_DAYS = 365;

interface Inspected {
  readonly inspection: DealInspection;
  readonly deal: MetricDeal;
}

/** Completed stays in stages of these deals up to the cutoff: each stage change ends the stay before it. */
function completedStays(deals: readonly MetricDeal[], stageChanges: ReadonlyMap<string, readonly DealChange[]>): CompletedStageStay[] {
  const stays: CompletedStageStay[] = [];
  for (const deal of deals) {
    let enteredOn: PlainDate = deal.createdDate;
    let stageId: string | null = null;
    for (const change of stageChanges.get(deal.id) ?? []) {
      const on = plainDateOfTimestamp(change.changedAt);
      const left = stageId ?? change.oldValue;
      if (left !== null) stays.push({ processId: deal.processId, stageId: left, days: Math.max(0, daysBetween(enteredOn, on)) });
      stageId = change.newValue;
      enteredOn = on;
    }
  }
  return stays;
}

/** Stage, close-date and amount changes of deals, fetched once and read as of any date. */
class HistoryCache {
  private readonly changes = new Map<'stage' | 'close_date' | 'amount', Map<string, DealChange[]>>([['stage', new Map()], ['close_date', new Map()], ['amount', new Map()]]);
  private readonly loaded = new Set<string>();

  constructor(private readonly store: Store) {}

  async ensure(ids: readonly string[]): Promise<void> {
    const missing = ids.filter((id) => !this.loaded.has(id));
    if (missing.length === 0) return;
    const fields = ['stage', 'close_date', 'amount'] as const;
    const lists = await Promise.all(fields.map((f) => listFieldChangesOf(this.store.db, missing, f)));
    fields.forEach((field, i) => {
      const target = this.changes.get(field);
      for (const c of lists[i] ?? []) {
        const list = target?.get(c.opportunityId);
        if (list === undefined) target?.set(c.opportunityId, [c]);
        else list.push(c);
      }
    });
    for (const id of missing) this.loaded.add(id);
  }

  private readonly detailsById = new Map<string, DealDetails>();

  /** Names and next steps of these deals (read once each). */
  async details(ids: readonly string[]): Promise<ReadonlyMap<string, DealDetails>> {
    const missing = ids.filter((id) => !this.detailsById.has(id));
    for (const [id, d] of await findDealDetails(this.store.db, missing)) this.detailsById.set(id, d);
    return this.detailsById;
  }

  /** The field's changes of the deal made up to the end of `asOf`, in time order. */
  of(field: 'stage' | 'close_date' | 'amount', id: string, asOf: PlainDate): DealChange[] {
    const cutoff = endOfDay(asOf);
    return (this.changes.get(field)?.get(id) ?? []).filter((c) => c.changedAt <= cutoff);
  }
}

/** A deal as the inspection rules read it: stage entry, pushes and first amount from its history up to the date. */
function inspectedDealOf(deal: MetricDeal, nextStep: string | null, history: HistoryCache, asOf: PlainDate, stageName: string | undefined): InspectedDeal {
  const lastStageChange = history.of('stage', deal.id, asOf).at(-1);
  const pushes = history.of('close_date', deal.id, asOf).filter((c) => c.oldValue !== null && c.newValue !== null && c.newValue > c.oldValue).length;
  const firstAmountChange = history.of('amount', deal.id, asOf)[0];
  const firstAmountText = firstAmountChange === undefined ? null : firstAmountChange.oldValue ?? firstAmountChange.newValue;
  return {
    id: deal.id,
    ownerId: deal.ownerId,
    processId: deal.processId,
    stageId: deal.stageId,
    stageName,
    amountMinor: deal.originalAmountMinor,
    closeDate: deal.closeDate,
    nextStep,
    stageEnteredDate: lastStageChange === undefined ? deal.createdDate : plainDateOfTimestamp(lastStageChange.changedAt),
    pushCount: pushes,
    firstAmountMinor: firstAmountChange === undefined ? deal.originalAmountMinor : firstAmountText === null ? null : Number(firstAmountText),
    // The data model holds no activities yet, so the no-activity rule has nothing to read.
    lastActivityDate: undefined,
  };
}

/**
 * The open deals of the request on its as-of date, inspected against the rules, with stall
 * thresholds learned from the stays ended in the year before that date (by the deals of that year).
 */
async function inspectAsOf(
  store: Store,
  request: MetricRequest,
  config: InspectionConfig,
  converter: ReportConverter,
  history: HistoryCache,
  changeLog: ChangeLog,
  known?: StallThresholds,
): Promise<{ inspected: Inspected[]; thresholds: StallThresholds }> {
  const from = addDays(request.asOf, -STAY_HISTORY_DAYS);
  // Thresholds already learned (the trend reuses the as-of date's) need only the open deals.
  const deals = await loadMetricDeals(store, request, { ranges: known === undefined ? [{ from, to: request.asOf }] : [], includeOpen: true }, converter, changeLog);
  await history.ensure(deals.map((d) => d.id));
  const stageNames = new Map((await listAllStages(store.db)).map((s) => [s.id, s.name]));
  const thresholds = known ?? calculateStallThresholds(completedStays(deals, new Map(deals.map((d) => [d.id, history.of('stage', d.id, request.asOf)]))), config);
  const open = deals.filter((d) => !d.isClosed);
  const byId = new Map(open.map((d) => [d.id, d]));
  const details = await history.details(open.map((d) => d.id));
  const inspected = open.map((d) => inspectedDealOf(d, details.get(d.id)?.nextStep ?? null, history, request.asOf, stageNames.get(d.stageId)));
  const result = inspectDeals(inspected, config, thresholds, request.asOf).map((inspection) => {
    const deal = byId.get(inspection.deal.id);
    if (deal === undefined) throw new Error(`Inspected deal ${inspection.deal.id} was not loaded`);
    return { inspection, deal };
  });
  return { inspected: result, thresholds };
}

/** Compliance weighs each deal by its amount in the report currency (warnings read the deal's own currency). */
function complianceInputs(list: readonly Inspected[]): ComplianceInput[] {
  return list.map(({ inspection, deal }) => ({ deal: { id: deal.id, ownerId: deal.ownerId, amountMinor: deal.amountMinor }, warnings: inspection.warnings }));
}

async function inspect(store: Store, actor: Actor, query: InspectionQuery): Promise<{ request: MetricRequest; current: Inspected[]; trend: { asOf: PlainDate; deals: ComplianceInput[] }[] }> {
  const request = await resolveMetricRequest(store, actor, query);
  const config = await loadInspectionConfig(store.db);
  const converter = await loadReportConverter(store, request.currency, request.workspace.corporateCurrency);
  const history = new HistoryCache(store);
  const changeLog = new ChangeLog(store);
  // The earliest date first, so the change log is read once for all the trend's dates.
  await changeLog.since(addDays(request.asOf, -7 * (TREND_WEEKS - 1)), request.today);
  const { inspected: current, thresholds } = await inspectAsOf(store, request, config, converter, history, changeLog);
  const trend: { asOf: PlainDate; deals: ComplianceInput[] }[] = [];
  for (let week = TREND_WEEKS - 1; week >= 1; week -= 1) {
    const asOf = addDays(request.asOf, -7 * week);
    const past = await inspectAsOf(store, { ...request, asOf }, config, converter, history, changeLog, thresholds);
    trend.push({ asOf, deals: complianceInputs(past.inspected) });
  }
  trend.push({ asOf: request.asOf, deals: complianceInputs(current) });
  return { request, current, trend };
}

function ordered(list: readonly Inspected[], warning: InspectionQuery['warning']): Inspected[] {
  return list
    .filter((i) => warning === undefined || i.inspection.warnings.some((w) => w.kind === warning))
    .sort((a, b) => b.inspection.warnings.length - a.inspection.warnings.length || (b.deal.amountMinor ?? 0) - (a.deal.amountMinor ?? 0) || (a.deal.id < b.deal.id ? -1 : 1));
}

/**
 * Deal inspection for the caller's scope: the open deals on the as-of date with the warnings the
 * workspace's rules raise (most warnings first), compliance by rep and team, and each rep's score at
 * the end of each of the last TREND_WEEKS weeks. Stall thresholds are learned from the stays of the
 * year before the as-of date; the trend's earlier weeks are judged by the same thresholds, so a
 * change in the score is a change in the deals, not in the yardstick.
 */
export async function getDealInspection(store: Store, actor: Actor, query: InspectionQuery): Promise<InspectionView> {
  const { request, current, trend } = await inspect(store, actor, query);
  const people = new Map((await listPeople(store.db)).map((p) => [p.id, p.name]));
  const stageNames = new Map((await listAllStages(store.db)).map((s) => [s.id, s.name]));
  // A team is a first-line manager's direct reports as of the as-of date (the reporting line, not a named team).
  const managers = await managerOfEachPersonOn(store.db, request.asOf);
  const reps = complianceByRep(complianceInputs(current));
  const list = ordered(current, query.warning);
  const start = (query.page - 1) * query.pageSize;
  const details = await findDealDetails(store.db, list.slice(start, start + query.pageSize).map((i) => i.deal.id));
  return {
    filter: resolvedFilterView(request),
    kinds: WARNING_KINDS.map((k) => ({ id: k.id, label: k.label, description: k.description })),
    deals: list.slice(start, start + query.pageSize).map(({ inspection, deal }) => ({
      deal: toMetricRecord(deal, details, people, stageNames),
      warnings: inspection.warnings.map((w) => ({ kind: w.kind, message: w.message })),
    })),
    total: list.length,
    page: query.page,
    pageSize: query.pageSize,
    byRep: reps.map((r) => ({ ...r, name: people.get(r.ownerId) ?? (r.ownerId === '' ? 'Unassigned' : r.ownerId) })),
    byTeam: complianceByTeam(reps, (ownerId) => managers.get(ownerId) ?? null).map((t) => ({
      ...t,
      name: t.teamId === null ? 'No manager' : `${people.get(t.teamId) ?? t.teamId}'s team`,
    })),
    trend: complianceTrend(trend).map((t) => ({ ownerId: t.ownerId, name: people.get(t.ownerId) ?? t.ownerId, points: [...t.points] })),
    isDemo: request.workspace.isDemo,
  };
}

/** Every inspected deal with its warnings as CSV or XLSX. */
export async function exportDealInspection(store: Store, actor: Actor, query: InspectionQuery, format: ExportFormat): Promise<DownloadFile> {
  const { request, current } = await inspect(store, actor, query);
  const list = ordered(current, query.warning);
  assertExportable(list.length);
  const people = new Map((await listPeople(store.db)).map((p) => [p.id, p.name]));
  const stageNames = new Map((await listAllStages(store.db)).map((s) => [s.id, s.name]));
  const header = ['id', 'name', 'account_name', 'owner_name', 'stage', 'amount', 'currency', 'close_date', 'warning_count', ...WARNING_KINDS.map((k) => k.id), 'as_of'];
  const details = await findDealDetails(store.db, list.map((i) => i.deal.id));
  const rows = list.map(({ inspection, deal }) => [
    deal.id, details.get(deal.id)?.name ?? '', details.get(deal.id)?.accountName ?? '', people.get(deal.ownerId) ?? '', stageNames.get(deal.stageId) ?? deal.stageId,
    deal.originalAmountMinor === null ? '' : formatMoney({ minor: deal.originalAmountMinor, currency: deal.currency }), deal.currency, deal.closeDate,
    String(inspection.warnings.length), ...WARNING_KINDS.map((k) => inspection.warnings.find((w) => w.kind === k.id)?.message ?? ''), request.asOf,
  ]);
  return downloadTable({ header, rows }, { entity: 'deal-inspection', format, isDemo: request.workspace.isDemo });
}
