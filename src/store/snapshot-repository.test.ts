import { describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../core/shared/currency.ts';
import type { PlainDate } from '../core/shared/plain-date.ts';
import { hasSnapshot, listSnapshotDates, readSnapshot, replaceSnapshot, type SnapshotRow } from './snapshot-repository.ts';
import { insertOpportunities } from './opportunity-repository.ts';
import { TEST_ENGINES } from './testing/test-stores.ts';
import { useTestStore } from './testing/use-test-store.ts';

const d = (text: string): PlainDate => text as PlainDate;

for (const engine of TEST_ENGINES) {
  describe(`snapshot repository on ${engine}`, () => {
    const ctx = useTestStore(engine);

    const rowOf = (opportunityId: string, overrides: Partial<SnapshotRow> = {}): SnapshotRow => ({
      opportunityId,
      ownerId: null,
      stageId: 'stg_x',
      amountMinor: 100,
      currency: 'USD' as CurrencyCode,
      closeDate: d('2026-03-31'),
      forecastCategory: 'pipeline',
      isClosed: false,
      isWon: false,
      ...overrides,
    });

    it('reads back the rows of a date with the opportunity names', async () => {
      const opportunity = await ctx.make.opportunity({ name: 'Big deal' });
      await replaceSnapshot(ctx.store.db, d('2026-02-02'), [rowOf(opportunity.id, { amountMinor: null })]);
      expect(await readSnapshot(ctx.store.db, d('2026-02-02'))).toEqual([{ ...rowOf(opportunity.id, { amountMinor: null }), name: 'Big deal' }]);
      expect(await readSnapshot(ctx.store.db, d('2026-02-09'))).toEqual([]);
    });

    it('replaces the rows of a date and leaves other dates alone', async () => {
      const [a, b] = [await ctx.make.opportunity(), await ctx.make.opportunity()];
      await replaceSnapshot(ctx.store.db, d('2026-02-02'), [rowOf(a.id), rowOf(b.id)]);
      await replaceSnapshot(ctx.store.db, d('2026-02-09'), [rowOf(a.id)]);
      await replaceSnapshot(ctx.store.db, d('2026-02-02'), [rowOf(b.id, { amountMinor: 7 })]);
      expect((await readSnapshot(ctx.store.db, d('2026-02-02'))).map((r) => [r.opportunityId, r.amountMinor])).toEqual([[b.id, 7]]);
      expect(await listSnapshotDates(ctx.store.db)).toEqual(['2026-02-02', '2026-02-09']);
      expect(await hasSnapshot(ctx.store.db, d('2026-02-09'))).toBe(true);
      expect(await hasSnapshot(ctx.store.db, d('2026-02-16'))).toBe(false);
    });

    it('filters by owner and openness', async () => {
      const owner = await ctx.make.person();
      const [a, b, c] = [await ctx.make.opportunity(), await ctx.make.opportunity(), await ctx.make.opportunity()];
      await replaceSnapshot(ctx.store.db, d('2026-02-02'), [rowOf(a.id, { ownerId: owner.id }), rowOf(b.id, { ownerId: owner.id, isClosed: true }), rowOf(c.id)]);
      expect((await readSnapshot(ctx.store.db, d('2026-02-02'), { ownerIds: [owner.id], openOnly: true })).map((r) => r.opportunityId)).toEqual([a.id]);
    });

    it('writes more rows than one statement can carry', async () => {
      const opportunity = await ctx.make.opportunity();
      const many = await insertOpportunities(ctx.store.db, Array.from({ length: 3_200 }, (_, i) => ({ ...opportunity, id: undefined, externalId: null, name: `Bulk ${i}` })));
      expect(await replaceSnapshot(ctx.store.db, d('2026-02-02'), many.map((o) => rowOf(o.id)))).toBe(3_200);
      expect(await readSnapshot(ctx.store.db, d('2026-02-02'))).toHaveLength(3_200);
    });
  });
}
