import { setTimeout as delay } from 'node:timers/promises';
import type { Job } from '../contracts/jobs.ts';
import type { Actor } from '../services/access/actor.ts';
import { getJob } from '../services/jobs/get-job.ts';
import { isFinished } from '../services/jobs/job-view.ts';
import type { Store } from '../services/open-database.ts';

export interface WatchJobOptions {
  /** How often to read the job; default 500 ms. */
  readonly intervalMs?: number;
  /** Stops watching: the promise rejects with an AbortError. */
  readonly signal?: AbortSignal;
}

/**
 * Reads the job until it has finished, calling `onUpdate` with the first state and with every
 * change (status, progress), and resolves with the finished job. Used by server-sent events and
 * `salesops jobs watch`. Throws not_found for a job the actor may not see.
 */
export async function watchJob(store: Store, actor: Actor, jobId: string, onUpdate: (job: Job) => void, options: WatchJobOptions = {}): Promise<Job> {
  const intervalMs = options.intervalMs ?? 500;
  let last = '';
  for (;;) {
    options.signal?.throwIfAborted();
    const job = await getJob(store, actor, jobId);
    const state = JSON.stringify(job);
    if (state !== last) {
      last = state;
      onUpdate(job);
    }
    if (isFinished(job)) return job;
    await delay(intervalMs, undefined, options.signal === undefined ? {} : { signal: options.signal });
  }
}
