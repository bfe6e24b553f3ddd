import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportJobResult } from '../contracts/imports.ts';
import { TEST_ENGINES } from '../store/testing/test-stores.ts';
import { useTestStore } from '../store/testing/use-test-store.ts';
import { CLI_ACTOR } from '../services/access/actor.ts';
import { startImport } from '../services/imports/start-import.ts';
import { insertTestUser } from '../services/imports/testing/test-users.ts';
import { uploadImportFile } from '../services/imports/upload-import-file.ts';
import { initialiseWorkspace } from '../services/initialise-workspace.ts';
import { getJob } from '../services/jobs/get-job.ts';
import type { JobQueue } from '../services/jobs/job-queue.ts';
import { submitJob } from '../services/jobs/submit-job.ts';
import { createPgBossQueue } from './pg-boss-queue.ts';
import { watchJob } from './watch-job.ts';

const USERS = readFileSync(join(import.meta.dirname, '..', 'import', 'fixtures', 'salesforce', 'User.csv'));
const quiet = (): void => undefined;

// pg-boss is the PostgreSQL queue only.
if (TEST_ENGINES.includes('postgres')) {
  describe('pg-boss queue on postgres', () => {
    const ctx = useTestStore('postgres');

    async function withQueues<T>(queues: JobQueue[], work: () => Promise<T>): Promise<T> {
      try {
        for (const queue of queues) await queue.start();
        return await work();
      } finally {
        for (const queue of queues) await queue.stop();
      }
    }

    it('runs an import end to end: the server enqueues, a worker process takes it', async () => {
      await initialiseWorkspace(ctx.store, { name: 'Test', corporateCurrency: 'USD' });
      const ops = await insertTestUser(ctx.store, 'ops');
      const server = createPgBossQueue(ctx.store, { connectionString: ctx.store.openTarget, work: false, log: quiet });
      const lines: string[] = [];
      const worker = createPgBossQueue(ctx.store, { connectionString: ctx.store.openTarget, work: true, workerName: 'worker-1', log: (line) => lines.push(line), pollingIntervalSeconds: 0.5 });
      const done = await withQueues([server, worker], async () => {
        const { fileId } = await uploadImportFile(ctx.store, ops, { name: 'User.csv', content: USERS });
        const { jobId } = await startImport(ctx.store, ops, server, { fileIds: [fileId], dryRun: false });
        return watchJob(ctx.store, ops, jobId, quiet, { intervalMs: 100 });
      });
      expect(done.status).toBe('succeeded');
      expect((done.result as ImportJobResult).files).toMatchObject([{ file: 'User.csv', status: 'committed', inserted: 6 }]);
      expect(await ctx.store.db.selectFrom('person').select('id').execute()).toHaveLength(6);
      expect(lines).toEqual([expect.stringMatching(`^job ${done.id} \\(import\\) started on worker-1$`), expect.stringMatching(`^job ${done.id} \\(import\\) succeeded after `)]);
    });

    it('fails a job left running by a killed worker when a queue starts', async () => {
      const job = await submitJob(ctx.store, CLI_ACTOR, 'import', { fileIds: ['file_1'], dryRun: false });
      const twoMinutesAgo = new Date(Date.now() - 120_000).toISOString();
      await ctx.store.db.updateTable('job').set({ status: 'running', worker: 'killed', started_at: twoMinutesAgo, heartbeat_at: twoMinutesAgo }).where('id', '=', job.id).execute();
      await withQueues([createPgBossQueue(ctx.store, { connectionString: ctx.store.openTarget, work: false, log: quiet })], () => Promise.resolve());
      expect(await getJob(ctx.store, CLI_ACTOR, job.id)).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
    });

    it('refuses to enqueue before it has started', async () => {
      const queue = createPgBossQueue(ctx.store, { connectionString: ctx.store.openTarget, work: false, log: quiet });
      await expect(queue.enqueue('job_1')).rejects.toThrow('The job queue is not started');
    });
  });
}
