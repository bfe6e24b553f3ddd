import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportJobResult } from '../../contracts/imports.ts';
import { listAuditEvents } from '../../store/audit-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import type { Actor } from '../access/actor.ts';
import { getJob } from '../jobs/get-job.ts';
import { runJob } from '../jobs/run-job.ts';
import { initialiseWorkspace } from '../initialise-workspace.ts';
import { startImport } from './start-import.ts';
import { createRecordingQueue } from './testing/recording-queue.ts';
import { insertTestUser } from './testing/test-users.ts';
import { uploadImportFile } from './upload-import-file.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'import', 'fixtures');

for (const engine of TEST_ENGINES) {
  describe(`startImport on ${engine}`, () => {
    const ctx = useTestStore(engine);

    async function upload(actor: Actor, ...parts: string[]): Promise<string> {
      const name = parts.at(-1) ?? '';
      return (await uploadImportFile(ctx.store, actor, { name, content: readFileSync(join(FIXTURES, ...parts)) })).fileId;
    }

    async function count(table: 'person' | 'account' | 'opportunity'): Promise<number> {
      return (await ctx.store.db.selectFrom(table).select('id').execute()).length;
    }

    /** Starts the import, then runs the job the queue was handed, as a worker would. */
    async function importAndRun(actor: Actor, fileIds: string[], dryRun: boolean): Promise<ImportJobResult> {
      const queue = createRecordingQueue();
      const { jobId } = await startImport(ctx.store, actor, queue, { fileIds, dryRun });
      expect(queue.enqueued).toEqual([jobId]);
      expect((await getJob(ctx.store, actor, jobId)).status).toBe('queued');
      const job = await runJob(ctx.store, jobId, 'test-worker', { progressIntervalMs: 0 });
      expect(job).toMatchObject({ status: 'succeeded', error: null });
      expect(job.progress.done).toBe(job.progress.total);
      return job.result as ImportJobResult;
    }

    it('imports uploaded Salesforce files end to end, in dependency order, under their own names', async () => {
      await initialiseWorkspace(ctx.store, { name: 'Test', corporateCurrency: 'USD' });
      const ops = await insertTestUser(ctx.store, 'ops');
      const ids = [await upload(ops, 'salesforce', 'Opportunity.csv'), await upload(ops, 'salesforce', 'Account.csv'), await upload(ops, 'salesforce', 'User.csv')];
      const result = await importAndRun(ops, ids, false);
      expect(result.files.map((f) => [f.file, f.entity, f.status, f.rowsRead, f.inserted, f.rejected, f.errors])).toEqual([
        ['Opportunity.csv', 'opportunity', 'committed', 12, 12, 0, []],
        ['Account.csv', 'account', 'committed', 8, 8, 0, []],
        ['User.csv', 'person', 'committed', 6, 6, 0, []],
      ]);
      expect([await count('person'), await count('account'), await count('opportunity')]).toEqual([6, 8, 12]);
      // The import's own audit events name the user who started it.
      expect((await listAuditEvents(ctx.store.db, { action: 'import' })).map((e) => e.actor)).toEqual([ops.userId, ops.userId, ops.userId]);
    });

    it('a dry run commits nothing and reports each rejected row with its column', async () => {
      await initialiseWorkspace(ctx.store, { name: 'Test', corporateCurrency: 'USD' });
      const ops = await insertTestUser(ctx.store, 'ops');
      const ids = [await upload(ops, 'salesforce', 'User.csv'), await upload(ops, 'salesforce', 'Account.csv'), await upload(ops, 'other', 'bad-rows.csv')];
      const result = await importAndRun(ops, ids, true);
      expect(result.files.map((f) => [f.file, f.status])).toEqual([['User.csv', 'dry_run'], ['Account.csv', 'dry_run'], ['bad-rows.csv', 'rejected']]);
      const bad = result.files[2]!;
      expect(bad).toMatchObject({ rowsRead: 7, rejected: 5 });
      expect(new Set(bad.errors.map((e) => e.row))).toEqual(new Set([3, 4, 5, 7, 8]));
      expect(bad.errors).toContainEqual(expect.objectContaining({ row: 3, column: 'CloseDate', code: 'invalid_value' }));
      expect(bad.errors.find((e) => e.row === 3)?.message).toContain('2025-02-30');
      expect([await count('person'), await count('account'), await count('opportunity')]).toEqual([0, 0, 0]);
    });

    it('answers another user\'s upload as not found and submits no job', async () => {
      const owner = await insertTestUser(ctx.store, 'ops');
      const fileId = await upload(owner, 'salesforce', 'User.csv');
      const other = await insertTestUser(ctx.store, 'ops');
      const queue = createRecordingQueue();
      await expect(startImport(ctx.store, other, queue, { fileIds: [fileId], dryRun: false })).rejects.toMatchObject({ code: 'not_found' });
      expect(queue.enqueued).toEqual([]);
      expect(await ctx.store.db.selectFrom('job').select('id').execute()).toEqual([]);
    });

    it('lets an admin import another user\'s upload', async () => {
      const owner = await insertTestUser(ctx.store, 'ops');
      const fileId = await upload(owner, 'salesforce', 'User.csv');
      const admin = await insertTestUser(ctx.store, 'admin');
      const { jobId } = await startImport(ctx.store, admin, createRecordingQueue(), { fileIds: [fileId], dryRun: true });
      expect((await getJob(ctx.store, admin, jobId)).createdBy).toBe(admin.userId);
    });

    it('marks the job failed when the queue refuses it, so it never waits forever', async () => {
      const ops = await insertTestUser(ctx.store, 'ops');
      const fileId = await upload(ops, 'salesforce', 'User.csv');
      await expect(startImport(ctx.store, ops, createRecordingQueue({ refuse: true }), { fileIds: [fileId], dryRun: false })).rejects.toThrow('The queue is down');
      const jobs = await ctx.store.db.selectFrom('job').select(['status', 'error_json']).execute();
      expect(jobs).toMatchObject([{ status: 'failed' }]);
    });

    it('refuses a rep, who may not import', async () => {
      const rep = await insertTestUser(ctx.store, 'rep');
      await expect(startImport(ctx.store, rep, createRecordingQueue(), { fileIds: ['file_1'], dryRun: false })).rejects.toMatchObject({ code: 'forbidden' });
    });
  });
}
