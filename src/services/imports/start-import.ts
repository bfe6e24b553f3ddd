import { startImportBody, type StartImportBody } from '../../contracts/imports.ts';
import type { Store } from '../../store/database.ts';
import type { Actor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { queueJob, submitJob } from '../jobs/submit-job.ts';
import { ServiceError } from '../service-error.ts';
import { importableFiles } from './import-job-handler.ts';

/**
 * Starts importing uploaded files: checks the request, that each file exists and is the actor's
 * own (an admin may import anyone's), submits an 'import' job and hands it to the queue. The job's
 * progress and result are then read with getJob. Needs 'import.run'.
 */
export async function startImport(store: Store, actor: Actor, queue: JobQueue, body: StartImportBody): Promise<{ jobId: string }> {
  await authorize(store, actor, 'import.run', { type: 'job' });
  const parsed = startImportBody.safeParse(body);
  if (!parsed.success) throw new ServiceError('invalid_argument', 'The import request is not valid', { issues: parsed.error.issues.map((issue) => issue.message) });
  const { fileIds, preset, dryRun } = parsed.data;
  await importableFiles(store, actor, fileIds);
  const job = await submitJob(store, actor, 'import', { fileIds, dryRun, ...(preset === undefined ? {} : { preset }) });
  await queueJob(store, queue, job.id);
  return { jobId: job.id };
}
