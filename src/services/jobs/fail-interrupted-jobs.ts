import { appendAuditEvent } from '../../store/audit-repository.ts';
import type { Store } from '../../store/database.ts';
import { inTransaction } from '../../store/in-transaction.ts';
import { failStaleJobs } from '../../store/job-repository.ts';
import { SYSTEM_ACTOR } from '../access/actor.ts';
import { INTERRUPTED_JOB_ERROR } from './job-error.ts';

/**
 * Marks failed, with the error 'interrupted', every running job whose heartbeat is older than
 * `staleAfterMs` (the process running it was killed or lost its database), and returns how many.
 * Each is audited as finished by the system. Running jobs heartbeat only on PostgreSQL, so on
 * SQLite this is for the start of the one process that owns the file (staleAfterMs 0: any job
 * still running then was left by a crash).
 */
export async function failInterruptedJobs(store: Store, options: { readonly staleAfterMs: number; readonly now?: Date }): Promise<number> {
  const now = options.now ?? new Date();
  const heartbeatBefore = new Date(now.getTime() - options.staleAfterMs).toISOString();
  return inTransaction(store.db, async (trx) => {
    const ids = await failStaleJobs(trx, { heartbeatBefore, error: INTERRUPTED_JOB_ERROR, now: now.toISOString() });
    for (const id of ids) {
      await appendAuditEvent(trx, {
        actor: SYSTEM_ACTOR.userId,
        action: 'finish',
        objectType: 'job',
        objectId: id,
        before: { status: 'running' },
        after: { status: 'failed', error: INTERRUPTED_JOB_ERROR },
      });
    }
    return ids.length;
  });
}
