import type { AuditEventItem, AuditQuery } from '../../contracts/audit.ts';
import type { ExportFormat, Page } from '../../contracts/common.ts';
import { canonicalInstant } from '../../core/pipeline/opportunity-history.ts';
import { isPlainDate } from '../../core/shared/plain-date.ts';
import type { Store } from '../../store/database.ts';
import { getWorkspace } from '../../store/workspace-repository.ts';
import type { Actor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';
import type { DownloadFile } from '../export/download-file.ts';
import { assertExportable, downloadTable } from '../pipeline/download-table.ts';
import { ServiceError } from '../service-error.ts';
import { countAuditEvents, queryAuditEvents, type AuditEventFilter, type AuditEventRow } from '../../store/audit-query.ts';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * A bound of the time filter as a canonical UTC instant: a date means its first instant (UTC),
 * so `to: 2026-03-01` keeps events before March 1st; an instant needs its offset (Z or ±hh:mm).
 */
function instantOf(value: string | undefined, field: 'from' | 'to'): string | undefined {
  if (value === undefined) return undefined;
  if (isPlainDate(value)) return `${value}T00:00:00.000Z`;
  if (ISO_INSTANT.test(value) && isPlainDate(value.slice(0, 10)) && !Number.isNaN(Date.parse(value))) return canonicalInstant(value);
  throw new ServiceError('invalid_argument', `${field} "${value}" is neither a date (YYYY-MM-DD) nor an ISO instant with its offset`, { field });
}

function filterOf(query: AuditQuery): AuditEventFilter {
  return {
    actor: query.actor,
    action: query.action,
    objectType: query.objectType,
    objectId: query.objectId,
    from: instantOf(query.from, 'from'),
    to: instantOf(query.to, 'to'),
    search: query.q,
  };
}

const parse = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

function toItem(row: AuditEventRow): AuditEventItem {
  return {
    id: row.id,
    occurredAt: row.occurredAt,
    actor: row.actor,
    actorName: row.actorName,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    before: parse(row.beforeJson),
    after: parse(row.afterJson),
  };
}

/**
 * One page of the audit log ('audit.read'), newest first whatever `order` says: the log is read
 * from the latest change back. Reading the log is not itself audited.
 */
export async function listAuditPage(store: Store, actor: Actor, query: AuditQuery): Promise<Page<AuditEventItem>> {
  await authorize(store, actor, 'audit.read');
  const filter = filterOf(query);
  const total = await countAuditEvents(store, filter);
  const rows = await queryAuditEvents(store, filter, { offset: (query.page - 1) * query.pageSize, limit: query.pageSize });
  return { items: rows.map(toItem), page: query.page, pageSize: query.pageSize, total };
}

const EXPORT_HEADER = ['id', 'occurred_at', 'actor', 'actor_name', 'action', 'object_type', 'object_id', 'before_json', 'after_json'];

/** Every event the page would show for `query`, newest first, as CSV or XLSX; more than 100,000 are refused. */
export async function exportAudit(store: Store, actor: Actor, query: AuditQuery, format: ExportFormat): Promise<DownloadFile> {
  await authorize(store, actor, 'audit.read');
  const filter = filterOf(query);
  assertExportable(await countAuditEvents(store, filter));
  const rows = await queryAuditEvents(store, filter);
  const cells = rows.map((r) => [r.id, r.occurredAt, r.actor, r.actorName ?? '', r.action, r.objectType, r.objectId ?? '', r.beforeJson ?? '', r.afterJson ?? '']);
  const isDemo = (await getWorkspace(store.db))?.isDemo === true;
  return downloadTable({ header: EXPORT_HEADER, rows: cells }, { entity: 'audit', format, isDemo });
}
