import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../store/audit-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { insertTestUser } from '../imports/testing/test-users.ts';
import { getJob, listJobs } from './get-job.ts';
import { submitJob } from './submit-job.ts';

const INPUT = { fileIds: ['file_1'], dryRun: false };

for (const engine of TEST_ENGINES) {
  describe(`getJob and listJobs on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('answers another user\'s job exactly as a missing one, and audits the attempt', async () => {
      const owner = await insertTestUser(ctx.store, 'ops');
      const job = await submitJob(ctx.store, owner, 'import', INPUT);
      const rep = await insertTestUser(ctx.store, 'rep');
      const other = await getJob(ctx.store, rep, job.id).catch((error: unknown) => error);
      const missing = await getJob(ctx.store, rep, 'job_missing').catch((error: unknown) => error);
      expect(other).toMatchObject({ code: 'not_found', message: `No job ${job.id}` });
      expect(missing).toMatchObject({ code: 'not_found', message: 'No job job_missing' });
      expect(await listAuditEvents(ctx.store.db, { actor: rep.userId, action: 'denied' })).toMatchObject([{ objectType: 'job', objectId: job.id }]);
    });

    it('shows a job to its creator and to admins and ops', async () => {
      const creator = await insertTestUser(ctx.store, 'ops');
      const job = await submitJob(ctx.store, creator, 'import', INPUT);
      for (const role of ['admin', 'ops'] as const) {
        expect((await getJob(ctx.store, await insertTestUser(ctx.store, role), job.id)).id).toBe(job.id);
      }
      expect(await getJob(ctx.store, creator, job.id)).toEqual(job);
    });

    it('lists one\'s own jobs newest first, and everyone\'s for an admin', async () => {
      const ana = await insertTestUser(ctx.store, 'ops');
      const bob = await insertTestUser(ctx.store, 'ops');
      // Apart in time: jobs created within the same millisecond have no defined order.
      const first = await submitJob(ctx.store, ana, 'import', INPUT);
      await delay(5);
      const other = await submitJob(ctx.store, bob, 'import', INPUT);
      await delay(5);
      const second = await submitJob(ctx.store, ana, 'import', INPUT);
      const finance = { ...ana, role: 'finance' as const };
      expect((await listJobs(ctx.store, finance)).map((j) => j.id)).toEqual([second.id, first.id]);
      const admin = await insertTestUser(ctx.store, 'admin');
      expect((await listJobs(ctx.store, admin)).map((j) => j.id)).toEqual([second.id, other.id, first.id]);
      expect((await listJobs(ctx.store, admin, { limit: 1 })).map((j) => j.id)).toEqual([second.id]);
    });

    it('refuses a list limit beyond 200', async () => {
      const admin = await insertTestUser(ctx.store, 'admin');
      await expect(listJobs(ctx.store, admin, { limit: 201 })).rejects.toMatchObject({ code: 'invalid_argument' });
    });

    it('refuses an import job from a role without import.run, and audits the refusal', async () => {
      const rep = await insertTestUser(ctx.store, 'rep');
      await expect(submitJob(ctx.store, rep, 'import', INPUT)).rejects.toMatchObject({ code: 'forbidden' });
      expect(await listAuditEvents(ctx.store.db, { actor: rep.userId, action: 'denied' })).toHaveLength(1);
      expect(await listJobs(ctx.store, await insertTestUser(ctx.store, 'admin'))).toEqual([]);
    });

    it('refuses an import job whose preset is a path on the server', async () => {
      const ops = await insertTestUser(ctx.store, 'ops');
      await expect(submitJob(ctx.store, ops, 'import', { ...INPUT, preset: '/etc/salesops/mapping.yaml' })).rejects.toMatchObject({ code: 'invalid_argument' });
    });
  });
}
