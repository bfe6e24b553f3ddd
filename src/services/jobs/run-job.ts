import type { Job } from '../../contracts/jobs.ts';
import { appendAuditEvent } from '../../store/audit-repository.ts';
import type { Store } from '../../store/database.ts';
import { inTransaction } from '../../store/in-transaction.ts';
import { claimQueuedJob, finishJob, getJobRecord, recordJobHeartbeat, type JobOutcome } from '../../store/job-repository.ts';
import { ServiceError } from '../service-error.ts';
import { actorForJob } from './job-actor.ts';
import { jobErrorOf } from './job-error.ts';
import type { JobHandlers } from './job-handler.ts';
import { JOB_HANDLERS } from './job-handlers.ts';
import { createJobProgressWriter } from './job-progress-writer.ts';
import { toJob } from './job-view.ts';
import { clearLiveProgress } from './live-progress.ts';

/** How often a running job says it is alive; failInterruptedJobs's staleness must be several of these. */
export const HEARTBEAT_MS = 5_000;
/** The least time between two writes of a running job's progress. */
export const PROGRESS_INTERVAL_MS = 250;

export interface RunJobOptions {
  /** The handler per kind (default: the built-in ones); tests pass their own. */
  readonly handlers?: JobHandlers;
  readonly heartbeatMs?: number;
  readonly progressIntervalMs?: number;
  /** The server log (default: stderr). */
  readonly log?: (line: string) => void;
  /** Called once the job is claimed, before its handler starts. */
  readonly onStart?: (job: Job) => void;
}

const stderrLog = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

/**
 * Runs a queued job to its end in this process: claims it (a job another worker claimed, or one
 * that has finished, is returned as it is), runs its kind's handler as the user who submitted it
 * with a progress reporter and a heartbeat, and stores the result or the error with the final
 * progress. Never throws for the handler's failure: that is the job's outcome. Throws not_found
 * for an unknown id, and store errors when the database itself fails.
 *
 * The claim and the outcome are audited ('start', 'finish'); progress and heartbeats are not.
 * Progress and heartbeats are written to the job row on PostgreSQL only. On SQLite the job's own
 * writes (an import) hold the database's single write lock, so any other write would stall the
 * process; the progress is kept in this process (see live-progress.ts), which owns the file, and
 * written with the outcome.
 */
export async function runJob(store: Store, jobId: string, workerName: string, options: RunJobOptions = {}): Promise<Job> {
  const log = options.log ?? stderrLog;
  const claimed = await inTransaction(store.db, async (trx) => {
    const job = await claimQueuedJob(trx, jobId, workerName);
    if (job !== null) {
      await appendAuditEvent(trx, { actor: job.createdBy, action: 'start', objectType: 'job', objectId: jobId, before: { status: 'queued' }, after: { status: 'running', worker: workerName } });
    }
    return job;
  });
  if (claimed === null) {
    const current = await getJobRecord(store.db, jobId);
    if (current === null) throw new ServiceError('not_found', `No job ${jobId}`, { id: jobId });
    return toJob(current);
  }
  options.onStart?.(toJob(claimed));
  const persist = store.engine === 'postgres';
  const progress = createJobProgressWriter(store, jobId, { persist, intervalMs: options.progressIntervalMs ?? PROGRESS_INTERVAL_MS, log });
  const heartbeat = persist
    ? setInterval(() => {
        recordJobHeartbeat(store.db, jobId).catch((error: unknown) => log(`job ${jobId}: heartbeat not recorded: ${(error as Error).message}`));
      }, options.heartbeatMs ?? HEARTBEAT_MS)
    : undefined;
  // A heartbeat alone must not keep the process alive.
  heartbeat?.unref();

  let outcome: JobOutcome;
  let auditActor = claimed.createdBy;
  try {
    const actor = await actorForJob(store, claimed);
    auditActor = actor.userId;
    const handlers: JobHandlers = options.handlers ?? JOB_HANDLERS;
    const handler = handlers[claimed.kind];
    if (handler === undefined) throw new ServiceError('invalid_argument', `This version of salesops runs no jobs of kind "${claimed.kind}"`, { kind: claimed.kind });
    const result = await handler.run({ store, actor, jobId, input: claimed.input, progress, log });
    outcome = { status: 'succeeded', result: result ?? null };
  } catch (error) {
    outcome = { status: 'failed', error: jobErrorOf(error, jobId, log) };
  } finally {
    clearInterval(heartbeat);
    await progress.settle();
  }

  try {
    const finished = await inTransaction(store.db, async (trx) => {
      const done = await finishJob(trx, jobId, outcome, { progress: progress.current() });
      if (done !== null) {
        await appendAuditEvent(trx, {
          actor: auditActor,
          action: 'finish',
          objectType: 'job',
          objectId: jobId,
          before: { status: 'running' },
          after: outcome.status === 'succeeded' ? { status: 'succeeded' } : { status: 'failed', error: outcome.error },
        });
      }
      return done;
    });
    if (finished !== null) return toJob(finished);
    // Another process marked the job (as interrupted) while it ran here: the row keeps that.
    log(`job ${jobId}: finished here as ${outcome.status}, but it had already been marked failed elsewhere`);
    const current = await getJobRecord(store.db, jobId);
    if (current === null) throw new ServiceError('not_found', `No job ${jobId}`, { id: jobId });
    return toJob(current);
  } finally {
    clearLiveProgress(jobId);
  }
}
