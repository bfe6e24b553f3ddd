import PgBoss from 'pg-boss';
import { failInterruptedJobs } from '../services/jobs/fail-interrupted-jobs.ts';
import type { JobQueue } from '../services/jobs/job-queue.ts';
import type { Store } from '../services/open-database.ts';
import { defaultWorkerName, runLoggedJob, stderrLog, type QueueRunOptions } from './run-logged-job.ts';

export const PG_BOSS_QUEUE = 'salesops-jobs';
/** How often a process looks for jobs whose worker died. */
export const SWEEP_INTERVAL_MS = 30_000;
/** A running job whose heartbeat (every 5 s) has been silent this long has lost its worker. */
export const STALE_AFTER_MS = 60_000;
/**
 * pg-boss fails a job it has handed out for longer than this (its limit is under 24 hours). The
 * job table stays the truth: the run goes on, and pg-boss never retries it (retryLimit 0).
 */
const PG_BOSS_EXPIRE_SECONDS = 23 * 60 * 60;

export interface PgBossQueueOptions {
  readonly connectionString: string;
  /** Take jobs in this process: a worker, or a server that runs its own jobs. */
  readonly work: boolean;
  readonly workerName?: string;
  readonly log?: (line: string) => void;
  /** How often an idle worker asks for work (pg-boss's minimum is 0.5 s); default 2 s. A job enqueued by this process wakes it at once. */
  readonly pollingIntervalSeconds?: number;
  readonly runOptions?: QueueRunOptions;
}

interface QueuedJobData {
  readonly jobId: string;
}

function isQueuedJobData(data: unknown): data is QueuedJobData {
  return typeof data === 'object' && data !== null && typeof (data as { jobId?: unknown }).jobId === 'string';
}

/**
 * The queue of a PostgreSQL database, on pg-boss (in its own `pgboss` schema): enqueue() sends the
 * job id; a process with `work` takes one job at a time and runs it. Every process using the queue
 * also fails, every 30 s, running jobs whose heartbeat has been silent for a minute, so a worker
 * killed mid-job never leaves its job running. stop() takes no further job, waits for the one
 * running here, then closes pg-boss's connections.
 */
export function createPgBossQueue(store: Store, options: PgBossQueueOptions): JobQueue {
  const workerName = options.workerName ?? defaultWorkerName();
  const log = options.log ?? stderrLog;
  const boss = new PgBoss({ connectionString: options.connectionString, application_name: 'salesops-jobs', max: 3 });
  boss.on('error', (error) => log(`job queue error: ${error.message}`));
  const running = new Set<Promise<unknown>>();
  let started = false;
  let workerId: string | null = null;
  let sweepTimer: NodeJS.Timeout | undefined;

  const sweep = async (): Promise<void> => {
    try {
      const failed = await failInterruptedJobs(store, { staleAfterMs: STALE_AFTER_MS });
      if (failed > 0) log(`${failed} job${failed === 1 ? '' : 's'} whose worker stopped marked failed`);
    } catch (error) {
      log(`could not check for interrupted jobs: ${(error as Error).message}`);
    }
  };

  const take = async (jobs: PgBoss.Job<unknown>[]): Promise<void> => {
    for (const job of jobs) {
      if (!isQueuedJobData(job.data)) {
        log(`job queue: ignored a message without a job id (${job.id})`);
        continue;
      }
      const run = runLoggedJob(store, job.data.jobId, workerName, log, options.runOptions);
      running.add(run);
      try {
        await run;
      } finally {
        running.delete(run);
      }
    }
  };

  return {
    async start() {
      if (started) return;
      await boss.start();
      // pg-boss 10 sends to and works only on queues that exist; creating one that exists does nothing.
      await boss.createQueue(PG_BOSS_QUEUE, { name: PG_BOSS_QUEUE, retryLimit: 0, expireInSeconds: PG_BOSS_EXPIRE_SECONDS });
      started = true;
      await sweep();
      sweepTimer = setInterval(() => void sweep(), SWEEP_INTERVAL_MS);
      sweepTimer.unref();
      if (options.work) {
        workerId = await boss.work<unknown>(PG_BOSS_QUEUE, { batchSize: 1, ...(options.pollingIntervalSeconds === undefined ? {} : { pollingIntervalSeconds: options.pollingIntervalSeconds }) }, take);
      }
    },
    async enqueue(jobId) {
      if (!started) throw new Error('The job queue is not started');
      await boss.send(PG_BOSS_QUEUE, { jobId } satisfies QueuedJobData, { retryLimit: 0, expireInSeconds: PG_BOSS_EXPIRE_SECONDS });
      if (workerId !== null) boss.notifyWorker(workerId);
    },
    async stop() {
      clearInterval(sweepTimer);
      if (!started) return;
      started = false;
      if (workerId !== null) await boss.offWork(PG_BOSS_QUEUE);
      await Promise.all([...running]);
      await boss.stop({ graceful: true, wait: true });
    },
  };
}
