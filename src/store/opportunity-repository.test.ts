import { describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../core/shared/currency.ts';
import type { PlainDate } from '../core/shared/plain-date.ts';
import { listOpportunityChanges } from './opportunity-history-repository.ts';
import { getOpportunity, insertLineItems, insertOpportunities, insertSplits, listOpportunities, updateOpportunity, type Opportunity } from './opportunity-repository.ts';
import { insertProduct } from './product-repository.ts';
import { TEST_ENGINES, type TestStore } from './testing/test-stores.ts';
import { useTestStore } from './testing/use-test-store.ts';

const USD = 'USD' as CurrencyCode;
const d = (text: string): PlainDate => text as PlainDate;

async function allPages(store: TestStore, limit: number, filter = {}): Promise<Opportunity[]> {
  const items: Opportunity[] = [];
  let afterId: string | null = null;
  do {
    const page = await listOpportunities(store.db, filter, { afterId, limit });
    items.push(...page.items);
    afterId = page.nextAfterId;
  } while (afterId !== null);
  return items;
}

for (const engine of TEST_ENGINES) {
  describe(`opportunity repository on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('reads back an opportunity with its line items and splits', async () => {
      const [owner, overlay] = [await ctx.make.person(), await ctx.make.person()];
      const opportunity = await ctx.make.opportunity({ ownerId: owner.id, amountMinor: 250_000_000, externalId: '006A' });
      const product = await insertProduct(ctx.store.db, { name: 'Platform' });
      await insertLineItems(ctx.store.db, [{ opportunityId: opportunity.id, productId: product.id, quantity: '2.5', unitPriceMinor: 100_000_000, totalMinor: 250_000_000, currency: USD }]);
      await insertSplits(ctx.store.db, [
        { opportunityId: opportunity.id, personId: owner.id, splitType: 'revenue', percentBps: 10_000 },
        { opportunityId: opportunity.id, personId: overlay.id, splitType: 'overlay', percentBps: 5_000 },
      ]);
      const detail = await getOpportunity(ctx.store.db, opportunity.id);
      expect(detail).toMatchObject({ ...opportunity, lineItems: [{ quantity: '2.5', totalMinor: 250_000_000 }] });
      expect(detail?.splits.map((s) => [s.splitType, s.percentBps])).toEqual([
        ['overlay', 5_000],
        ['revenue', 10_000],
      ]);
    });

    it('returns null for an opportunity that does not exist', async () => {
      expect(await getOpportunity(ctx.store.db, 'opp_missing')).toBeNull();
    });

    it('records each tracked field that an update changes', async () => {
      const negotiation = await ctx.make.stage('Negotiation/Review');
      const opportunity = await ctx.make.opportunity({ amountMinor: 100 }, { historyAt: '2026-01-05T09:00:00Z' });
      await updateOpportunity(ctx.store.db, opportunity.id, { stageId: negotiation.id, forecastCategory: 'commit', nextStep: 'Call' }, { historyAt: '2026-02-01T10:00:00Z' });
      const changes = await listOpportunityChanges(ctx.store.db, opportunity.id);
      expect(changes.filter((c) => c.changedAt === '2026-02-01T10:00:00.000Z').map((c) => [c.field, c.oldValue, c.newValue])).toEqual([
        ['forecast_category', 'pipeline', 'commit'],
        ['stage', opportunity.stageId, negotiation.id],
      ]);
      expect(changes.filter((c) => c.changedAt === '2026-01-05T09:00:00.000Z').map((c) => [c.field, c.oldValue, c.newValue])).toEqual([
        ['amount', null, '100'],
        ['close_date', null, '2026-06-30'],
        ['forecast_category', null, 'pipeline'],
        ['stage', null, opportunity.stageId],
      ]);
    });

    it('writes no history when an update is not asked to', async () => {
      const opportunity = await ctx.make.opportunity();
      const updated = await updateOpportunity(ctx.store.db, opportunity.id, { amountMinor: 5 });
      expect(updated.amountMinor).toBe(5);
      expect(await listOpportunityChanges(ctx.store.db, opportunity.id)).toEqual([]);
    });

    it('refuses to update an opportunity that does not exist', async () => {
      await expect(updateOpportunity(ctx.store.db, 'opp_missing', { amountMinor: 1 })).rejects.toMatchObject({ code: 'not_found' });
    });

    it('pages through every opportunity in id order without gaps or repeats', async () => {
      for (let i = 0; i < 7; i += 1) await ctx.make.opportunity();
      const paged = await allPages(ctx.store, 3);
      const all = (await listOpportunities(ctx.store.db)).items;
      expect(paged.map((o) => o.id)).toEqual(all.map((o) => o.id));
      expect(new Set(paged.map((o) => o.id)).size).toBe(7);
      expect([...paged.map((o) => o.id)].sort()).toEqual(paged.map((o) => o.id));
    });

    it('filters by owner, stage, close date range and openness', async () => {
      const [alice, bob] = [await ctx.make.person(), await ctx.make.person()];
      const won = await ctx.make.stage('Closed Won');
      const keep = await ctx.make.opportunity({ ownerId: alice.id, closeDate: d('2026-03-15') });
      await ctx.make.opportunity({ ownerId: alice.id, closeDate: d('2026-04-15') });
      await ctx.make.opportunity({ ownerId: bob.id, closeDate: d('2026-03-15') });
      const closed = await ctx.make.opportunity({ ownerId: alice.id, closeDate: d('2026-03-20'), stageId: won.id });
      const filter = { ownerIds: [alice.id], closeDateFrom: d('2026-03-01'), closeDateTo: d('2026-03-31') };
      expect((await listOpportunities(ctx.store.db, filter)).items.map((o) => o.id).sort()).toEqual([keep.id, closed.id].sort());
      expect((await listOpportunities(ctx.store.db, { ...filter, openOnly: true })).items.map((o) => o.id)).toEqual([keep.id]);
      expect((await listOpportunities(ctx.store.db, { stageIds: [won.id] })).items.map((o) => o.id)).toEqual([closed.id]);
      expect((await listOpportunities(ctx.store.db, { ownerIds: [] })).items).toEqual([]);
    });

    it('inserts a batch larger than one statement can carry', async () => {
      const process = (await ctx.make.opportunity()).processId;
      const stage = await ctx.make.stage('Prospecting');
      const inputs = Array.from({ length: 3_500 }, (_, i) => ({
        name: `Bulk ${i}`,
        processId: process,
        stageId: stage.id,
        currency: USD,
        closeDate: d('2026-06-30'),
        createdDate: d('2026-01-01'),
        forecastCategory: stage.forecastCategory,
        probabilityBps: stage.probabilityBps,
        isClosed: false,
        isWon: false,
      }));
      await insertOpportunities(ctx.store.db, inputs, { historyAt: '2026-01-01T00:00:00Z' });
      expect((await allPages(ctx.store, 10_000)).length).toBe(3_501);
    });
  });
}
