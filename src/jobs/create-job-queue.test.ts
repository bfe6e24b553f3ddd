import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../services/access/actor.ts';
import { startImport } from '../services/imports/start-import.ts';
import { insertTestUser } from '../services/imports/testing/test-users.ts';
import { uploadImportFile } from '../services/imports/upload-import-file.ts';
import { initialiseWorkspace } from '../services/initialise-workspace.ts';
import { getJob } from '../services/jobs/get-job.ts';
import type { JobQueue } from '../services/jobs/job-queue.ts';
import { TEST_ENGINES } from '../store/testing/test-stores.ts';
import { useTestStore } from '../store/testing/use-test-store.ts';
import { createJobQueue } from './create-job-queue.ts';
import { watchJob } from './watch-job.ts';

const USERS = readFileSync(join(import.meta.dirname, '..', 'import', 'fixtures', 'salesforce', 'User.csv'));
const quiet = (): void => undefined;

for (const engine of TEST_ENGINES) {
  describe(`createJobQueue on ${engine}`, () => {
    const ctx = useTestStore(engine);

    async function startDryRun(queue: JobQueue): Promise<{ jobId: string; ops: Actor }> {
      await initialiseWorkspace(ctx.store, { name: 'Test', corporateCurrency: 'USD' });
      const ops = await insertTestUser(ctx.store, 'ops');
      const { fileId } = await uploadImportFile(ctx.store, ops, { name: 'User.csv', content: USERS });
      return { ops, ...(await startImport(ctx.store, ops, queue, { fileIds: [fileId], dryRun: true })) };
    }

    it('runs jobs in this process when asked to', async () => {
      const queue = createJobQueue(ctx.store, { runJobsHere: true, log: quiet });
      await queue.start();
      try {
        const { jobId, ops } = await startDryRun(queue);
        expect(await watchJob(ctx.store, ops, jobId, quiet, { intervalMs: 50 })).toMatchObject({ status: 'succeeded', result: { files: [{ status: 'dry_run' }] } });
      } finally {
        await queue.stop();
      }
    });

    it(engine === 'sqlite' ? 'runs jobs in this process on SQLite even when told a worker runs them' : 'leaves jobs to the workers when told to', async () => {
      const queue = createJobQueue(ctx.store, { runJobsHere: false, log: quiet });
      await queue.start();
      try {
        const { jobId, ops } = await startDryRun(queue);
        if (engine === 'sqlite') {
          expect((await watchJob(ctx.store, ops, jobId, quiet, { intervalMs: 50 })).status).toBe('succeeded');
        } else {
          await delay(1_000);
          expect((await getJob(ctx.store, ops, jobId)).status).toBe('queued');
        }
      } finally {
        await queue.stop();
      }
    });
  });
}
