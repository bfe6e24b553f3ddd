import type { ExportFormat, Page } from '../../contracts/common.ts';
import type { AccountListItem, AccountListQuery } from '../../contracts/pipeline.ts';
import { formatMoney, money } from '../../core/shared/money.ts';
import type { PlainDate } from '../../core/shared/plain-date.ts';
import { countAccounts, openPipelineByAccount, queryAccounts, type AccountQuery, type AccountRow, type OpenPipelinePart } from '../../store/account-query.ts';
import type { Store } from '../../store/database.ts';
import type { Actor } from '../access/actor.ts';
import { authorize, salesScopeOf } from '../access/authorize.ts';
import { todayUtc } from '../access/today.ts';
import type { DownloadFile } from '../export/download-file.ts';
import { loadCorporateConversion, type CorporateConversion } from './corporate-conversion.ts';
import { assertExportable, downloadTable } from './download-table.ts';
import { ownerIdsInScope } from './owner-ids-in-scope.ts';

/** The open pipeline parts of each account, by account id. */
function partsByAccount(parts: readonly OpenPipelinePart[]): Map<string, OpenPipelinePart[]> {
  const byAccount = new Map<string, OpenPipelinePart[]>();
  for (const part of parts) byAccount.set(part.accountId, [...(byAccount.get(part.accountId) ?? []), part]);
  return byAccount;
}

/** An account row with its in-scope open pipeline, converted to the corporate currency at today's rates. */
export function toAccountListItem(row: AccountRow, parts: readonly OpenPipelinePart[], conversion: CorporateConversion): AccountListItem {
  return {
    id: row.id,
    externalId: row.externalId,
    name: row.name,
    industry: row.industry,
    country: row.country,
    segment: row.segment,
    owner: row.ownerId === null ? null : { id: row.ownerId, name: row.ownerName ?? '' },
    openPipeline: conversion.total(parts),
    openOpportunities: parts.reduce((n, p) => n + p.opportunities, 0),
  };
}

function storeQuery(query: AccountListQuery, ownerIds: readonly string[] | null, today: PlainDate): AccountQuery {
  return { today, ownerIdsInScope: ownerIds, search: query.q, ownerId: query.ownerId, industry: query.industry, country: query.country };
}

/**
 * The matching accounts as list items, in the order asked, `range` of them (all without one).
 * The open pipeline sort needs every matching account's converted sum, so it sorts them here
 * (the name, then the id, break ties); the other sorts page in the database.
 */
async function accountItems(
  store: Store,
  query: AccountListQuery,
  filter: AccountQuery,
  conversion: CorporateConversion,
  range?: { offset: number; limit: number },
): Promise<AccountListItem[]> {
  if (query.sort === 'openPipeline') {
    const rows = await queryAccounts(store.db, filter, { sort: 'name', order: 'asc' });
    const parts = partsByAccount(await openPipelineByAccount(store.db, { ownerIdsInScope: filter.ownerIdsInScope }));
    const items = rows.map((r) => toAccountListItem(r, parts.get(r.id) ?? [], conversion));
    const sign = query.order === 'asc' ? 1 : -1;
    // Array#sort is stable: equal sums keep the name order.
    items.sort((a, b) => sign * (a.openPipeline.minor - b.openPipeline.minor));
    return range === undefined ? items : items.slice(range.offset, range.offset + range.limit);
  }
  const rows = await queryAccounts(store.db, filter, { sort: query.sort, order: query.order }, range);
  const parts = partsByAccount(await openPipelineByAccount(store.db, { ownerIdsInScope: filter.ownerIdsInScope, accountIds: rows.map((r) => r.id) }));
  return rows.map((r) => toAccountListItem(r, parts.get(r.id) ?? [], conversion));
}

/**
 * One page of the accounts the caller reaches: those whose current owner is in scope or that
 * hold an opportunity owned in scope. Each carries its open pipeline and open opportunity count,
 * over in-scope opportunities only, in the corporate currency at today's rates.
 */
export async function listAccounts(store: Store, actor: Actor, query: AccountListQuery): Promise<Page<AccountListItem>> {
  await authorize(store, actor, 'pipeline.read');
  const today = todayUtc();
  const scope = await salesScopeOf(store, actor, today);
  const filter = storeQuery(query, ownerIdsInScope(scope), today);
  const conversion = await loadCorporateConversion(store, today);
  const total = await countAccounts(store.db, filter);
  const items = await accountItems(store, query, filter, conversion, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
  return { items, page: query.page, pageSize: query.pageSize, total };
}

const EXPORT_HEADER = ['id', 'external_id', 'name', 'industry', 'segment', 'country', 'owner_name', 'open_pipeline', 'currency', 'open_opportunities'];

/**
 * Every account the list would show for `query`, in its order, as a CSV or XLSX file (open
 * pipeline as a decimal string in the corporate currency). More than 100,000 are refused.
 */
export async function exportAccounts(store: Store, actor: Actor, query: AccountListQuery, format: ExportFormat): Promise<DownloadFile> {
  await authorize(store, actor, 'pipeline.read');
  const today = todayUtc();
  const scope = await salesScopeOf(store, actor, today);
  const filter = storeQuery(query, ownerIdsInScope(scope), today);
  assertExportable(await countAccounts(store.db, filter));
  const conversion = await loadCorporateConversion(store, today);
  const items = await accountItems(store, query, filter, conversion);
  const cells = items.map((a) => [
    a.id, a.externalId ?? '', a.name, a.industry ?? '', a.segment ?? '', a.country ?? '', a.owner?.name ?? '',
    formatMoney(money(a.openPipeline.minor, conversion.corporateCurrency)),
    a.openPipeline.currency, String(a.openOpportunities),
  ]);
  return downloadTable({ header: EXPORT_HEADER, rows: cells }, { entity: 'accounts', format, isDemo: conversion.workspace.isDemo });
}
