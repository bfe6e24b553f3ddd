import { beforeEach, describe, expect, it } from 'vitest';
import { accountListQuery, type AccountListQuery } from '../../contracts/pipeline.ts';
import type { CurrencyCode } from '../../core/shared/currency.ts';
import { addDays } from '../../core/shared/plain-date.ts';
import { addAccountOwner } from '../../store/account-repository.ts';
import { upsertCurrencyRates } from '../../store/currency-rate-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { actorOf, buildTestOrg, type TestOrg } from '../testing/access-fixtures.ts';
import { exportAccounts, listAccounts } from './list-accounts.ts';

const query = (input: Record<string, unknown> = {}): AccountListQuery => accountListQuery.parse(input);

for (const engine of TEST_ENGINES) {
  describe(`listAccounts on ${engine}`, () => {
    const ctx = useTestStore(engine);
    let org: TestOrg;
    beforeEach(async () => {
      await ctx.make.workspace();
      org = await buildTestOrg(ctx.store, ctx.make);
    });

    const accountOwnedBy = async (name: string, owner: { id: string }) => {
      const account = await ctx.make.account({ name });
      await addAccountOwner(ctx.store.db, { accountId: account.id, ownerId: owner.id, validFrom: addDays(org.today, -100) });
      return account;
    };

    it('sums only in-scope open opportunities into the open pipeline, converting currencies at today’s rates', async () => {
      // 0.8 EUR buys one USD: 100.00 EUR is 125.00 USD. A later dated rate does not apply yet.
      await upsertCurrencyRates(ctx.store.db, [
        { currency: 'EUR' as CurrencyCode, startDate: addDays(org.today, -10), rate: '0.8' },
        { currency: 'EUR' as CurrencyCode, startDate: addDays(org.today, 10), rate: '0.5' },
      ]);
      const account = await accountOwnedBy('Globex', org.rita);
      await ctx.make.opportunity({ accountId: account.id, ownerId: org.rita.id, amountMinor: 50_000 });
      await ctx.make.opportunity({ accountId: account.id, ownerId: org.rita.id, amountMinor: 10_000, currency: 'EUR' as CurrencyCode });
      await ctx.make.opportunity({ accountId: account.id, ownerId: org.rita.id, amountMinor: 99_999, stageName: 'Closed Won' });
      await ctx.make.opportunity({ accountId: account.id, ownerId: org.sam.id, amountMinor: 1_000_000 });
      const [rita] = (await listAccounts(ctx.store, actorOf('rep', org.rita), query())).items;
      const [ops] = (await listAccounts(ctx.store, actorOf('ops'), query())).items;
      expect(rita).toMatchObject({ name: 'Globex', owner: { id: org.rita.id, name: 'Rita Rep' }, openPipeline: { minor: 62_500, currency: 'USD' }, openOpportunities: 2 });
      expect(ops).toMatchObject({ openPipeline: { minor: 1_062_500, currency: 'USD' }, openOpportunities: 3 });
    });

    it('shows a manager the accounts the subtree owns or sells into, and counts only those', async () => {
      await accountOwnedBy('Owned by Rita', org.rita);
      const samsAccount = await accountOwnedBy('Owned by Sam, Raj sells', org.sam);
      await ctx.make.opportunity({ accountId: samsAccount.id, ownerId: org.raj.id });
      await accountOwnedBy('Owned by Lena', org.lena);
      const page = await listAccounts(ctx.store, actorOf('manager', org.alice), query());
      expect(page.items.map((a) => a.name)).toEqual(['Owned by Rita', 'Owned by Sam, Raj sells']);
      expect(page.total).toBe(2);
    });

    it('sorts by open pipeline across pages', async () => {
      for (const [name, minor] of [['Small', 100], ['Large', 9_000], ['Medium', 5_000], ['None', 0]] as const) {
        const account = await accountOwnedBy(name, org.rita);
        if (minor > 0) await ctx.make.opportunity({ accountId: account.id, ownerId: org.rita.id, amountMinor: minor });
      }
      const ops = actorOf('ops');
      const first = await listAccounts(ctx.store, ops, query({ sort: 'openPipeline', order: 'desc', pageSize: 2 }));
      const second = await listAccounts(ctx.store, ops, query({ sort: 'openPipeline', order: 'desc', pageSize: 2, page: 2 }));
      expect([...first.items, ...second.items].map((a) => a.name)).toEqual(['Large', 'Medium', 'Small', 'None']);
      expect(first.total).toBe(4);
    });

    it('exports the caller’s accounts as CSV with the open pipeline as a decimal', async () => {
      const account = await accountOwnedBy('+Plus Corp', org.rita);
      await ctx.make.opportunity({ accountId: account.id, ownerId: org.rita.id, amountMinor: 123_456 });
      await accountOwnedBy('Sam’s account', org.sam);
      const file = await exportAccounts(ctx.store, actorOf('rep', org.rita), query(), 'csv');
      const lines = file.body.toString('utf8').replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(`,'+Plus Corp,`);
      expect(lines[1]).toContain(',1234.56,USD,1');
    });
  });
}
