/**
 * Where submitted jobs wait to be run. The job table stays the truth for status and progress; a
 * queue only decides which process runs a job and when (in this process on SQLite, through
 * pg-boss on PostgreSQL; see src/jobs/).
 */
export interface JobQueue {
  /** Hands a queued job (already in the job table) to whoever runs jobs. */
  enqueue(jobId: string): Promise<void>;
  /** Starts taking jobs (when this process runs them) after clearing up jobs a crash left running. */
  start(): Promise<void>;
  /** Stops taking jobs and waits for the one running here, if any, to finish. */
  stop(): Promise<void>;
}
