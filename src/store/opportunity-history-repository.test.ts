import { describe, expect, it } from 'vitest';
import { insertOpportunityChanges, listOpportunityChanges } from './opportunity-history-repository.ts';
import { TEST_ENGINES } from './testing/test-stores.ts';
import { useTestStore } from './testing/use-test-store.ts';

for (const engine of TEST_ENGINES) {
  describe(`opportunity history repository on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('skips a change already recorded for the same field and instant', async () => {
      const opportunity = await ctx.make.opportunity();
      const change = { opportunityId: opportunity.id, changedAt: '2026-02-01T10:00:00.000Z', field: 'amount' as const, oldValue: '1', newValue: '2' };
      expect(await insertOpportunityChanges(ctx.store.db, [change])).toBe(1);
      expect(await insertOpportunityChanges(ctx.store.db, [{ ...change, changedAt: '2026-02-01T10:00:00Z', newValue: '3' }, { ...change, field: 'owner' }])).toBe(1);
      expect((await listOpportunityChanges(ctx.store.db, opportunity.id)).map((c) => [c.field, c.newValue])).toEqual([
        ['amount', '2'],
        ['owner', '2'],
      ]);
    });

    it('lists the changes of several opportunities, each by instant', async () => {
      const [a, b] = [await ctx.make.opportunity(), await ctx.make.opportunity()];
      await insertOpportunityChanges(ctx.store.db, [
        { opportunityId: b.id, changedAt: '2026-03-01T00:00:00Z', field: 'stage', oldValue: 'x', newValue: 'y' },
        { opportunityId: a.id, changedAt: '2026-02-01T00:00:00Z', field: 'stage', oldValue: 'x', newValue: 'y' },
        { opportunityId: a.id, changedAt: '2026-01-01T00:00:00Z', field: 'stage', oldValue: null, newValue: 'x' },
      ]);
      const changes = await listOpportunityChanges(ctx.store.db, [b.id, a.id]);
      const ofA = changes.filter((c) => c.opportunityId === a.id).map((c) => c.changedAt);
      expect(ofA).toEqual(['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z']);
      expect(changes).toHaveLength(3);
    });

    it('rejects a field that is not tracked', async () => {
      const opportunity = await ctx.make.opportunity();
      const change = { opportunityId: opportunity.id, changedAt: '2026-02-01T10:00:00Z', field: 'name', oldValue: 'a', newValue: 'b' };
      await expect(insertOpportunityChanges(ctx.store.db, [change as never])).rejects.toMatchObject({ code: 'constraint_violation' });
    });
  });
}
