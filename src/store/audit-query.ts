import type { Store } from './database.ts';
import { containsPattern, lowerLike } from './opportunity-query.ts';

/**
 * The audit log read for people: filtered, newest first, with each user actor's display name.
 */

export interface AuditEventFilter {
  /** The actor's id exactly, or part of the user's display name (ignoring case). */
  readonly actor?: string | undefined;
  readonly action?: string | undefined;
  readonly objectType?: string | undefined;
  readonly objectId?: string | undefined;
  /** Occurred at or after this instant (canonical ISO UTC). */
  readonly from?: string | undefined;
  /** Occurred strictly before this instant (canonical ISO UTC). */
  readonly to?: string | undefined;
  /** Part of the action, object type, object id, actor id or actor name (ignoring case). */
  readonly search?: string | undefined;
}

export interface AuditEventRow {
  readonly id: string;
  readonly occurredAt: string;
  readonly actor: string;
  readonly actorName: string | null;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string | null;
  readonly beforeJson: string | null;
  readonly afterJson: string | null;
}

function matching(store: Store, filter: AuditEventFilter) {
  let q = store.db.selectFrom('audit_event as e').leftJoin('app_user as u', 'u.id', 'e.actor');
  const actor = filter.actor?.trim() ?? '';
  if (actor !== '') q = q.where((eb) => eb.or([eb('e.actor', '=', actor), lowerLike(eb.ref('u.display_name'), containsPattern(actor))]));
  if (filter.action !== undefined) q = q.where('e.action', '=', filter.action);
  if (filter.objectType !== undefined) q = q.where('e.object_type', '=', filter.objectType);
  if (filter.objectId !== undefined) q = q.where('e.object_id', '=', filter.objectId);
  if (filter.from !== undefined) q = q.where('e.occurred_at', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('e.occurred_at', '<', filter.to);
  const search = filter.search?.trim() ?? '';
  if (search !== '') {
    const pattern = containsPattern(search);
    q = q.where((eb) =>
      eb.or([
        lowerLike(eb.ref('e.action'), pattern),
        lowerLike(eb.ref('e.object_type'), pattern),
        lowerLike(eb.ref('e.object_id'), pattern),
        lowerLike(eb.ref('e.actor'), pattern),
        lowerLike(eb.ref('u.display_name'), pattern),
      ]),
    );
  }
  return q;
}

export async function countAuditEvents(store: Store, filter: AuditEventFilter): Promise<number> {
  const row = await matching(store, filter).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Matching events, newest first (the id orders events of the same instant), `range` of them (all without one). */
export async function queryAuditEvents(store: Store, filter: AuditEventFilter, range?: { offset: number; limit: number }): Promise<AuditEventRow[]> {
  let q = matching(store, filter)
    .select(['e.id', 'e.occurred_at', 'e.actor', 'u.display_name', 'e.action', 'e.object_type', 'e.object_id', 'e.before_json', 'e.after_json'])
    .orderBy('e.occurred_at', 'desc')
    .orderBy('e.id', 'desc');
  if (range !== undefined) q = q.limit(range.limit).offset(range.offset);
  const rows = await q.execute();
  return rows.map((r) => ({
    id: r.id,
    occurredAt: r.occurred_at,
    actor: r.actor,
    actorName: r.display_name,
    action: r.action,
    objectType: r.object_type,
    objectId: r.object_id,
    beforeJson: r.before_json,
    afterJson: r.after_json,
  }));
}
