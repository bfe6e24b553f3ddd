import type { JobQueue } from '../services/jobs/job-queue.ts';
import { failInterruptedJobs } from '../services/jobs/fail-interrupted-jobs.ts';
import { listQueuedJobIds } from '../services/jobs/list-queued-jobs.ts';
import type { Store } from '../services/open-database.ts';
import { runJobOnThread } from './run-job-on-thread.ts';
import { defaultWorkerName, runLoggedJob, stderrLog, type QueueRunOptions } from './run-logged-job.ts';

/** On PostgreSQL other processes may run jobs too: only a job silent this long is taken for dead. */
const POSTGRES_STALE_AFTER_MS = 60_000;

export interface InProcessQueueOptions {
  readonly workerName?: string;
  readonly log?: (line: string) => void;
  readonly runOptions?: QueueRunOptions;
}

/**
 * Runs jobs one at a time in this process, in the order they were handed over: the queue of a
 * SQLite database, whose one serving process owns the file. start() first fails the jobs a crash
 * left running (on SQLite any running job at start is one: staleAfterMs 0), then takes the jobs
 * still queued in the job table, oldest first; jobs enqueued before start() wait for it. stop()
 * takes no further job and waits for the running one; jobs still waiting stay queued in the table
 * for the next start.
 */
export function createInProcessQueue(store: Store, options: InProcessQueueOptions = {}): JobQueue {
  const workerName = options.workerName ?? defaultWorkerName();
  const log = options.log ?? stderrLog;
  const waiting: string[] = [];
  let started = false;
  let stopping = false;
  let draining: Promise<void> | null = null;

  // SQLite jobs run on a thread of their own (see run-job-on-thread.ts); handlers given for a
  // test cannot cross to another thread, so those runs stay on this one.
  const onThread = store.engine === 'sqlite' && options.runOptions === undefined;
  const drain = async (): Promise<void> => {
    for (let jobId = waiting.shift(); jobId !== undefined && !stopping; jobId = waiting.shift()) {
      if (onThread) await runJobOnThread(store, jobId, workerName, log);
      else await runLoggedJob(store, jobId, workerName, log, options.runOptions);
    }
  };

  const kick = (): void => {
    if (!started || stopping || draining !== null) return;
    draining = drain().finally(() => {
      draining = null;
      // A job enqueued while the last run was finishing.
      if (waiting.length > 0) kick();
    });
  };

  const add = (jobId: string): void => {
    if (!waiting.includes(jobId)) waiting.push(jobId);
  };

  return {
    enqueue(jobId) {
      add(jobId);
      kick();
      return Promise.resolve();
    },
    async start() {
      if (started || stopping) return;
      const staleAfterMs = store.engine === 'sqlite' ? 0 : POSTGRES_STALE_AFTER_MS;
      const failed = await failInterruptedJobs(store, { staleAfterMs });
      if (failed > 0) log(`${failed} job${failed === 1 ? '' : 's'} left running by a stopped process marked failed`);
      for (const jobId of await listQueuedJobIds(store)) add(jobId);
      started = true;
      kick();
    },
    async stop() {
      stopping = true;
      await draining;
    },
  };
}
