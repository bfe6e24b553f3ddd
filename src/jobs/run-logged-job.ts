import { hostname } from 'node:os';
import type { Job } from '../contracts/jobs.ts';
import type { Store } from '../services/open-database.ts';
import { runJob, type RunJobOptions } from '../services/jobs/run-job.ts';

/** Options both queues pass on to every run (tests give their own handlers and intervals). */
export type QueueRunOptions = Omit<RunJobOptions, 'log' | 'onStart'>;

/** The server log line writer both queues default to. */
export function stderrLog(line: string): void {
  process.stderr.write(`${line}\n`);
}

/** host:pid, so the job row says which machine and process ran it. */
export function defaultWorkerName(): string {
  return `${hostname()}:${process.pid}`;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * Runs a job with runJob and logs its start and its end (status, time taken, the error's code and
 * message). Never throws: a job that cannot even be run (database gone) is logged, and stays in
 * the job table for failInterruptedJobs or the next start to settle. Returns the job, or null.
 */
export async function runLoggedJob(store: Store, jobId: string, workerName: string, log: (line: string) => void, options: QueueRunOptions = {}): Promise<Job | null> {
  const started = performance.now();
  let ran = false;
  try {
    const job = await runJob(store, jobId, workerName, {
      ...options,
      log,
      onStart: (claimed) => {
        ran = true;
        log(`job ${claimed.id} (${claimed.kind}) started on ${workerName}`);
      },
    });
    if (ran) {
      const failure = job.error === null ? '' : `: ${job.error.code}: ${job.error.message}`;
      log(`job ${job.id} (${job.kind}) ${job.status} after ${seconds(performance.now() - started)}${failure}`);
    }
    return job;
  } catch (error) {
    log(`job ${jobId} could not be run: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}
