import { importJobHandler } from '../imports/import-job-handler.ts';
import type { JobHandler, JobKind } from './job-handler.ts';

/** The handler of each kind of job. */
export const JOB_HANDLERS: Readonly<Record<JobKind, JobHandler>> = {
  import: importJobHandler,
};
