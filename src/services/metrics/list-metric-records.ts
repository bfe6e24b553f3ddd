import type { ExportFormat } from '../../contracts/common.ts';
import type { MetricRecordView, MetricRecordsPageView, MetricRecordsQuery } from '../../contracts/metrics.ts';
import { bpsAsPercentText } from '../../core/shared/basis-points.ts';
import { formatMoney } from '../../core/shared/money.ts';
import type { Store } from '../../store/database.ts';
import { findDealDetails, type DealDetails } from '../../store/metric-deal-query.ts';
import { listPeople } from '../../store/person-repository.ts';
import { listAllStages } from '../../store/sales-process-repository.ts';
import type { Actor } from '../access/actor.ts';
import type { DownloadFile } from '../export/download-file.ts';
import { assertExportable, downloadTable } from '../pipeline/download-table.ts';
import { ServiceError } from '../service-error.ts';
import { computeMetric } from './compute-metric.ts';
import { computePipelineMovement, dealsInBucket } from './get-pipeline-movement.ts';
import type { MetricDeal } from './load-metric-deals.ts';
import { resolveMetricRequest } from './metric-request.ts';
import { sliceKeying } from './metric-slices.ts';

/** The metric id a drill-down from the pipeline movement waterfall names. */
export const MOVEMENT_RECORDS = 'pipeline_movement';

/**
 * The deals behind a figure: a metric's whole value, or one slice of it (`by` + `key`), or one
 * bucket of the pipeline movement. The same computation as the figure, so the list always adds
 * up to it. Deals a product cut splits appear once per product line, with that line's share.
 */
async function recordsOf(store: Store, actor: Actor, query: MetricRecordsQuery): Promise<{ deals: MetricDeal[]; currency: string; isDemo: boolean }> {
  if (query.metric === MOVEMENT_RECORDS) {
    if (query.bucket === undefined) throw new ServiceError('invalid_argument', 'A movement drill-down names its bucket (created, won, pushedOut…)', { field: 'bucket' });
    const movement = await computePipelineMovement(store, actor, { ...query, start: query.start });
    let deals = dealsInBucket(movement, query.bucket);
    if (query.by !== undefined && query.key !== undefined) {
      const keying = await sliceKeying(store, movement.request, query.by);
      deals = deals.filter((d) => keying.keyOf(d, (x) => x.closeDate) === query.key);
    }
    return { deals, currency: movement.request.currency, isDemo: movement.request.workspace.isDemo };
  }
  const request = await resolveMetricRequest(store, actor, query);
  const computed = await computeMetric(store, request, query.metric, query.key === undefined ? undefined : query.by, query.target, { withRecords: true });
  const figure = query.key === undefined ? computed.total : computed.slices.find((s) => s.key === query.key);
  return { deals: [...(figure?.records ?? [])], currency: request.currency, isDemo: request.workspace.isDemo };
}

/** A deal as a record of the API: its own amount and its contribution in the report currency. */
export function toMetricRecord(d: MetricDeal, details: ReadonlyMap<string, DealDetails>, people: ReadonlyMap<string, string>, stages: ReadonlyMap<string, string>): MetricRecordView {
  const more = details.get(d.id);
  return {
    id: d.id,
    externalId: more?.externalId ?? null,
    name: more?.name ?? d.id,
    account: d.accountId === null ? null : { id: d.accountId, name: more?.accountName ?? '' },
    owner: d.ownerId === '' ? null : { id: d.ownerId, name: people.get(d.ownerId) ?? d.ownerId },
    stage: { id: d.stageId, name: stages.get(d.stageId) ?? d.stageId },
    amount: d.originalAmountMinor === null ? null : { minor: d.originalAmountMinor, currency: d.currency },
    closeDate: d.closeDate,
    createdDate: d.createdDate,
    forecastCategory: d.forecastCategory,
    probabilityBps: d.probabilityBps,
    isClosed: d.isClosed,
    isWon: d.isWon,
    reportAmountMinor: d.amountMinor,
  };
}

async function namesOf(store: Store): Promise<{ people: Map<string, string>; stages: Map<string, string> }> {
  const [people, stages] = await Promise.all([listPeople(store.db), listAllStages(store.db)]);
  return { people: new Map(people.map((p) => [p.id, p.name])), stages: new Map(stages.map((s) => [s.id, s.name])) };
}

/** A page of the records behind a figure, largest contribution first, then by id. */
export async function listMetricRecords(store: Store, actor: Actor, query: MetricRecordsQuery): Promise<MetricRecordsPageView> {
  const { deals, currency } = await recordsOf(store, actor, query);
  const sorted = [...deals].sort((a, b) => (b.amountMinor ?? 0) - (a.amountMinor ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const start = (query.page - 1) * query.pageSize;
  const { people, stages } = await namesOf(store);
  return {
    items: await (async () => {
      const page = sorted.slice(start, start + query.pageSize);
      const details = await findDealDetails(store.db, page.map((d) => d.id));
      return page.map((d) => toMetricRecord(d, details, people, stages));
    })(),
    page: query.page,
    pageSize: query.pageSize,
    total: deals.length,
    currency,
  };
}

const HEADER = ['id', 'external_id', 'name', 'account_name', 'owner_name', 'stage', 'amount', 'currency', 'report_amount', 'report_currency', 'close_date', 'created_date', 'forecast_category', 'probability_percent', 'is_closed', 'is_won'];

/** Every record behind a figure as CSV or XLSX, amounts in the deal's currency and the report currency. */
export async function exportMetricRecords(store: Store, actor: Actor, query: MetricRecordsQuery, format: ExportFormat): Promise<DownloadFile> {
  const { deals, currency, isDemo } = await recordsOf(store, actor, query);
  assertExportable(deals.length);
  const { people, stages } = await namesOf(store);
  const details = await findDealDetails(store.db, deals.map((d) => d.id));
  const rows = deals.map((d) => [
    d.id, details.get(d.id)?.externalId ?? '', details.get(d.id)?.name ?? '', details.get(d.id)?.accountName ?? '', people.get(d.ownerId) ?? '', stages.get(d.stageId) ?? d.stageId,
    d.originalAmountMinor === null ? '' : formatMoney({ minor: d.originalAmountMinor, currency: d.currency }), d.currency,
    d.amountMinor === null ? '' : formatMoney({ minor: d.amountMinor, currency: currency as typeof d.currency }), currency,
    d.closeDate, d.createdDate, d.forecastCategory, bpsAsPercentText(d.probabilityBps), String(d.isClosed), String(d.isWon),
  ]);
  return downloadTable({ header: HEADER, rows }, { entity: `${query.metric}-records`, format, isDemo });
}
