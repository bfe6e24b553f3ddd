import { beforeEach, describe, expect, it } from 'vitest';
import { addDays, type PlainDate } from '../core/shared/plain-date.ts';
import { listAuditEvents } from '../store/audit-repository.ts';
import { updateOpportunity } from '../store/opportunity-repository.ts';
import { listSnapshotDates, readSnapshot } from '../store/snapshot-repository.ts';
import { TEST_ENGINES } from '../store/testing/test-stores.ts';
import { useTestStore } from '../store/testing/use-test-store.ts';
import { pipelineAsOf } from './pipeline-as-of.ts';
import { mondaysBetween, refreshSnapshots, snapshotRowsOf } from './refresh-snapshots.ts';

const d = (text: string): PlainDate => text as PlainDate;

describe('mondaysBetween', () => {
  it('lists the Mondays in the range, both ends inclusive', () => {
    expect(mondaysBetween(d('2026-02-02'), d('2026-02-16'))).toEqual(['2026-02-02', '2026-02-09', '2026-02-16']);
  });

  it('starts at the first Monday after a mid-week start', () => {
    expect(mondaysBetween(d('2026-02-04'), d('2026-02-10'))).toEqual(['2026-02-09']);
  });
});

for (const engine of TEST_ENGINES) {
  describe(`refreshSnapshots on ${engine}`, () => {
    const ctx = useTestStore(engine);
    beforeEach(async () => {
      const [alice, bob] = [await ctx.make.person(), await ctx.make.person()];
      const negotiation = await ctx.make.stage('Negotiation/Review');
      const won = await ctx.make.stage('Closed Won');
      const a = await ctx.make.opportunity({ ownerId: alice.id, createdDate: d('2026-01-05') }, { historyAt: '2026-01-05T10:00:00Z' });
      await updateOpportunity(ctx.store.db, a.id, { stageId: negotiation.id, forecastCategory: 'commit' }, { historyAt: '2026-01-20T10:00:00Z' });
      await updateOpportunity(ctx.store.db, a.id, { stageId: won.id, forecastCategory: 'closed', isClosed: true, isWon: true, amountMinor: 2_000_000 }, { historyAt: '2026-02-03T10:00:00Z' });
      const b = await ctx.make.opportunity({ ownerId: bob.id, createdDate: d('2026-01-14') }, { historyAt: '2026-01-14T10:00:00Z' });
      await updateOpportunity(ctx.store.db, b.id, { ownerId: alice.id, closeDate: d('2026-09-30') }, { historyAt: '2026-01-27T08:00:00Z' });
    });

    it('writes one snapshot per Monday in the range and counts its rows', async () => {
      const result = await refreshSnapshots(ctx.store, { from: d('2026-01-01'), to: d('2026-02-10') });
      expect(result.snapshots).toEqual([
        { date: '2026-01-05', rows: 1 },
        { date: '2026-01-12', rows: 1 },
        { date: '2026-01-19', rows: 2 },
        { date: '2026-01-26', rows: 2 },
        { date: '2026-02-02', rows: 2 },
        // Deal a was won on Tuesday Feb 3: still in the Feb 9 snapshot (closed that week), gone after.
        { date: '2026-02-09', rows: 2 },
      ]);
      expect(result.rows).toBe(10);
      expect(await listSnapshotDates(ctx.store.db)).toEqual(result.snapshots.map((s) => s.date));
    });

    it('stores for each Monday the open pipeline rebuilt from history, plus the deals closed that week', async () => {
      const mondays = mondaysBetween(d('2026-01-01'), d('2026-02-10'));
      const rebuilt = await Promise.all(mondays.map((m) => pipelineAsOf(ctx.store, m)));
      const weekBefore = await Promise.all(mondays.map((m) => pipelineAsOf(ctx.store, addDays(m, -7))));
      await refreshSnapshots(ctx.store, { from: d('2026-01-01'), to: d('2026-02-10') });
      for (const [index, monday] of mondays.entries()) {
        expect(await readSnapshot(ctx.store.db, monday)).toEqual(snapshotRowsOf(rebuilt[index] ?? [], weekBefore[index] ?? []));
        expect(await pipelineAsOf(ctx.store, monday, { openOnly: true })).toEqual(rebuilt[index]?.filter((r) => !r.isClosed));
      }
    });

    it('keeps a deal closed during the week and drops it the week after', async () => {
      await refreshSnapshots(ctx.store, { from: d('2026-02-02'), to: d('2026-02-16') });
      const wonIn = async (monday: string) => (await readSnapshot(ctx.store.db, d(monday))).filter((r) => r.isWon).length;
      expect([await wonIn('2026-02-02'), await wonIn('2026-02-09'), await wonIn('2026-02-16')]).toEqual([0, 1, 0]);
    });

    it('replaces a Monday’s rows when refreshed again after the data changed', async () => {
      expect((await refreshSnapshots(ctx.store, { from: d('2026-02-02'), to: d('2026-02-02') })).rows).toBe(2);
      const late = await ctx.make.opportunity({ createdDate: d('2026-02-01') });
      expect((await refreshSnapshots(ctx.store, { from: d('2026-02-02'), to: d('2026-02-02') })).rows).toBe(3);
      expect((await readSnapshot(ctx.store.db, d('2026-02-02'))).map((r) => r.opportunityId)).toContain(late.id);
    });

    it('writes nothing for a range without a Monday', async () => {
      expect(await refreshSnapshots(ctx.store, { from: d('2026-02-03'), to: d('2026-02-08') })).toEqual({ snapshots: [], rows: 0 });
      expect(await listSnapshotDates(ctx.store.db)).toEqual([]);
    });

    it('records the refresh in the audit log', async () => {
      await refreshSnapshots(ctx.store, { from: d('2026-02-02'), to: d('2026-02-09'), actor: 'scheduler' });
      const events = await listAuditEvents(ctx.store.db, { objectType: 'pipeline_snapshot' });
      expect(events.map((e) => [e.actor, e.action])).toEqual([['scheduler', 'refresh']]);
    });

    it('refuses a range that ends before it starts', async () => {
      await expect(refreshSnapshots(ctx.store, { from: d('2026-02-09'), to: d('2026-02-02') })).rejects.toMatchObject({ code: 'invalid_argument' });
    });
  });
}
