import { beforeEach, describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../core/shared/currency.ts';
import type { PlainDate } from '../core/shared/plain-date.ts';
import { addAccountOwner, closeAccountOwner } from './account-repository.ts';
import { countAccounts, findAccountRow, hasOpportunityOwnedBy, openPipelineByAccount, queryAccounts, type AccountOrder, type AccountQuery } from './account-query.ts';
import type { Person } from './person-repository.ts';
import { TEST_ENGINES } from './testing/test-stores.ts';
import { useTestStore } from './testing/use-test-store.ts';

const d = (text: string): PlainDate => text as PlainDate;
const TODAY = d('2026-06-15');
const DAY_BEFORE_HANDOVER = d('2026-05-31');
const ALL: AccountQuery = { today: TODAY, ownerIdsInScope: null };
const byName: AccountOrder = { sort: 'name', order: 'asc' };

for (const engine of TEST_ENGINES) {
  describe(`account queries on ${engine}`, () => {
    const ctx = useTestStore(engine);
    let ann: Person;
    let bob: Person;
    beforeEach(async () => {
      await ctx.make.workspace();
      ann = await ctx.make.person({ name: 'Ann' });
      bob = await ctx.make.person({ name: 'Bob' });
    });

    const own = (accountId: string, ownerId: string, validFrom = '2026-01-01', validTo: string | null = null) =>
      addAccountOwner(ctx.store.db, { accountId, ownerId, validFrom: d(validFrom), validTo: validTo === null ? null : d(validTo) });
    const names = async (query: AccountQuery, order: AccountOrder = byName) => (await queryAccounts(ctx.store.db, query, order)).map((r) => r.name);

    it('gives each account the owner whose line holds on the day', async () => {
      const globex = await ctx.make.account({ name: 'Globex' });
      const line = await own(globex.id, ann.id, '2026-01-01');
      await closeAccountOwner(ctx.store.db, line.id, d('2026-06-01'));
      await own(globex.id, bob.id, '2026-06-01');
      expect(await findAccountRow(ctx.store.db, globex.id, DAY_BEFORE_HANDOVER)).toMatchObject({ ownerId: ann.id, ownerName: 'Ann' });
      expect(await findAccountRow(ctx.store.db, globex.id, TODAY)).toMatchObject({ ownerId: bob.id, ownerName: 'Bob' });
    });

    it('reaches an account owned in scope or holding an opportunity owned in scope, and counts only those', async () => {
      const owned = await ctx.make.account({ name: 'Owned by Ann' });
      await own(owned.id, ann.id);
      const dealOnly = await ctx.make.account({ name: 'Ann has a deal here' });
      await own(dealOnly.id, bob.id);
      await ctx.make.opportunity({ accountId: dealOnly.id, ownerId: ann.id });
      const other = await ctx.make.account({ name: 'Bob only' });
      await own(other.id, bob.id);
      await ctx.make.opportunity({ accountId: other.id, ownerId: bob.id });
      const scoped = { ...ALL, ownerIdsInScope: [ann.id] };
      expect(await names(scoped)).toEqual(['Ann has a deal here', 'Owned by Ann']);
      expect(await countAccounts(ctx.store.db, scoped)).toBe(2);
      expect(await countAccounts(ctx.store.db, { ...ALL, ownerIdsInScope: [] })).toBe(0);
    });

    it('does not reach an account its people owned before the day', async () => {
      const account = await ctx.make.account({ name: 'Handed over' });
      const line = await own(account.id, ann.id, '2026-01-01');
      await closeAccountOwner(ctx.store.db, line.id, d('2026-05-01'));
      await own(account.id, bob.id, '2026-05-01');
      expect(await names({ ...ALL, ownerIdsInScope: [ann.id] })).toEqual([]);
    });

    it('filters by search, current owner, industry and country ignoring case', async () => {
      const a = await ctx.make.account({ name: 'Acme Rockets', industry: 'Aerospace', country: 'US', externalId: '001XYZ' });
      await own(a.id, ann.id);
      const b = await ctx.make.account({ name: 'Blue Widgets', industry: 'Manufacturing', country: 'DE' });
      await own(b.id, bob.id);
      expect(await names({ ...ALL, search: 'ROCK' })).toEqual(['Acme Rockets']);
      expect(await names({ ...ALL, search: 'xyz' })).toEqual(['Acme Rockets']);
      expect(await names({ ...ALL, ownerId: bob.id })).toEqual(['Blue Widgets']);
      expect(await names({ ...ALL, industry: 'manufacturing' })).toEqual(['Blue Widgets']);
      expect(await names({ ...ALL, country: 'us' })).toEqual(['Acme Rockets']);
    });

    it('sorts by a column with empty values last in either direction, then by name', async () => {
      await ctx.make.account({ name: 'No segment' });
      await ctx.make.account({ name: 'b SMB', segment: 'SMB' });
      await ctx.make.account({ name: 'a SMB', segment: 'smb' });
      await ctx.make.account({ name: 'Enterprise', segment: 'Enterprise' });
      expect(await names(ALL, { sort: 'segment', order: 'asc' })).toEqual(['Enterprise', 'a SMB', 'b SMB', 'No segment']);
      expect(await names(ALL, { sort: 'segment', order: 'desc' })).toEqual(['a SMB', 'b SMB', 'Enterprise', 'No segment']);
    });

    it('pages through accounts without overlap', async () => {
      for (let i = 0; i < 5; i += 1) await ctx.make.account({ name: 'Same name' });
      const pages = [];
      for (let offset = 0; offset < 5; offset += 2) pages.push(...(await queryAccounts(ctx.store.db, ALL, byName, { offset, limit: 2 })));
      expect(new Set(pages.map((r) => r.id)).size).toBe(5);
    });

    it('sums open opportunities per account and currency, only those owned in scope', async () => {
      const account = await ctx.make.account();
      await ctx.make.opportunity({ accountId: account.id, ownerId: ann.id, amountMinor: 1_000 });
      await ctx.make.opportunity({ accountId: account.id, ownerId: ann.id, amountMinor: 2_500 });
      await ctx.make.opportunity({ accountId: account.id, ownerId: ann.id, amountMinor: null });
      await ctx.make.opportunity({ accountId: account.id, ownerId: ann.id, amountMinor: 700, currency: 'EUR' as CurrencyCode });
      await ctx.make.opportunity({ accountId: account.id, ownerId: ann.id, amountMinor: 9_999, stageName: 'Closed Won' });
      await ctx.make.opportunity({ accountId: account.id, ownerId: bob.id, amountMinor: 50_000 });
      expect(await openPipelineByAccount(ctx.store.db, { ownerIdsInScope: [ann.id], accountIds: [account.id] })).toEqual([
        { accountId: account.id, currency: 'EUR', amountMinor: 700, opportunities: 1 },
        { accountId: account.id, currency: 'USD', amountMinor: 3_500, opportunities: 3 },
      ]);
      const everyone = await openPipelineByAccount(ctx.store.db, { ownerIdsInScope: null });
      expect(everyone.find((p) => p.currency === 'USD')?.amountMinor).toBe(53_500);
    });

    it('tells whether an account holds an opportunity of given owners', async () => {
      const account = await ctx.make.account();
      await ctx.make.opportunity({ accountId: account.id, ownerId: bob.id });
      expect(await hasOpportunityOwnedBy(ctx.store.db, account.id, [bob.id])).toBe(true);
      expect(await hasOpportunityOwnedBy(ctx.store.db, account.id, [ann.id])).toBe(false);
      expect(await hasOpportunityOwnedBy(ctx.store.db, account.id, [])).toBe(false);
    });
  });
}
