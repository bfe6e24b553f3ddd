import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../store/testing/test-stores.ts';
import { useTestStore } from '../store/testing/use-test-store.ts';
import { CLI_ACTOR } from '../services/access/actor.ts';
import type { Job } from '../contracts/jobs.ts';
import type { JobHandlers } from '../services/jobs/job-handler.ts';
import { runJob } from '../services/jobs/run-job.ts';
import { submitJob } from '../services/jobs/submit-job.ts';
import { insertTestUser } from '../services/imports/testing/test-users.ts';
import { watchJob } from './watch-job.ts';

const INPUT = { fileIds: ['file_1'], dryRun: false };

for (const engine of TEST_ENGINES) {
  describe(`watchJob on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('reports the first state and each change, and resolves with the finished job', async () => {
      const job = await submitJob(ctx.store, CLI_ACTOR, 'import', INPUT);
      let release: () => void = () => undefined;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const handlers: JobHandlers = {
        import: {
          permission: 'import.run',
          parseInput: (input) => input,
          run: async ({ progress }) => {
            progress.report({ done: 1, total: 2, label: 'half' });
            await gate;
            return 'done';
          },
        },
      };
      const seen: Job[] = [];
      const watching = watchJob(ctx.store, CLI_ACTOR, job.id, (update) => {
        seen.push(update);
        if (update.progress.done === 1) release();
      }, { intervalMs: 10 });
      while (seen.length === 0) await delay(5);
      const ran = runJob(ctx.store, job.id, 'w', { handlers, progressIntervalMs: 0 });
      const finished = await watching;
      await ran;
      expect(finished).toMatchObject({ status: 'succeeded', result: 'done' });
      expect(seen[0]?.status).toBe('queued');
      expect(seen.at(-1)).toEqual(finished);
      expect(seen.filter((update) => update.status === 'running').map((update) => update.progress)).toContainEqual({ done: 1, total: 2, label: 'half' });
      // Each update differs from the one before it.
      expect(new Set(seen.map((update) => JSON.stringify(update))).size).toBe(seen.length);
    });

    it('stops when its signal aborts', async () => {
      const job = await submitJob(ctx.store, CLI_ACTOR, 'import', INPUT);
      const controller = new AbortController();
      const watching = watchJob(ctx.store, CLI_ACTOR, job.id, () => controller.abort(), { intervalMs: 10, signal: controller.signal });
      await expect(watching).rejects.toMatchObject({ name: 'AbortError' });
    });

    it('refuses to watch someone else\'s job as not found', async () => {
      const job = await submitJob(ctx.store, await insertTestUser(ctx.store, 'ops'), 'import', INPUT);
      const rep = await insertTestUser(ctx.store, 'rep');
      await expect(watchJob(ctx.store, rep, job.id, () => undefined)).rejects.toMatchObject({ code: 'not_found' });
    });
  });
}
