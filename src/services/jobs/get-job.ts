import { MAX_PAGE_SIZE } from '../../contracts/common.ts';
import type { Job } from '../../contracts/jobs.ts';
import type { Store } from '../../store/database.ts';
import { getJobRecord, listJobRecords } from '../../store/job-repository.ts';
import type { Actor } from '../access/actor.ts';
import { recordDenied } from '../access/authorize.ts';
import { ServiceError } from '../service-error.ts';
import { toJob } from './job-view.ts';

/** Admins and sales ops follow everyone's jobs (they run the imports); everyone else their own. */
function seesEveryJob(actor: Actor): boolean {
  return actor.role === 'admin' || actor.role === 'ops';
}

/**
 * A job with its progress, result or error. Someone else's job answers not_found exactly as a
 * missing one does (and the attempt is audited), so ids of other users' jobs reveal nothing.
 */
export async function getJob(store: Store, actor: Actor, jobId: string): Promise<Job> {
  const record = await getJobRecord(store.db, jobId);
  if (record !== null && (record.createdBy === actor.userId || seesEveryJob(actor))) return toJob(record);
  if (record !== null) await recordDenied(store, actor, 'read', 'job', jobId);
  throw new ServiceError('not_found', `No job ${jobId}`, { id: jobId });
}

/** The actor's jobs (everyone's for admin and ops), newest first; `limit` 1-200, default 50. */
export async function listJobs(store: Store, actor: Actor, options: { readonly limit?: number } = {}): Promise<Job[]> {
  const limit = options.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE_SIZE) {
    throw new ServiceError('invalid_argument', `The limit must be a whole number from 1 to ${MAX_PAGE_SIZE}`, { limit });
  }
  const records = await listJobRecords(store.db, { limit, ...(seesEveryJob(actor) ? {} : { createdBy: actor.userId }) });
  return records.map(toJob);
}
