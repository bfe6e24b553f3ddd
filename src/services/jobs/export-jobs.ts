import type { ExportFormat } from '../../contracts/common.ts';
import type { Store } from '../../store/database.ts';
import type { Actor } from '../access/actor.ts';
import { todayUtc } from '../access/today.ts';
import type { DownloadFile } from '../export/download-file.ts';
import { downloadListTable } from '../export/download-list-table.ts';
import { listJobs } from './get-job.ts';

const HEADER = [
  'id', 'kind', 'status', 'created_by', 'created_at', 'started_at', 'finished_at',
  'progress_done', 'progress_total', 'progress_label', 'error_code', 'error_message',
];

/**
 * The recent jobs the list shows the actor (their own; admins and ops everyone's), newest first,
 * `limit` of them (1-200, default 50), as CSV or XLSX. A job's result stays out of the file: an
 * import's holds up to a thousand rejected rows per file, which its error report downloads.
 */
export async function exportJobs(store: Store, actor: Actor, options: { readonly limit?: number }, format: ExportFormat): Promise<DownloadFile> {
  const jobs = await listJobs(store, actor, options);
  const rows = jobs.map((j) => [
    j.id, j.kind, j.status, j.createdBy, j.createdAt, j.startedAt ?? '', j.finishedAt ?? '',
    String(j.progress.done), j.progress.total === null ? '' : String(j.progress.total), j.progress.label ?? '',
    j.error?.code ?? '', j.error?.message ?? '',
  ]);
  return downloadListTable(store, { header: HEADER, rows }, { entity: 'jobs', date: todayUtc(), format });
}
