import type { JobQueue } from '../services/jobs/job-queue.ts';
import type { Store } from '../services/open-database.ts';
import { createInProcessQueue } from './in-process-queue.ts';
import { createPgBossQueue } from './pg-boss-queue.ts';

export interface CreateJobQueueOptions {
  /** PostgreSQL: take jobs in this process too (false when a separate `salesops worker` runs them). */
  readonly runJobsHere: boolean;
  readonly workerName?: string;
  readonly log?: (line: string) => void;
}

/**
 * The job queue for the store's engine. SQLite: jobs run in this process whatever `runJobsHere`
 * says, as the one process serving the file is the only one that may write it. PostgreSQL:
 * pg-boss, on the store's own connection string (`store.target` hides the password).
 */
export function createJobQueue(store: Store, options: CreateJobQueueOptions): JobQueue {
  const extra = { ...(options.workerName === undefined ? {} : { workerName: options.workerName }), ...(options.log === undefined ? {} : { log: options.log }) };
  if (store.engine === 'sqlite') return createInProcessQueue(store, extra);
  const connectionString = store.pool?.options.connectionString ?? store.target;
  return createPgBossQueue(store, { connectionString, work: options.runJobsHere, ...extra });
}
