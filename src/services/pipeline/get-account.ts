import type { AccountDetail } from '../../contracts/pipeline.ts';
import { scopeIncludes } from '../../core/access/data-scope.ts';
import { findAccountRow, hasOpportunityOwnedBy, openPipelineByAccount } from '../../store/account-query.ts';
import type { Store } from '../../store/database.ts';
import { queryOpportunities } from '../../store/opportunity-query.ts';
import type { Actor } from '../access/actor.ts';
import { authorize, requireInScope, salesScopeOf } from '../access/authorize.ts';
import { todayUtc } from '../access/today.ts';
import { ServiceError } from '../service-error.ts';
import { loadCorporateConversion } from './corporate-conversion.ts';
import { toAccountListItem } from './list-accounts.ts';
import { toOpportunityListItem } from './list-opportunities.ts';
import { ownerIdsInScope } from './owner-ids-in-scope.ts';

/**
 * One account with its owner today, its open pipeline and every opportunity on it that the caller
 * reaches (latest close date first). The account is in reach when its current owner is, or when
 * one of its opportunities is; otherwise it answers not_found exactly as a missing one (audited).
 */
export async function getAccountDetail(store: Store, actor: Actor, id: string): Promise<AccountDetail> {
  await authorize(store, actor, 'pipeline.read');
  const today = todayUtc();
  const scope = await salesScopeOf(store, actor, today);
  const owners = ownerIdsInScope(scope);
  const row = await findAccountRow(store.db, id, today);
  if (row === null) throw new ServiceError('not_found', `No account ${id}`, { id });
  const reached = scopeIncludes(scope, row.ownerId) || (owners !== null && (await hasOpportunityOwnedBy(store.db, id, owners)));
  if (!reached) await requireInScope(store, actor, scope, { type: 'account', id, ownerId: row.ownerId });
  const conversion = await loadCorporateConversion(store, today);
  const parts = await openPipelineByAccount(store.db, { ownerIdsInScope: owners, accountIds: [id] });
  const opportunities = await queryOpportunities(store.db, { ownerIdsInScope: owners, accountId: id }, { sort: 'closeDate', order: 'desc' });
  return {
    ...toAccountListItem(row, parts, conversion),
    employees: row.employees,
    state: row.state,
    postalCode: row.postalCode,
    opportunities: opportunities.map(toOpportunityListItem),
  };
}
