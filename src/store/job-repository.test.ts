import { describe, expect, it } from 'vitest';
import { claimQueuedJob, failStaleJobs, finishJob, getJobRecord, getJobUser, insertJob, listJobRecords, recordJobHeartbeat, recordJobProgress } from './job-repository.ts';
import { TEST_ENGINES } from './testing/test-stores.ts';
import { useTestStore } from './testing/use-test-store.ts';

const SUBMITTER = { role: 'ops', via: 'session' };

for (const engine of TEST_ENGINES) {
  describe(`job repository on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('inserts a queued job and reads back its input and submitter', async () => {
      const job = await insertJob(ctx.store.db, { kind: 'import', createdBy: 'usr_1', input: { fileIds: ['file_1'], dryRun: true }, submittedAs: SUBMITTER }, '2026-03-01T10:00:00.000Z');
      expect(job).toMatchObject({ kind: 'import', status: 'queued', createdBy: 'usr_1', createdAt: '2026-03-01T10:00:00.000Z', startedAt: null, progress: { done: 0, total: null, label: null } });
      expect(await getJobRecord(ctx.store.db, job.id)).toEqual(job);
      expect(job.input).toEqual({ fileIds: ['file_1'], dryRun: true });
      expect(job.submittedAs).toEqual(SUBMITTER);
    });

    it('lets only one of two claims of a queued job succeed', async () => {
      const job = await insertJob(ctx.store.db, { kind: 'import', createdBy: 'cli', input: {}, submittedAs: SUBMITTER });
      const [first, second] = await Promise.all([claimQueuedJob(ctx.store.db, job.id, 'worker-a'), claimQueuedJob(ctx.store.db, job.id, 'worker-b')]);
      const claimed = [first, second].filter((c) => c !== null);
      expect(claimed).toHaveLength(1);
      expect(claimed[0]).toMatchObject({ status: 'running' });
      expect(claimed[0]?.heartbeatAt).toBe(claimed[0]?.startedAt);
    });

    it('records progress and heartbeats only while the job runs', async () => {
      const job = await insertJob(ctx.store.db, { kind: 'import', createdBy: 'cli', input: {}, submittedAs: SUBMITTER });
      await recordJobProgress(ctx.store.db, job.id, { done: 5, total: 10, label: 'queued' });
      expect((await getJobRecord(ctx.store.db, job.id))?.progress).toEqual({ done: 0, total: null, label: null });
      await claimQueuedJob(ctx.store.db, job.id, 'w', '2026-03-01T10:00:00.000Z');
      await recordJobProgress(ctx.store.db, job.id, { done: 5, total: 10, label: 'Opportunity.csv' }, '2026-03-01T10:00:01.000Z');
      await recordJobHeartbeat(ctx.store.db, job.id, '2026-03-01T10:00:02.000Z');
      expect(await getJobRecord(ctx.store.db, job.id)).toMatchObject({ progress: { done: 5, total: 10, label: 'Opportunity.csv' }, heartbeatAt: '2026-03-01T10:00:02.000Z' });
    });

    it('finishes a running job once, with its result and last progress', async () => {
      const job = await insertJob(ctx.store.db, { kind: 'import', createdBy: 'cli', input: {}, submittedAs: SUBMITTER });
      await claimQueuedJob(ctx.store.db, job.id, 'w');
      const done = await finishJob(ctx.store.db, job.id, { status: 'succeeded', result: { files: [] } }, { progress: { done: 10, total: 10, label: null }, now: '2026-03-01T11:00:00.000Z' });
      expect(done).toMatchObject({ status: 'succeeded', result: { files: [] }, error: null, finishedAt: '2026-03-01T11:00:00.000Z', progress: { done: 10, total: 10 } });
      expect(await finishJob(ctx.store.db, job.id, { status: 'failed', error: { code: 'internal', message: 'late' } })).toBeNull();
      expect((await getJobRecord(ctx.store.db, job.id))?.status).toBe('succeeded');
    });

    it('fails a queued job only when asked to finish it from queued', async () => {
      const job = await insertJob(ctx.store.db, { kind: 'import', createdBy: 'cli', input: {}, submittedAs: SUBMITTER });
      const error = { code: 'internal', message: 'The queue refused the job' };
      expect(await finishJob(ctx.store.db, job.id, { status: 'failed', error })).toBeNull();
      expect(await finishJob(ctx.store.db, job.id, { status: 'failed', error }, { from: 'queued' })).toMatchObject({ status: 'failed', error });
    });

    it('fails running jobs whose heartbeat is older than the cut-off and leaves the others', async () => {
      const make = () => insertJob(ctx.store.db, { kind: 'import', createdBy: 'cli', input: {}, submittedAs: SUBMITTER });
      const [stale, fresh, queued] = [await make(), await make(), await make()];
      await claimQueuedJob(ctx.store.db, stale.id, 'w', '2026-03-01T10:00:00.000Z');
      await claimQueuedJob(ctx.store.db, fresh.id, 'w', '2026-03-01T10:00:50.000Z');
      const error = { code: 'interrupted', message: 'stopped' };
      const failed = await failStaleJobs(ctx.store.db, { heartbeatBefore: '2026-03-01T10:00:30.000Z', error, now: '2026-03-01T10:01:00.000Z' });
      expect(failed).toEqual([stale.id]);
      expect(await getJobRecord(ctx.store.db, stale.id)).toMatchObject({ status: 'failed', error, finishedAt: '2026-03-01T10:01:00.000Z' });
      expect((await getJobRecord(ctx.store.db, fresh.id))?.status).toBe('running');
      expect((await getJobRecord(ctx.store.db, queued.id))?.status).toBe('queued');
    });

    it('lists jobs newest first, filtered by creator and status', async () => {
      const at = (minute: number) => `2026-03-01T10:0${minute}:00.000Z`;
      const a = await insertJob(ctx.store.db, { kind: 'import', createdBy: 'usr_1', input: {}, submittedAs: SUBMITTER }, at(1));
      const b = await insertJob(ctx.store.db, { kind: 'import', createdBy: 'usr_2', input: {}, submittedAs: SUBMITTER }, at(2));
      const c = await insertJob(ctx.store.db, { kind: 'import', createdBy: 'usr_1', input: {}, submittedAs: SUBMITTER }, at(3));
      await claimQueuedJob(ctx.store.db, c.id, 'w');
      expect((await listJobRecords(ctx.store.db)).map((j) => j.id)).toEqual([c.id, b.id, a.id]);
      expect((await listJobRecords(ctx.store.db, { createdBy: 'usr_1' })).map((j) => j.id)).toEqual([c.id, a.id]);
      expect((await listJobRecords(ctx.store.db, { status: 'queued', order: 'oldest' })).map((j) => j.id)).toEqual([a.id, b.id]);
      expect((await listJobRecords(ctx.store.db, { limit: 1 })).map((j) => j.id)).toEqual([c.id]);
    });

    it('reads the user a job runs for, and null for an unknown one', async () => {
      const now = '2026-03-01T10:00:00.000Z';
      await ctx.store.db
        .insertInto('app_user')
        .values({ id: 'usr_1', email: 'ana@example.com', display_name: 'Ana', role: 'ops', person_id: null, password_hash: null, active: 0, created_at: now, updated_at: now })
        .execute();
      expect(await getJobUser(ctx.store.db, 'usr_1')).toEqual({ id: 'usr_1', role: 'ops', personId: null, displayName: 'Ana', active: false });
      expect(await getJobUser(ctx.store.db, 'usr_2')).toBeNull();
    });
  });
}
