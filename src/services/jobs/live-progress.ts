import type { Job } from '../../contracts/jobs.ts';

type Progress = Job['progress'];

/**
 * The progress of the jobs running in this process, as last reported. On SQLite a job that writes
 * (an import) holds the database's only write lock until it commits, so its progress cannot be
 * written to the job row meanwhile; the single process that owns the file serves it from here.
 * On PostgreSQL the row is written too, and this is only a fresher copy for readers in this process.
 */
const live = new Map<string, Progress>();

/** Told of every change, so a job running on a thread of its own can pass its progress to the serving thread. */
type ProgressListener = (jobId: string, progress: Progress | null) => void;
let listener: ProgressListener | null = null;

export function onLiveProgress(next: ProgressListener | null): void {
  listener = next;
}

export function setLiveProgress(jobId: string, progress: Progress): void {
  live.set(jobId, progress);
  listener?.(jobId, progress);
}

export function liveProgressOf(jobId: string): Progress | undefined {
  return live.get(jobId);
}

export function clearLiveProgress(jobId: string): void {
  live.delete(jobId);
  listener?.(jobId, null);
}
