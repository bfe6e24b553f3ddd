import { beforeEach, describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../core/shared/currency.ts';
import { addDays, type PlainDate } from '../core/shared/plain-date.ts';
import { insertOpportunityChanges, type NewOpportunityChange } from '../store/opportunity-history-repository.ts';
import { insertOpportunities, updateOpportunity, type NewOpportunity, type Opportunity } from '../store/opportunity-repository.ts';
import type { Person } from '../store/person-repository.ts';
import { replaceSnapshot } from '../store/snapshot-repository.ts';
import { TEST_ENGINES } from '../store/testing/test-stores.ts';
import { useTestStore } from '../store/testing/use-test-store.ts';
import { pipelineAsOf } from './pipeline-as-of.ts';

const d = (text: string): PlainDate => text as PlainDate;

for (const engine of TEST_ENGINES) {
  describe(`pipelineAsOf on ${engine}`, () => {
    const ctx = useTestStore(engine);
    let alice: Person;
    let bob: Person;
    let deal: Opportunity;
    beforeEach(async () => {
      [alice, bob] = [await ctx.make.person({ name: 'Alice' }), await ctx.make.person({ name: 'Bob' })];
      // Created in Prospecting for 100.00 on Jan 5; to Negotiation Feb 10; 150.00 on Feb 20; to Bob Mar 1; won Mar 20.
      deal = await ctx.make.opportunity({ name: 'Deal', ownerId: alice.id, amountMinor: 10_000, createdDate: d('2026-01-05') }, { historyAt: '2026-01-05T09:00:00Z' });
      const [negotiation, won] = [await ctx.make.stage('Negotiation/Review'), await ctx.make.stage('Closed Won')];
      await updateOpportunity(ctx.store.db, deal.id, { stageId: negotiation.id, forecastCategory: 'commit', probabilityBps: 9_000 }, { historyAt: '2026-02-10T15:00:00Z' });
      await updateOpportunity(ctx.store.db, deal.id, { amountMinor: 15_000 }, { historyAt: '2026-02-20T15:00:00Z' });
      await updateOpportunity(ctx.store.db, deal.id, { ownerId: bob.id }, { historyAt: '2026-03-01T15:00:00Z' });
      deal = await updateOpportunity(ctx.store.db, deal.id, { stageId: won.id, forecastCategory: 'closed', isClosed: true, isWon: true }, { historyAt: '2026-03-20T15:00:00Z' });
    });

    it('rebuilds each opportunity as it stood at the end of the day', async () => {
      const negotiation = await ctx.make.stage('Negotiation/Review');
      expect(await pipelineAsOf(ctx.store, d('2026-02-15'))).toEqual([
        {
          opportunityId: deal.id,
          name: 'Deal',
          ownerId: alice.id,
          stageId: negotiation.id,
          amountMinor: 10_000,
          currency: 'USD',
          closeDate: '2026-06-30',
          forecastCategory: 'commit',
          isClosed: false,
          isWon: false,
        },
      ]);
    });

    it('counts a change made during the day as of that day', async () => {
      const [row] = await pipelineAsOf(ctx.store, d('2026-02-20'));
      expect(row?.amountMinor).toBe(15_000);
    });

    it('leaves out opportunities created after the day', async () => {
      await ctx.make.opportunity({ createdDate: d('2026-03-10') });
      expect((await pipelineAsOf(ctx.store, d('2026-03-09'))).map((r) => r.opportunityId)).toEqual([deal.id]);
      expect(await pipelineAsOf(ctx.store, d('2026-01-04'))).toEqual([]);
    });

    it('filters by the owner as of the day, not today’s', async () => {
      expect(await pipelineAsOf(ctx.store, d('2026-02-15'), { ownerIds: [bob.id] })).toEqual([]);
      expect((await pipelineAsOf(ctx.store, d('2026-02-15'), { ownerIds: [alice.id] })).map((r) => r.opportunityId)).toEqual([deal.id]);
    });

    it('keeps only the opportunities open on the day when asked', async () => {
      expect(await pipelineAsOf(ctx.store, d('2026-03-25'), { openOnly: true })).toEqual([]);
      expect(await pipelineAsOf(ctx.store, d('2026-03-19'), { openOnly: true })).toHaveLength(1);
    });

    it('derives the category from the stage as of the day when no category change was recorded', async () => {
      const won = await ctx.make.stage('Closed Won');
      const imported = await ctx.make.opportunity({ stageId: won.id, createdDate: d('2026-01-01') });
      await insertOpportunityChanges(ctx.store.db, [{ opportunityId: imported.id, changedAt: '2026-02-01T00:00:00Z', field: 'stage', oldValue: (await ctx.make.stage('Prospecting')).id, newValue: won.id }]);
      const row = (await pipelineAsOf(ctx.store, d('2026-01-15'))).find((r) => r.opportunityId === imported.id);
      expect(row).toMatchObject({ forecastCategory: 'pipeline', isClosed: false });
    });

    it('reads the weekly snapshot for the open pipeline of a date that has one', async () => {
      const stage = await ctx.make.stage('Prospecting');
      const snapshotRow = { opportunityId: deal.id, ownerId: bob.id, stageId: stage.id, amountMinor: 1, currency: 'USD' as CurrencyCode, closeDate: d('2026-12-31'), forecastCategory: 'pipeline' as const, isClosed: false, isWon: false };
      await replaceSnapshot(ctx.store.db, d('2026-02-16'), [snapshotRow]);
      expect(await pipelineAsOf(ctx.store, d('2026-02-16'), { openOnly: true })).toEqual([{ ...snapshotRow, name: 'Deal' }]);
      // The whole pipeline (closed deals included) is always rebuilt, as is any date without a snapshot.
      expect((await pipelineAsOf(ctx.store, d('2026-02-16')))[0]?.amountMinor).toBe(10_000);
      expect((await pipelineAsOf(ctx.store, d('2026-02-17'), { openOnly: true }))[0]?.amountMinor).toBe(10_000);
    });
  });

  describe(`pipelineAsOf at scale on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('rebuilds 20,000 opportunities with 100,000 history rows in a few seconds', { timeout: 180_000 }, async () => {
      const owners = [await ctx.make.person(), await ctx.make.person(), await ctx.make.person()];
      const template = await ctx.make.opportunity();
      const stages = [await ctx.make.stage('Prospecting'), await ctx.make.stage('Qualification'), await ctx.make.stage('Negotiation/Review')];
      const inputs: NewOpportunity[] = Array.from({ length: 20_000 }, (_, i) => ({
        name: `Deal ${i}`,
        processId: template.processId,
        stageId: stages[2]!.id,
        ownerId: owners[i % 3]!.id,
        amountMinor: 100_000 + i,
        currency: 'USD' as CurrencyCode,
        closeDate: addDays(d('2026-06-01'), i % 90),
        createdDate: addDays(d('2025-01-01'), i % 300),
        forecastCategory: 'commit',
        probabilityBps: 9_000,
        isClosed: false,
        isWon: false,
      }));
      const created = await insertOpportunities(ctx.store.db, inputs);
      const changes: NewOpportunityChange[] = created.flatMap((o, i) => {
        const base = Date.parse(`${o.createdDate}T12:00:00Z`);
        const at = (days: number): string => new Date(base + days * 86_400_000).toISOString();
        return [
          { opportunityId: o.id, changedAt: at(0), field: 'stage', oldValue: null, newValue: stages[0]!.id },
          { opportunityId: o.id, changedAt: at(10), field: 'stage', oldValue: stages[0]!.id, newValue: stages[1]!.id },
          { opportunityId: o.id, changedAt: at(20), field: 'stage', oldValue: stages[1]!.id, newValue: stages[2]!.id },
          { opportunityId: o.id, changedAt: at(15), field: 'amount', oldValue: String(50_000 + i), newValue: String(o.amountMinor) },
          { opportunityId: o.id, changedAt: at(25), field: 'owner', oldValue: owners[(i + 1) % 3]!.id, newValue: o.ownerId },
        ];
      });
      expect(await insertOpportunityChanges(ctx.store.db, changes)).toBe(100_000);

      const started = performance.now();
      const rows = await pipelineAsOf(ctx.store, d('2025-06-30'));
      const elapsedMs = performance.now() - started;
      expect(rows.length).toBe(20_000 - created.filter((o) => o.createdDate > '2025-06-30').length);
      expect(elapsedMs).toBeLessThan(5_000);
    });
  });
}
