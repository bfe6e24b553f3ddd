import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../store/testing/test-stores.ts';
import { useTestStore } from '../store/testing/use-test-store.ts';
import { CLI_ACTOR } from '../services/access/actor.ts';
import { getJob } from '../services/jobs/get-job.ts';
import type { JobContext, JobHandlers } from '../services/jobs/job-handler.ts';
import { submitJob } from '../services/jobs/submit-job.ts';
import { createInProcessQueue } from './in-process-queue.ts';
import { watchJob } from './watch-job.ts';

const INPUT = { fileIds: ['file_1'], dryRun: false };

function handlersFor(run: (context: JobContext) => Promise<unknown>): JobHandlers {
  return { import: { permission: 'import.run', parseInput: (input) => input, run } };
}

const quiet = (): void => undefined;

for (const engine of TEST_ENGINES) {
  describe(`in-process queue on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('runs a submitted job and records its result', async () => {
      const queue = createInProcessQueue(ctx.store, { log: quiet, runOptions: { handlers: handlersFor(() => Promise.resolve({ imported: 3 })) } });
      await queue.start();
      const job = await submitJob(ctx.store, CLI_ACTOR, 'import', INPUT);
      await queue.enqueue(job.id);
      const done = await watchJob(ctx.store, CLI_ACTOR, job.id, quiet, { intervalMs: 20 });
      expect(done).toMatchObject({ status: 'succeeded', result: { imported: 3 } });
      await queue.stop();
    });

    it('runs jobs one at a time, in the order they were enqueued', async () => {
      const order: string[] = [];
      let running = 0;
      let most = 0;
      const handlers = handlersFor(async ({ jobId }) => {
        running += 1;
        most = Math.max(most, running);
        await delay(20);
        order.push(jobId);
        running -= 1;
      });
      const queue = createInProcessQueue(ctx.store, { log: quiet, runOptions: { handlers } });
      await queue.start();
      const jobs = [await submitJob(ctx.store, CLI_ACTOR, 'import', INPUT), await submitJob(ctx.store, CLI_ACTOR, 'import', INPUT)];
      for (const job of jobs) await queue.enqueue(job.id);
      await watchJob(ctx.store, CLI_ACTOR, jobs[1]!.id, quiet, { intervalMs: 20 });
      expect(order).toEqual(jobs.map((job) => job.id));
      expect(most).toBe(1);
      await queue.stop();
    });

    it('at start fails the job a crashed process left running and runs the jobs still queued', async () => {
      const crashed = await submitJob(ctx.store, CLI_ACTOR, 'import', INPUT);
      // As a killed process leaves it: running, its last heartbeat two minutes old.
      const twoMinutesAgo = new Date(Date.now() - 120_000).toISOString();
      await ctx.store.db.updateTable('job').set({ status: 'running', worker: 'dead', started_at: twoMinutesAgo, heartbeat_at: twoMinutesAgo }).where('id', '=', crashed.id).execute();
      const waiting = await submitJob(ctx.store, CLI_ACTOR, 'import', INPUT);
      const lines: string[] = [];
      const queue = createInProcessQueue(ctx.store, { log: (line) => lines.push(line), runOptions: { handlers: handlersFor(() => Promise.resolve('ok')) } });
      await queue.start();
      expect(await getJob(ctx.store, CLI_ACTOR, crashed.id)).toMatchObject({ status: 'failed', error: { code: 'interrupted' } });
      expect(await watchJob(ctx.store, CLI_ACTOR, waiting.id, quiet, { intervalMs: 20 })).toMatchObject({ status: 'succeeded', result: 'ok' });
      expect(lines[0]).toBe('1 job left running by a stopped process marked failed');
      await queue.stop();
    });

    it('holds jobs enqueued before start until it starts', async () => {
      const queue = createInProcessQueue(ctx.store, { log: quiet, runOptions: { handlers: handlersFor(() => Promise.resolve(null)) } });
      const job = await submitJob(ctx.store, CLI_ACTOR, 'import', INPUT);
      await queue.enqueue(job.id);
      await delay(50);
      expect((await getJob(ctx.store, CLI_ACTOR, job.id)).status).toBe('queued');
      await queue.start();
      expect((await watchJob(ctx.store, CLI_ACTOR, job.id, quiet, { intervalMs: 20 })).status).toBe('succeeded');
      await queue.stop();
    });

    it('stop waits for the running job to finish and leaves the waiting ones queued', async () => {
      let started = false;
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const handlers = handlersFor(async () => {
        started = true;
        await gate;
      });
      const queue = createInProcessQueue(ctx.store, { log: quiet, runOptions: { handlers } });
      await queue.start();
      const first = await submitJob(ctx.store, CLI_ACTOR, 'import', INPUT);
      const second = await submitJob(ctx.store, CLI_ACTOR, 'import', INPUT);
      await queue.enqueue(first.id);
      await queue.enqueue(second.id);
      while (!started) await delay(10);
      const stopped = queue.stop();
      release();
      await stopped;
      expect((await getJob(ctx.store, CLI_ACTOR, first.id)).status).toBe('succeeded');
      expect((await getJob(ctx.store, CLI_ACTOR, second.id)).status).toBe('queued');
    });
  });
}
