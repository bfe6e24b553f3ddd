import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../store/audit-repository.ts';
import { getJobRecord } from '../../store/job-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { CLI_ACTOR, type Actor } from '../access/actor.ts';
import { insertTestUser } from '../imports/testing/test-users.ts';
import { ServiceError } from '../service-error.ts';
import { getJob } from './get-job.ts';
import type { JobContext, JobHandler, JobHandlers } from './job-handler.ts';
import { runJob } from './run-job.ts';
import { submitJob } from './submit-job.ts';

const INPUT = { fileIds: ['file_1'], dryRun: true };

/** Handlers for kind 'import' that do what the test says instead of importing. */
function handlersFor(run: (context: JobContext) => Promise<unknown>): JobHandlers {
  const handler: JobHandler = { permission: 'import.run', parseInput: (input) => input, run };
  return { import: handler };
}

for (const engine of TEST_ENGINES) {
  describe(`runJob on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('takes a job from queued through running to succeeded, keeping its result and last progress', async () => {
      const submitted = await submitJob(ctx.store, CLI_ACTOR, 'import', INPUT);
      expect(submitted).toMatchObject({ status: 'queued', startedAt: null, progress: { done: 0, total: null, label: null } });
      const seen: { status: string; progress: unknown; stored: unknown }[] = [];
      const handlers = handlersFor(async ({ store, progress, jobId }) => {
        progress.report({ done: 1, total: 3, label: 'first' });
        await delay(30);
        seen.push({ ...(await getJob(store, CLI_ACTOR, jobId)), stored: (await getJobRecord(store.db, jobId))?.progress });
        progress.report({ done: 3, label: 'last' });
        return { answer: 42 };
      });
      const done = await runJob(ctx.store, submitted.id, 'test-worker', { handlers, progressIntervalMs: 0 });
      expect(seen[0]).toMatchObject({ status: 'running', progress: { done: 1, total: 3, label: 'first' } });
      // PostgreSQL writes progress to the row as it goes; SQLite keeps it in the running process.
      expect(seen[0]?.stored).toEqual(engine === 'postgres' ? { done: 1, total: 3, label: 'first' } : { done: 0, total: null, label: null });
      expect(done).toMatchObject({ status: 'succeeded', result: { answer: 42 }, error: null, progress: { done: 3, total: 3, label: 'last' } });
      expect(done.startedAt).not.toBeNull();
      expect(done.finishedAt! >= done.startedAt!).toBe(true);
      expect(await getJob(ctx.store, CLI_ACTOR, submitted.id)).toEqual(done);
      const audit = await listAuditEvents(ctx.store.db, { objectType: 'job', objectId: submitted.id });
      expect(audit.map((e) => [e.actor, e.action, e.after])).toEqual([
        ['cli', 'create', { kind: 'import', input: INPUT }],
        ['cli', 'start', { status: 'running', worker: 'test-worker' }],
        ['cli', 'finish', { status: 'succeeded' }],
      ]);
    });

    it('stores the code and message of a handler that fails with a service error', async () => {
      const job = await submitJob(ctx.store, CLI_ACTOR, 'import', INPUT);
      const handlers = handlersFor(() => Promise.reject(new ServiceError('not_found', 'No uploaded file file_1')));
      const done = await runJob(ctx.store, job.id, 'w', { handlers });
      expect(done).toMatchObject({ status: 'failed', result: null, error: { code: 'not_found', message: 'No uploaded file file_1' } });
      expect(done.finishedAt).not.toBeNull();
    });

    it('hides an unexpected error behind "internal" and writes its detail to the log only', async () => {
      const job = await submitJob(ctx.store, CLI_ACTOR, 'import', INPUT);
      const lines: string[] = [];
      const handlers = handlersFor(() => Promise.reject(new Error('connect ECONNREFUSED /var/secret/path')));
      const done = await runJob(ctx.store, job.id, 'w', { handlers, log: (line) => lines.push(line) });
      expect(done.error).toEqual({ code: 'internal', message: 'The job failed unexpectedly' });
      expect(JSON.stringify(done)).not.toContain('secret');
      expect(lines.join('\n')).toContain('/var/secret/path');
    });

    it('runs the job as its submitter, with the narrower role the job was submitted with', async () => {
      const admin = await insertTestUser(ctx.store, 'admin', { displayName: 'Ada' });
      // As through an API token limited to the ops role.
      const viaToken: Actor = { ...admin, role: 'ops', via: 'token' };
      const job = await submitJob(ctx.store, viaToken, 'import', INPUT);
      let ranAs: Actor | undefined;
      await runJob(ctx.store, job.id, 'w', { handlers: handlersFor(({ actor }) => Promise.resolve((ranAs = actor))) });
      expect(ranAs).toEqual({ userId: admin.userId, role: 'ops', personId: null, displayName: 'Ada', via: 'token' });
    });

    it('fails the job of a user deactivated since submitting it, without running it', async () => {
      const ops = await insertTestUser(ctx.store, 'ops');
      const job = await submitJob(ctx.store, ops, 'import', INPUT);
      await ctx.store.db.updateTable('app_user').set({ active: 0 }).where('id', '=', ops.userId).execute();
      let ran = false;
      const done = await runJob(ctx.store, job.id, 'w', { handlers: handlersFor(() => Promise.resolve((ran = true))) });
      expect(ran).toBe(false);
      expect(done).toMatchObject({ status: 'failed', error: { code: 'forbidden' } });
    });

    it('leaves a job that another worker has claimed as it is', async () => {
      const job = await submitJob(ctx.store, CLI_ACTOR, 'import', INPUT);
      let runs = 0;
      const handlers = handlersFor(async () => {
        runs += 1;
        await delay(50);
      });
      const [a, b] = await Promise.all([runJob(ctx.store, job.id, 'a', { handlers }), runJob(ctx.store, job.id, 'b', { handlers })]);
      expect(runs).toBe(1);
      expect([a.status, b.status].sort()).toEqual(['running', 'succeeded']);
    });

    it('answers not_found for an unknown job id', async () => {
      await expect(runJob(ctx.store, 'job_missing', 'w')).rejects.toMatchObject({ code: 'not_found' });
    });
  });
}
