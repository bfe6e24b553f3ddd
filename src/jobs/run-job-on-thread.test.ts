import { describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../services/access/actor.ts';
import { getJob } from '../services/jobs/get-job.ts';
import { startImport } from '../services/imports/start-import.ts';
import { uploadImportFile } from '../services/imports/upload-import-file.ts';
import { useTestStore } from '../store/testing/use-test-store.ts';
import { createInProcessQueue } from './in-process-queue.ts';

describe('SQLite jobs on a thread of their own', () => {
  const ctx = useTestStore('sqlite');

  it('runs an import job to the end while this thread keeps writing', async () => {
    await ctx.make.workspace();
    const queue = createInProcessQueue(ctx.store, { log: () => undefined });
    await queue.start();
    try {
      const rows = Array.from({ length: 2_000 }, (_, i) => `001${String(i).padStart(15, '0')},Account ${i}`).join('\n');
      const file = await uploadImportFile(ctx.store, CLI_ACTOR, { name: 'Account.csv', content: Buffer.from(`Id,Name\n${rows}\n`) });
      const { jobId } = await startImport(ctx.store, CLI_ACTOR, queue, { fileIds: [file.fileId], dryRun: false });
      // Writes from this thread while the job imports: each must succeed, none may stall the job.
      let writes = 0;
      let job = await getJob(ctx.store, CLI_ACTOR, jobId);
      while (job.status === 'queued' || job.status === 'running') {
        await ctx.make.person();
        writes += 1;
        job = await getJob(ctx.store, CLI_ACTOR, jobId);
      }
      expect(job.status).toBe('succeeded');
      expect(writes).toBeGreaterThan(0);
      expect(job.result).toMatchObject({ files: [{ status: 'committed', inserted: 2_000 }] });
    } finally {
      await queue.stop();
    }
  });
});
