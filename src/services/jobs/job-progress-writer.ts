import type { Job } from '../../contracts/jobs.ts';
import type { Store } from '../../store/database.ts';
import { recordJobProgress } from '../../store/job-repository.ts';
import type { JobProgressReporter } from './job-handler.ts';
import { setLiveProgress } from './live-progress.ts';

export interface JobProgressWriter extends JobProgressReporter {
  /** The latest progress reported. */
  current(): Job['progress'];
  /** Resolves once the write in flight, if any, has ended. */
  settle(): Promise<void>;
}

export interface JobProgressWriterOptions {
  /** Write progress to the job row (false on SQLite while the job runs: see live-progress.ts). */
  readonly persist: boolean;
  /** The least time between two writes of the row. */
  readonly intervalMs: number;
  readonly log: (line: string) => void;
  readonly now?: () => number;
}

/**
 * The progress reporter a job handler gets. Every report updates this process's live copy; the
 * job row is written at most once per interval and never by two writes at once, so a handler may
 * report every row of a million-row file. Reports between writes are not lost: the runner writes
 * the latest progress with the job's outcome.
 */
export function createJobProgressWriter(store: Store, jobId: string, options: JobProgressWriterOptions): JobProgressWriter {
  const now = options.now ?? (() => performance.now());
  let current: Job['progress'] = { done: 0, total: null, label: null };
  let lastWrite = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> | null = null;
  setLiveProgress(jobId, current);

  const write = (at: number): void => {
    lastWrite = at;
    inFlight = recordJobProgress(store.db, jobId, current)
      .catch((error: unknown) => options.log(`job ${jobId}: progress not recorded: ${(error as Error).message}`))
      .finally(() => {
        inFlight = null;
      });
  };

  return {
    report(update) {
      current = {
        done: update.done,
        total: update.total === undefined ? current.total : update.total,
        label: update.label === undefined ? current.label : update.label,
      };
      setLiveProgress(jobId, current);
      if (!options.persist || inFlight !== null) return;
      const at = now();
      if (at - lastWrite >= options.intervalMs) write(at);
    },
    current: () => current,
    settle: async () => {
      await inFlight;
    },
  };
}
