import type { ExportFormat, Page } from '../../contracts/common.ts';
import { bpsAsPercentText } from '../../core/shared/basis-points.ts';
import type { OpportunityListItem, OpportunityListQuery } from '../../contracts/pipeline.ts';
import { formatMoney, money } from '../../core/shared/money.ts';
import { isPlainDate, type PlainDate } from '../../core/shared/plain-date.ts';
import type { Store } from '../../store/database.ts';
import { countOpportunities, queryOpportunities, type OpportunityOrder, type OpportunityQuery, type OpportunityRow } from '../../store/opportunity-query.ts';
import { getWorkspace } from '../../store/workspace-repository.ts';
import type { Actor } from '../access/actor.ts';
import { authorize, salesScopeOf } from '../access/authorize.ts';
import { todayUtc } from '../access/today.ts';
import type { DownloadFile } from '../export/download-file.ts';
import { ServiceError } from '../service-error.ts';
import { loadCorporateConversion } from './corporate-conversion.ts';
import { assertExportable, downloadTable } from './download-table.ts';
import { ownerIdsInScope } from './owner-ids-in-scope.ts';

/** The list item a row becomes; shared by the list, the account detail and the opportunity detail. */
export function toOpportunityListItem(row: OpportunityRow): OpportunityListItem {
  return {
    id: row.id,
    externalId: row.externalId,
    name: row.name,
    account: row.accountId === null ? null : { id: row.accountId, name: row.accountName ?? '' },
    owner: row.ownerId === null ? null : { id: row.ownerId, name: row.ownerName ?? '' },
    stage: { id: row.stageId, name: row.stageName },
    amount: row.amountMinor === null ? null : { minor: row.amountMinor, currency: row.currency },
    closeDate: row.closeDate,
    createdDate: row.createdDate,
    forecastCategory: row.forecastCategory,
    probabilityBps: row.probabilityBps,
    isClosed: row.isClosed,
    isWon: row.isWon,
  };
}

function dateFilter(value: string | undefined, name: string): PlainDate | undefined {
  if (value === undefined) return undefined;
  if (!isPlainDate(value)) throw new ServiceError('invalid_argument', `${name} "${value}" is not a real date (YYYY-MM-DD)`, { field: name });
  return value;
}

/** The caller's query, cut to the owners the scope reaches. */
function storeQuery(query: OpportunityListQuery, ownerIds: readonly string[] | null): OpportunityQuery {
  return {
    ownerIdsInScope: ownerIds,
    search: query.q,
    status: query.status,
    stageId: query.stageId,
    ownerId: query.ownerId,
    accountId: query.accountId,
    forecastCategory: query.forecastCategory,
    closeFrom: dateFilter(query.closeFrom, 'closeFrom'),
    closeTo: dateFilter(query.closeTo, 'closeTo'),
  };
}

/** The order asked for; amounts sort by their worth in the corporate currency at today's rates. */
async function storeOrder(store: Store, query: OpportunityListQuery, today: PlainDate): Promise<OpportunityOrder> {
  if (query.sort !== 'amount') return { sort: query.sort, order: query.order };
  const conversion = await loadCorporateConversion(store, today);
  return { sort: 'amount', order: query.order, amountFactors: conversion.sortFactors };
}

/**
 * One page of the opportunities the caller reaches (a rep's own, a manager's subtree's as of
 * today, everyone's for ops, finance, executives and admins), searched, filtered and sorted in
 * the database. `total` counts only in-scope matches.
 */
export async function listOpportunities(store: Store, actor: Actor, query: OpportunityListQuery): Promise<Page<OpportunityListItem>> {
  await authorize(store, actor, 'pipeline.read');
  const today = todayUtc();
  const scope = await salesScopeOf(store, actor, today);
  const filter = storeQuery(query, ownerIdsInScope(scope));
  const order = await storeOrder(store, query, today);
  // Independent reads: on PostgreSQL they run on two pooled connections at once.
  const [total, rows] = await Promise.all([
    countOpportunities(store.db, filter),
    queryOpportunities(store.db, filter, order, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize }),
  ]);
  return { items: rows.map(toOpportunityListItem), page: query.page, pageSize: query.pageSize, total };
}

const EXPORT_HEADER = [
  'id', 'external_id', 'name', 'account_name', 'owner_name', 'stage', 'amount', 'currency', 'close_date', 'created_date',
  'forecast_category', 'probability_percent', 'is_closed', 'is_won',
];


function exportCells(row: OpportunityRow): string[] {
  return [
    row.id, row.externalId ?? '', row.name, row.accountName ?? '', row.ownerName ?? '', row.stageName,
    row.amountMinor === null ? '' : formatMoney(money(row.amountMinor, row.currency)), row.currency, row.closeDate, row.createdDate,
    row.forecastCategory, bpsAsPercentText(row.probabilityBps), String(row.isClosed), String(row.isWon),
  ];
}

/**
 * Every opportunity the list would show for `query` (all pages, in its order) as a CSV or XLSX
 * file: amounts as decimal strings in their currency's precision, cells safe to open in a
 * spreadsheet. More than 100,000 matches are refused, asking for narrower filters.
 */
export async function exportOpportunities(store: Store, actor: Actor, query: OpportunityListQuery, format: ExportFormat): Promise<DownloadFile> {
  await authorize(store, actor, 'pipeline.read');
  const today = todayUtc();
  const scope = await salesScopeOf(store, actor, today);
  const filter = storeQuery(query, ownerIdsInScope(scope));
  assertExportable(await countOpportunities(store.db, filter));
  const order = await storeOrder(store, query, today);
  const isDemo = (await getWorkspace(store.db))?.isDemo === true;
  const rows = await queryOpportunities(store.db, filter, order);
  return downloadTable({ header: EXPORT_HEADER, rows: rows.map(exportCells) }, { entity: 'opportunities', format, isDemo });
}
