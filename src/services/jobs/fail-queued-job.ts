import { appendAuditEvent } from '../../store/audit-repository.ts';
import type { Store } from '../../store/database.ts';
import { inTransaction } from '../../store/in-transaction.ts';
import { finishJob, type JobError } from '../../store/job-repository.ts';
import { SYSTEM_ACTOR } from '../access/actor.ts';

/**
 * Fails a job that is still queued (its queue refused it), so it is never left waiting for a run
 * that will not come. Returns false when the job had left the queue already. Audited as finished
 * by the system.
 */
export async function failQueuedJob(store: Store, jobId: string, error: JobError): Promise<boolean> {
  return inTransaction(store.db, async (trx) => {
    const done = await finishJob(trx, jobId, { status: 'failed', error }, { from: 'queued' });
    if (done === null) return false;
    await appendAuditEvent(trx, { actor: SYSTEM_ACTOR.userId, action: 'finish', objectType: 'job', objectId: jobId, before: { status: 'queued' }, after: { status: 'failed', error } });
    return true;
  });
}
