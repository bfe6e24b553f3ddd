import type { Job } from '../../contracts/jobs.ts';
import { appendAuditEvent } from '../../store/audit-repository.ts';
import type { Store } from '../../store/database.ts';
import { inTransaction } from '../../store/in-transaction.ts';
import { insertJob } from '../../store/job-repository.ts';
import type { Actor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';
import { ServiceError } from '../service-error.ts';
import { failQueuedJob } from './fail-queued-job.ts';
import { INTERNAL_JOB_ERROR } from './job-error.ts';
import type { JobHandlers, JobKind } from './job-handler.ts';
import { JOB_HANDLERS } from './job-handlers.ts';
import type { JobQueue } from './job-queue.ts';
import { toJob } from './job-view.ts';

/**
 * Records a job of `kind` as queued, after checking the actor may submit it and its input; the
 * caller then hands its id to a JobQueue. Audited as 'create' on the job.
 */
export async function submitJob(store: Store, actor: Actor, kind: JobKind, input: unknown, options: { readonly handlers?: JobHandlers } = {}): Promise<Job> {
  const handler = (options.handlers ?? JOB_HANDLERS)[kind];
  if (handler === undefined) throw new ServiceError('invalid_argument', `Unknown kind of job "${kind}"`, { kind });
  await authorize(store, actor, handler.permission, { type: 'job' });
  const checked = handler.parseInput(input);
  const record = await inTransaction(store.db, async (trx) => {
    const job = await insertJob(trx, { kind, createdBy: actor.userId, input: checked, submittedAs: { role: actor.role, via: actor.via } });
    await appendAuditEvent(trx, { actor: actor.userId, action: 'create', objectType: 'job', objectId: job.id, after: { kind, input: checked } }, job.createdAt);
    return job;
  });
  return toJob(record);
}

/**
 * Hands a submitted job to the queue. When the queue refuses it, the job is marked failed before
 * the error is rethrown: a queued row that nobody will run would show as waiting forever.
 */
export async function queueJob(store: Store, queue: JobQueue, jobId: string): Promise<void> {
  try {
    await queue.enqueue(jobId);
  } catch (error) {
    await failQueuedJob(store, jobId, INTERNAL_JOB_ERROR);
    throw error;
  }
}
