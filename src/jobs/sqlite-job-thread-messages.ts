import type { Job } from '../contracts/jobs.ts';

/** What the serving thread hands a job thread. */
export interface JobThreadData {
  readonly target: string;
  readonly jobId: string;
  readonly workerName: string;
}

/** What a job thread tells the serving thread while it runs. */
export type FromJobThread =
  | { readonly type: 'progress'; readonly jobId: string; readonly progress: Job['progress'] | null }
  | { readonly type: 'log'; readonly line: string };
