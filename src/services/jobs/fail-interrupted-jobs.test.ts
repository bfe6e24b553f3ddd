import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../store/audit-repository.ts';
import { claimQueuedJob } from '../../store/job-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { CLI_ACTOR } from '../access/actor.ts';
import { failInterruptedJobs } from './fail-interrupted-jobs.ts';
import { getJob } from './get-job.ts';
import { submitJob } from './submit-job.ts';

const INPUT = { fileIds: ['file_1'], dryRun: false };
const NOW = new Date('2026-03-01T12:00:00.000Z');
const secondsBefore = (seconds: number): string => new Date(NOW.getTime() - seconds * 1000).toISOString();

for (const engine of TEST_ENGINES) {
  describe(`failInterruptedJobs on ${engine}`, () => {
    const ctx = useTestStore(engine);

    /** A job a worker took and whose last heartbeat was `seconds` before NOW, as a killed worker leaves it. */
    async function runningSince(seconds: number): Promise<string> {
      const job = await submitJob(ctx.store, CLI_ACTOR, 'import', INPUT);
      await claimQueuedJob(ctx.store.db, job.id, 'killed-worker', secondsBefore(seconds));
      return job.id;
    }

    it('marks a running job whose heartbeat is stale failed as interrupted, and leaves a fresh one running', async () => {
      const stale = await runningSince(90);
      const fresh = await runningSince(10);
      const queued = (await submitJob(ctx.store, CLI_ACTOR, 'import', INPUT)).id;
      expect(await failInterruptedJobs(ctx.store, { staleAfterMs: 60_000, now: NOW })).toBe(1);
      expect(await getJob(ctx.store, CLI_ACTOR, stale)).toMatchObject({
        status: 'failed',
        finishedAt: NOW.toISOString(),
        error: { code: 'interrupted', message: 'The process running this job stopped before it finished' },
      });
      expect((await getJob(ctx.store, CLI_ACTOR, fresh)).status).toBe('running');
      expect((await getJob(ctx.store, CLI_ACTOR, queued)).status).toBe('queued');
    });

    it('audits each interrupted job as finished by the system', async () => {
      const stale = await runningSince(120);
      await failInterruptedJobs(ctx.store, { staleAfterMs: 60_000, now: NOW });
      const [event] = await listAuditEvents(ctx.store.db, { objectId: stale, action: 'finish' });
      expect(event).toMatchObject({ actor: 'system', objectType: 'job', before: { status: 'running' }, after: { status: 'failed', error: { code: 'interrupted' } } });
    });

    it('with staleAfterMs 0 fails every job left running, as a SQLite process does at start', async () => {
      const justNow = await runningSince(0.001);
      expect(await failInterruptedJobs(ctx.store, { staleAfterMs: 0, now: NOW })).toBe(1);
      expect((await getJob(ctx.store, CLI_ACTOR, justNow)).status).toBe('failed');
    });
  });
}
