import { beforeEach, describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../core/shared/currency.ts';
import type { PlainDate } from '../core/shared/plain-date.ts';
import { containsPattern, countOpportunities, findOpportunityRow, queryOpportunities, type OpportunityOrder, type OpportunityQuery } from './opportunity-query.ts';
import type { Person } from './person-repository.ts';
import { TEST_ENGINES } from './testing/test-stores.ts';
import { useTestStore } from './testing/use-test-store.ts';

const d = (text: string): PlainDate => text as PlainDate;
const ALL: OpportunityQuery = { ownerIdsInScope: null };
const byName: OpportunityOrder = { sort: 'name', order: 'asc' };

describe('containsPattern', () => {
  it('lower-cases the text and escapes the LIKE wildcards and the escape character', () => {
    expect(containsPattern('50%_Off\\Deal')).toBe('%50\\%\\_off\\\\deal%');
  });
});

for (const engine of TEST_ENGINES) {
  describe(`opportunity queries on ${engine}`, () => {
    const ctx = useTestStore(engine);
    let ann: Person;
    let bob: Person;
    beforeEach(async () => {
      await ctx.make.workspace();
      ann = await ctx.make.person({ name: 'Ann' });
      bob = await ctx.make.person({ name: 'bob' });
    });

    const names = async (query: OpportunityQuery, order: OpportunityOrder = byName, range?: { offset: number; limit: number }) =>
      (await queryOpportunities(ctx.store.db, query, order, range)).map((r) => r.name);

    it('returns only the opportunities of the owners in scope, and counts only those', async () => {
      await ctx.make.opportunity({ name: 'Ann 1', ownerId: ann.id });
      await ctx.make.opportunity({ name: 'Ann 2', ownerId: ann.id });
      await ctx.make.opportunity({ name: 'Bob 1', ownerId: bob.id });
      await ctx.make.opportunity({ name: 'Nobody' });
      const scoped = { ownerIdsInScope: [ann.id] };
      expect(await names(scoped)).toEqual(['Ann 1', 'Ann 2']);
      expect(await countOpportunities(ctx.store.db, scoped)).toBe(2);
      expect(await countOpportunities(ctx.store.db, ALL)).toBe(4);
    });

    it('matches nothing for an empty scope', async () => {
      await ctx.make.opportunity({ ownerId: ann.id });
      expect(await names({ ownerIdsInScope: [] })).toEqual([]);
      expect(await countOpportunities(ctx.store.db, { ownerIdsInScope: [] })).toBe(0);
    });

    it('searches the name, the account name and the external id ignoring case', async () => {
      const globex = await ctx.make.account({ name: 'GLOBEX Corp' });
      await ctx.make.opportunity({ name: 'Renewal', accountId: globex.id });
      await ctx.make.opportunity({ name: 'Globex expansion' });
      await ctx.make.opportunity({ name: 'Imported', externalId: '006GLOBEX01' });
      await ctx.make.opportunity({ name: 'Unrelated' });
      expect(await names({ ...ALL, search: 'globex' })).toEqual(['Globex expansion', 'Imported', 'Renewal']);
    });

    it('treats % and _ in a search as plain characters', async () => {
      await ctx.make.opportunity({ name: '50% off' });
      await ctx.make.opportunity({ name: '50 units' });
      await ctx.make.opportunity({ name: 'a_b' });
      await ctx.make.opportunity({ name: 'axb' });
      expect(await names({ ...ALL, search: '50%' })).toEqual(['50% off']);
      expect(await names({ ...ALL, search: 'a_b' })).toEqual(['a_b']);
    });

    it('filters by status: open, won, lost and closed', async () => {
      await ctx.make.opportunity({ name: 'Open' });
      await ctx.make.opportunity({ name: 'Won', stageName: 'Closed Won' });
      await ctx.make.opportunity({ name: 'Lost', stageName: 'Closed Lost' });
      expect(await names({ ...ALL, status: 'open' })).toEqual(['Open']);
      expect(await names({ ...ALL, status: 'won' })).toEqual(['Won']);
      expect(await names({ ...ALL, status: 'lost' })).toEqual(['Lost']);
      expect(await names({ ...ALL, status: 'closed' })).toEqual(['Lost', 'Won']);
      expect(await names({ ...ALL, status: 'all' })).toEqual(['Lost', 'Open', 'Won']);
    });

    it('filters by stage, owner, account, category and an inclusive close date range', async () => {
      const account = await ctx.make.account();
      const negotiation = await ctx.make.stage('Negotiation/Review');
      await ctx.make.opportunity({ name: 'A', ownerId: ann.id, accountId: account.id, closeDate: d('2026-03-01') });
      await ctx.make.opportunity({ name: 'B', ownerId: bob.id, stageId: negotiation.id, forecastCategory: 'commit', closeDate: d('2026-03-31') });
      await ctx.make.opportunity({ name: 'C', ownerId: bob.id, closeDate: d('2026-04-01') });
      expect(await names({ ...ALL, stageId: negotiation.id })).toEqual(['B']);
      expect(await names({ ...ALL, ownerId: bob.id })).toEqual(['B', 'C']);
      expect(await names({ ...ALL, accountId: account.id })).toEqual(['A']);
      expect(await names({ ...ALL, forecastCategory: 'commit' })).toEqual(['B']);
      expect(await names({ ...ALL, closeFrom: d('2026-03-01'), closeTo: d('2026-03-31') })).toEqual(['A', 'B']);
    });

    it('sorts names ignoring case, in either direction', async () => {
      for (const name of ['beta', 'Alpha', 'gamma']) await ctx.make.opportunity({ name });
      expect(await names(ALL)).toEqual(['Alpha', 'beta', 'gamma']);
      expect(await names(ALL, { sort: 'name', order: 'desc' })).toEqual(['gamma', 'beta', 'Alpha']);
    });

    it('puts opportunities without an owner or account last in both directions', async () => {
      const zed = await ctx.make.account({ name: 'Zed' });
      const acme = await ctx.make.account({ name: 'Acme' });
      await ctx.make.opportunity({ name: 'on Zed', accountId: zed.id, ownerId: ann.id });
      await ctx.make.opportunity({ name: 'on Acme', accountId: acme.id, ownerId: bob.id });
      await ctx.make.opportunity({ name: 'on nothing' });
      expect(await names(ALL, { sort: 'accountName', order: 'asc' })).toEqual(['on Acme', 'on Zed', 'on nothing']);
      expect(await names(ALL, { sort: 'accountName', order: 'desc' })).toEqual(['on Zed', 'on Acme', 'on nothing']);
      expect(await names(ALL, { sort: 'ownerName', order: 'desc' })).toEqual(['on Acme', 'on Zed', 'on nothing']);
    });

    it('sorts stages by their place in the process, not by name', async () => {
      await ctx.make.opportunity({ name: 'late', stageName: 'Negotiation/Review' });
      await ctx.make.opportunity({ name: 'early', stageName: 'Prospecting' });
      await ctx.make.opportunity({ name: 'middle', stageName: 'Needs Analysis' });
      expect(await names(ALL, { sort: 'stage', order: 'asc' })).toEqual(['early', 'middle', 'late']);
    });

    it('sorts forecast categories from least to most certain', async () => {
      await ctx.make.opportunity({ name: 'commit', forecastCategory: 'commit' });
      await ctx.make.opportunity({ name: 'pipeline', forecastCategory: 'pipeline' });
      await ctx.make.opportunity({ name: 'best case', forecastCategory: 'best_case' });
      expect(await names(ALL, { sort: 'forecastCategory', order: 'asc' })).toEqual(['pipeline', 'best case', 'commit']);
    });

    it('sorts amounts by their worth in the corporate currency when given factors, amounts it cannot convert last', async () => {
      await ctx.make.opportunity({ name: 'USD 100', amountMinor: 10_000, currency: 'USD' as CurrencyCode });
      await ctx.make.opportunity({ name: 'JPY 12000', amountMinor: 12_000, currency: 'JPY' as CurrencyCode });
      await ctx.make.opportunity({ name: 'EUR 95', amountMinor: 9_500, currency: 'EUR' as CurrencyCode });
      const noAmount = await ctx.make.opportunity({ name: 'no amount', amountMinor: null });
      const gbp = await ctx.make.opportunity({ name: 'GBP 1', amountMinor: 100, currency: 'GBP' as CurrencyCode });
      // 150 JPY and 0.9 EUR buy one USD: 12000 JPY = 80 USD, 95 EUR = 105.56 USD. No amount and
      // no factor for GBP tie at the end, in id order.
      const amountFactors = new Map([['USD', '1'], ['JPY', '0.6666666667'], ['EUR', '1.1111111111']]);
      const last = [noAmount, gbp].sort((a, b) => (a.id < b.id ? -1 : 1)).map((o) => o.name);
      expect(await names(ALL, { sort: 'amount', order: 'desc', amountFactors })).toEqual(['EUR 95', 'USD 100', 'JPY 12000', ...last]);
      expect(await names(ALL, { sort: 'amount', order: 'asc', amountFactors })).toEqual(['JPY 12000', 'USD 100', 'EUR 95', ...last]);
    });

    it('breaks ties by id so that consecutive pages neither overlap nor skip', async () => {
      const created = [];
      for (let i = 0; i < 7; i += 1) created.push(await ctx.make.opportunity({ name: i % 2 === 0 ? 'Same' : `Other ${i}`, closeDate: d('2026-05-01') }));
      const order: OpportunityOrder = { sort: 'closeDate', order: 'desc' };
      const pages = [];
      for (let offset = 0; offset < 7; offset += 3) pages.push(...(await queryOpportunities(ctx.store.db, ALL, order, { offset, limit: 3 })));
      expect(pages.map((r) => r.id)).toEqual(created.map((o) => o.id).sort());
    });

    it('reads one opportunity with its account, owner and stage names', async () => {
      const account = await ctx.make.account({ name: 'Initech' });
      const opp = await ctx.make.opportunity({ name: 'Deal', ownerId: ann.id, accountId: account.id, amountMinor: 4_200 });
      expect(await findOpportunityRow(ctx.store.db, opp.id)).toMatchObject({
        id: opp.id, name: 'Deal', accountName: 'Initech', ownerName: 'Ann', stageName: 'Prospecting', amountMinor: 4_200, isClosed: false,
      });
      expect(await findOpportunityRow(ctx.store.db, 'opp_missing')).toBeNull();
    });
  });
}
