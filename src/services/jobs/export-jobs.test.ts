import { setTimeout as delay } from 'node:timers/promises';
import { beforeEach, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { todayUtc } from '../access/today.ts';
import { csvRowsOf, xlsxContentOf } from '../export/testing/read-download.ts';
import { insertTestUser } from '../imports/testing/test-users.ts';
import { exportJobs } from './export-jobs.ts';
import { failQueuedJob } from './fail-queued-job.ts';
import { submitJob } from './submit-job.ts';

const INPUT = { fileIds: ['file_1'], dryRun: false };
const HEADER = [
  'id', 'kind', 'status', 'created_by', 'created_at', 'started_at', 'finished_at',
  'progress_done', 'progress_total', 'progress_label', 'error_code', 'error_message',
];

for (const engine of TEST_ENGINES) {
  describe(`exportJobs on ${engine}`, () => {
    const ctx = useTestStore(engine);
    beforeEach(async () => {
      await ctx.make.workspace();
    });

    it('writes a job with its status, times, progress and error', async () => {
      const ops = await insertTestUser(ctx.store, 'ops');
      const job = await submitJob(ctx.store, ops, 'import', INPUT);
      await failQueuedJob(ctx.store, job.id, { code: 'queue_refused', message: 'The queue is stopped' });
      const file = await exportJobs(ctx.store, ops, {}, 'csv');
      const rows = csvRowsOf(file);
      expect(file.fileName).toBe(`jobs-${todayUtc()}.csv`);
      expect(rows[0]).toEqual(HEADER);
      expect(rows).toHaveLength(2);
      expect(rows[1]?.slice(0, 5)).toEqual([job.id, 'import', 'failed', ops.userId, job.createdAt]);
      expect(rows[1]?.slice(7)).toEqual(['0', '', '', 'queue_refused', 'The queue is stopped']);
    });

    it('neutralises an error message a spreadsheet would run as a formula', async () => {
      const ops = await insertTestUser(ctx.store, 'ops');
      const job = await submitJob(ctx.store, ops, 'import', INPUT);
      await failQueuedJob(ctx.store, job.id, { code: 'bad', message: '=cmd|calc' });
      expect(csvRowsOf(await exportJobs(ctx.store, ops, {}, 'csv'))[1]?.[11]).toBe("'=cmd|calc");
    });

    it('leaves out other users’ jobs for a role that sees only its own, as the list does', async () => {
      const ana = await insertTestUser(ctx.store, 'ops');
      const bob = await insertTestUser(ctx.store, 'ops');
      const mine = await submitJob(ctx.store, ana, 'import', INPUT);
      await delay(5);
      const theirs = await submitJob(ctx.store, bob, 'import', INPUT);
      const finance = { ...ana, role: 'finance' as const };
      const ids = async (actor: typeof ana) => (await xlsxContentOf(await exportJobs(ctx.store, actor, {}, 'xlsx'))).rows.slice(1).map((r) => r[0]);
      expect(await ids(finance)).toEqual([mine.id]);
      expect(await ids(ana)).toEqual([theirs.id, mine.id]);
    });

    it('writes only the newest jobs up to the limit, and refuses a limit the list refuses', async () => {
      const ops = await insertTestUser(ctx.store, 'ops');
      await submitJob(ctx.store, ops, 'import', INPUT);
      await delay(5);
      const newest = await submitJob(ctx.store, ops, 'import', INPUT);
      expect(csvRowsOf(await exportJobs(ctx.store, ops, { limit: 1 }, 'csv')).slice(1).map((r) => r[0])).toEqual([newest.id]);
      await expect(exportJobs(ctx.store, ops, { limit: 201 }, 'csv')).rejects.toMatchObject({ code: 'invalid_argument' });
    });
  });
}
