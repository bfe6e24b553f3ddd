import type { Kysely, Selectable } from 'kysely';
import { newId } from './new-id.ts';
import type { AuditEventTable, Database } from './schema.ts';

/** One mutation: who did what to which object, when (UTC), and the object before and after. */
export interface AuditEvent {
  readonly id: string;
  readonly occurredAt: string;
  readonly actor: string;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

export interface NewAuditEvent {
  readonly actor: string;
  readonly action: string;
  readonly objectType: string;
  readonly objectId: string | null;
  /** Any JSON-serialisable value; null or undefined when there is nothing to record. */
  readonly before?: unknown;
  readonly after?: unknown;
}

export interface AuditFilter {
  readonly actor?: string;
  readonly action?: string;
  readonly objectType?: string;
  readonly objectId?: string;
  /** Occurred at or after this instant (ISO UTC). */
  readonly from?: string;
  /** Occurred strictly before this instant (ISO UTC). */
  readonly to?: string;
  /** Default 1,000. */
  readonly limit?: number;
}

const toJson = (value: unknown): string | null => (value === undefined || value === null ? null : JSON.stringify(value));
const fromJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

function toEvent(row: Selectable<AuditEventTable>): AuditEvent {
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    actor: row.actor,
    action: row.action,
    objectType: row.object_type,
    objectId: row.object_id,
    before: fromJson(row.before_json),
    after: fromJson(row.after_json),
  };
}

/** Appends an event stamped with the current UTC time. The table refuses updates and deletes. */
export async function appendAuditEvent(db: Kysely<Database>, event: NewAuditEvent, now: string = new Date().toISOString()): Promise<AuditEvent> {
  const row: Selectable<AuditEventTable> = {
    id: newId('auditEvent'),
    occurred_at: now,
    actor: event.actor,
    action: event.action,
    object_type: event.objectType,
    object_id: event.objectId,
    before_json: toJson(event.before),
    after_json: toJson(event.after),
  };
  await db.insertInto('audit_event').values(row).execute();
  return toEvent(row);
}

/** Events matching every given filter, oldest first. */
export async function listAuditEvents(db: Kysely<Database>, filter: AuditFilter = {}): Promise<AuditEvent[]> {
  let query = db.selectFrom('audit_event').selectAll();
  if (filter.actor !== undefined) query = query.where('actor', '=', filter.actor);
  if (filter.action !== undefined) query = query.where('action', '=', filter.action);
  if (filter.objectType !== undefined) query = query.where('object_type', '=', filter.objectType);
  if (filter.objectId !== undefined) query = query.where('object_id', '=', filter.objectId);
  if (filter.from !== undefined) query = query.where('occurred_at', '>=', filter.from);
  if (filter.to !== undefined) query = query.where('occurred_at', '<', filter.to);
  const rows = await query.orderBy('occurred_at').orderBy('id').limit(filter.limit ?? 1_000).execute();
  return rows.map(toEvent);
}
