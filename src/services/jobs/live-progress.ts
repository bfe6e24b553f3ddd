import type { Job } from '../../contracts/jobs.ts';

type Progress = Job['progress'];

/**
 * The progress of the jobs running in this process, as last reported. On SQLite a job that writes
 * (an import) holds the database's only write lock until it commits, so its progress cannot be
 * written to the job row meanwhile; the single process that owns the file serves it from here.
 * On PostgreSQL the row is written too, and this is only a fresher copy for readers in this process.
 */
const live = new Map<string, Progress>();

export function setLiveProgress(jobId: string, progress: Progress): void {
  live.set(jobId, progress);
}

export function liveProgressOf(jobId: string): Progress | undefined {
  return live.get(jobId);
}

export function clearLiveProgress(jobId: string): void {
  live.delete(jobId);
}
