import { DomainError } from '../../core/shared/domain-error.ts';
import type { JobError } from '../../store/job-repository.ts';
import { ImportError, ServiceError, StoreError } from '../service-error.ts';

/** What a job whose handler threw something unforeseen says publicly; the detail goes to the server log only. */
export const INTERNAL_JOB_ERROR: JobError = { code: 'internal', message: 'The job failed unexpectedly' };

/** What a job left running by a process that stopped says. */
export const INTERRUPTED_JOB_ERROR: JobError = { code: 'interrupted', message: 'The process running this job stopped before it finished' };

/**
 * The public error of a failed job. The errors salesops raises on purpose (service, import, store
 * and domain errors) carry a code and a message written for the user, so they pass through;
 * anything else may hold internals (paths, SQL, stack traces) and is logged instead.
 */
export function jobErrorOf(error: unknown, jobId: string, log: (line: string) => void): JobError {
  if (error instanceof ServiceError || error instanceof ImportError || error instanceof StoreError || error instanceof DomainError) {
    return { code: error.code, message: error.message };
  }
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  log(`job ${jobId} failed unexpectedly: ${detail}`);
  return INTERNAL_JOB_ERROR;
}
