import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertOpportunityChanges, listOpportunityChanges } from './opportunity-history-repository.ts';
import { createFactories, type Factories } from './testing/factories.ts';
import { openTestStore, TEST_ENGINES, type TestStore } from './testing/test-stores.ts';

for (const engine of TEST_ENGINES) {
  describe(`opportunity history repository on ${engine}`, () => {
    let store: TestStore;
    let make: Factories;
    beforeEach(async () => {
      store = await openTestStore(engine);
      make = createFactories(store);
    });
    afterEach(async () => {
      await store.dispose();
    });

    it('skips a change already recorded for the same field and instant', async () => {
      const opportunity = await make.opportunity();
      const change = { opportunityId: opportunity.id, changedAt: '2026-02-01T10:00:00.000Z', field: 'amount' as const, oldValue: '1', newValue: '2' };
      expect(await insertOpportunityChanges(store.db, [change])).toBe(1);
      expect(await insertOpportunityChanges(store.db, [{ ...change, changedAt: '2026-02-01T10:00:00Z', newValue: '3' }, { ...change, field: 'owner' }])).toBe(1);
      expect((await listOpportunityChanges(store.db, opportunity.id)).map((c) => [c.field, c.newValue])).toEqual([
        ['amount', '2'],
        ['owner', '2'],
      ]);
    });

    it('lists the changes of several opportunities, each by instant', async () => {
      const [a, b] = [await make.opportunity(), await make.opportunity()];
      await insertOpportunityChanges(store.db, [
        { opportunityId: b.id, changedAt: '2026-03-01T00:00:00Z', field: 'stage', oldValue: 'x', newValue: 'y' },
        { opportunityId: a.id, changedAt: '2026-02-01T00:00:00Z', field: 'stage', oldValue: 'x', newValue: 'y' },
        { opportunityId: a.id, changedAt: '2026-01-01T00:00:00Z', field: 'stage', oldValue: null, newValue: 'x' },
      ]);
      const changes = await listOpportunityChanges(store.db, [b.id, a.id]);
      const ofA = changes.filter((c) => c.opportunityId === a.id).map((c) => c.changedAt);
      expect(ofA).toEqual(['2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z']);
      expect(changes).toHaveLength(3);
    });

    it('rejects a field that is not tracked', async () => {
      const opportunity = await make.opportunity();
      const change = { opportunityId: opportunity.id, changedAt: '2026-02-01T10:00:00Z', field: 'name', oldValue: 'a', newValue: 'b' };
      await expect(insertOpportunityChanges(store.db, [change as never])).rejects.toMatchObject({ code: 'constraint_violation' });
    });
  });
}
