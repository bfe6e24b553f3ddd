import type { JobQueue } from '../../jobs/job-queue.ts';

/** A queue that only remembers what it was handed, for tests that then run the jobs themselves. */
export interface RecordingQueue extends JobQueue {
  readonly enqueued: readonly string[];
}

export function createRecordingQueue(options: { readonly refuse?: boolean } = {}): RecordingQueue {
  const enqueued: string[] = [];
  return {
    enqueued,
    enqueue(jobId) {
      if (options.refuse === true) return Promise.reject(new Error('The queue is down'));
      enqueued.push(jobId);
      return Promise.resolve();
    },
    start: () => Promise.resolve(),
    stop: () => Promise.resolve(),
  };
}
