import { addDays, startOfIsoWeek, type PlainDate } from '../core/shared/plain-date.ts';
import { appendAuditEvent } from '../store/audit-repository.ts';
import type { Store } from '../store/database.ts';
import { replaceSnapshot } from '../store/snapshot-repository.ts';
import { loadPipelineHistory, type PipelineRow } from './load-pipeline-history.ts';
import { ServiceError } from './service-error.ts';

export interface RefreshSnapshotsResult {
  /** Each Monday written, with the number of opportunities in its snapshot. */
  readonly snapshots: readonly { readonly date: PlainDate; readonly rows: number }[];
  readonly rows: number;
}

/** The Mondays (ISO week starts) from `from` to `to`, both inclusive. */
export function mondaysBetween(from: PlainDate, to: PlainDate): PlainDate[] {
  const first = startOfIsoWeek(from) === from ? from : addDays(startOfIsoWeek(from), 7);
  const mondays: PlainDate[] = [];
  for (let monday = first; monday <= to; monday = addDays(monday, 7)) mondays.push(monday);
  return mondays;
}

/**
 * The rows a Monday's snapshot keeps: every opportunity open at the end of that Monday, plus those
 * that closed during the week before it (not yet closed at the end of the previous Monday, or
 * created since). Closed deals older than a week are left out: they never change again, and
 * keeping every one of them in every week would grow the table with the square of the history.
 */
export function snapshotRowsOf(rowsNow: readonly PipelineRow[], rowsWeekBefore: readonly PipelineRow[]): PipelineRow[] {
  const closedBefore = new Set(rowsWeekBefore.filter((r) => r.isClosed).map((r) => r.opportunityId));
  return rowsNow.filter((row) => !row.isClosed || !closedBefore.has(row.opportunityId));
}

/**
 * Writes the weekly pipeline snapshot of every Monday in [from, to] (see `snapshotRowsOf`), as it
 * stood at the end of that Monday, rebuilt from history (never from an older snapshot). Each
 * Monday's rows are replaced in one transaction, so a reader sees a whole snapshot or the previous one.
 */
export async function refreshSnapshots(
  store: Store,
  range: { readonly from: PlainDate; readonly to: PlainDate; readonly actor?: string; readonly onProgress?: (done: number, total: number) => void },
): Promise<RefreshSnapshotsResult> {
  if (range.from > range.to) throw new ServiceError('invalid_argument', `The range ends (${range.to}) before it starts (${range.from})`);
  const mondays = mondaysBetween(range.from, range.to);
  const first = mondays[0];
  const last = mondays[mondays.length - 1];
  if (first === undefined || last === undefined) return { snapshots: [], rows: 0 };
  const history = await loadPipelineHistory(store.db, last);
  const snapshots: { date: PlainDate; rows: number }[] = [];
  let weekBefore = history.rowsAsOf(addDays(first, -7));
  for (const date of mondays) {
    const now = history.rowsAsOf(date);
    const rows = snapshotRowsOf(now, weekBefore);
    weekBefore = now;
    await store.db.transaction().execute((trx) => replaceSnapshot(trx, date, rows));
    snapshots.push({ date, rows: rows.length });
    range.onProgress?.(snapshots.length, mondays.length);
  }
  const total = snapshots.reduce((sum, s) => sum + s.rows, 0);
  await appendAuditEvent(store.db, {
    actor: range.actor ?? 'system',
    action: 'refresh',
    objectType: 'pipeline_snapshot',
    objectId: null,
    after: { from: range.from, to: range.to, snapshots },
  });
  return { snapshots, rows: total };
}
