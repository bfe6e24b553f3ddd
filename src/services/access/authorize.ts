import { hasPermission, type Permission } from '../../core/access/permission.ts';
import { payReach, salesReach, scopeIncludes, type DataScope, type ScopeReach } from '../../core/access/data-scope.ts';
import type { PlainDate } from '../../core/shared/plain-date.ts';
import { appendAuditEvent } from '../../store/audit-repository.ts';
import type { Store } from '../../store/database.ts';
import { subtreeOn } from '../../store/person-repository.ts';
import { getWorkspace } from '../../store/workspace-repository.ts';
import { ServiceError } from '../service-error.ts';
import type { Actor } from './actor.ts';
import { todayUtc } from './today.ts';

/**
 * The one place that decides what a caller may do and whose records it reaches. Services call
 * these before loading anything; a refusal is written to the audit log before it is thrown.
 */
export async function authorize(store: Store, actor: Actor, permission: Permission, object?: { type: string; id?: string }): Promise<void> {
  if (hasPermission(actor.role, permission)) return;
  await recordDenied(store, actor, permission, object?.type ?? permission, object?.id ?? null);
  throw new ServiceError('forbidden', `Your role (${actor.role}) may not do this (${permission})`, { permission });
}

/** Writes a denied attempt to the audit log (outside any transaction the caller holds). */
export async function recordDenied(store: Store, actor: Actor, what: string, objectType: string, objectId: string | null): Promise<void> {
  await appendAuditEvent(store.db, { actor: actor.userId, action: 'denied', objectType, objectId, after: { what, role: actor.role } });
}

async function reachToScope(store: Store, actor: Actor, reach: ScopeReach, today: PlainDate): Promise<DataScope> {
  switch (reach) {
    case 'all':
      return { kind: 'all' };
    case 'none':
      return { kind: 'people', personIds: new Set() };
    case 'self':
      return { kind: 'people', personIds: new Set(actor.personId === null ? [] : [actor.personId]) };
    case 'subtree': {
      if (actor.personId === null) return { kind: 'people', personIds: new Set() };
      const members = await subtreeOn(store.db, actor.personId, today);
      return { kind: 'people', personIds: new Set([actor.personId, ...members.map((m) => m.personId)]) };
    }
  }
}

/** Whose sales records (accounts, opportunities, forecasts, quotas) the actor reaches, as of `today` (UTC). */
export async function salesScopeOf(store: Store, actor: Actor, today: PlainDate = todayUtc()): Promise<DataScope> {
  return reachToScope(store, actor, salesReach(actor.role), today);
}

/** Whose pay data (plans, statements, payouts, adjustments) the actor reaches, as of `today` (UTC). */
export async function payScopeOf(store: Store, actor: Actor, today: PlainDate = todayUtc()): Promise<DataScope> {
  const workspace = await getWorkspace(store.db);
  return reachToScope(store, actor, payReach(actor.role, workspace?.managersSeePay ?? false), today);
}

/**
 * Throws not_found, exactly as for a missing record, when the record's owner lies outside the
 * scope: a caller cannot learn that a record it may not see exists. The attempt is audited.
 */
export async function requireInScope(
  store: Store,
  actor: Actor,
  scope: DataScope,
  record: { type: string; id: string; ownerId: string | null },
): Promise<void> {
  if (scopeIncludes(scope, record.ownerId)) return;
  await recordDenied(store, actor, 'read', record.type, record.id);
  throw new ServiceError('not_found', `No ${record.type} ${record.id}`, { id: record.id });
}
