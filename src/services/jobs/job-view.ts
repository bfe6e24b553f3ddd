import type { Job } from '../../contracts/jobs.ts';
import type { JobRecord } from '../../store/job-repository.ts';
import { liveProgressOf } from './live-progress.ts';

/** A job row as the API and CLI show it; a job running in this process shows its latest progress. */
export function toJob(record: JobRecord): Job {
  const live = record.status === 'running' ? liveProgressOf(record.id) : undefined;
  return {
    id: record.id,
    kind: record.kind,
    status: record.status,
    createdBy: record.createdBy,
    createdAt: record.createdAt,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    progress: live ?? { done: record.progress.done, total: record.progress.total, label: record.progress.label },
    result: record.result ?? null,
    error: record.error,
  };
}

export function isFinished(job: Pick<Job, 'status'>): boolean {
  return job.status === 'succeeded' || job.status === 'failed';
}
