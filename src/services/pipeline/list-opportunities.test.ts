import ExcelJS from 'exceljs';
import { beforeEach, describe, expect, it } from 'vitest';
import { opportunityListQuery, type OpportunityListQuery } from '../../contracts/pipeline.ts';
import type { CurrencyCode } from '../../core/shared/currency.ts';
import { upsertCurrencyRates } from '../../store/currency-rate-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { actorOf, buildTestOrg, type TestOrg } from '../testing/access-fixtures.ts';
import { exportOpportunities, listOpportunities } from './list-opportunities.ts';

/** A query as the API hands it over: parsed by the contract, defaults filled in. */
const query = (input: Record<string, unknown> = {}): OpportunityListQuery => opportunityListQuery.parse(input);

for (const engine of TEST_ENGINES) {
  describe(`listOpportunities on ${engine}`, () => {
    const ctx = useTestStore(engine);
    let org: TestOrg;
    beforeEach(async () => {
      await ctx.make.workspace();
      org = await buildTestOrg(ctx.store, ctx.make);
    });

    const dealFor = (owner: { id: string } | null, name: string, fields: Record<string, unknown> = {}) =>
      ctx.make.opportunity({ name, ownerId: owner?.id ?? null, ...fields });

    it('lists only a rep’s own opportunities, and the total counts only those', async () => {
      await dealFor(org.rita, 'Rita 1');
      await dealFor(org.rita, 'Rita 2');
      await dealFor(org.raj, 'Raj 1');
      await dealFor(null, 'Unowned');
      const page = await listOpportunities(ctx.store, actorOf('rep', org.rita), query({ sort: 'name' }));
      expect(page.items.map((o) => o.name)).toEqual(['Rita 1', 'Rita 2']);
      expect(page.total).toBe(2);
    });

    it('shows a manager the subtree as of today, not someone who left it last month', async () => {
      await dealFor(org.alice, 'Alice own');
      await dealFor(org.rita, 'Rita deal');
      await dealFor(org.lena, 'Lena deal');
      await dealFor(org.sam, 'Sam deal');
      const alice = await listOpportunities(ctx.store, actorOf('manager', org.alice), query({ sort: 'name' }));
      const bruno = await listOpportunities(ctx.store, actorOf('manager', org.bruno), query({ sort: 'name' }));
      expect(alice.items.map((o) => o.name)).toEqual(['Alice own', 'Rita deal']);
      expect(bruno.items.map((o) => o.name)).toEqual(['Lena deal', 'Sam deal']);
      expect(alice.total).toBe(2);
    });

    it('shows ops every opportunity, unowned ones included', async () => {
      await dealFor(org.rita, 'Rita deal');
      await dealFor(org.sam, 'Sam deal');
      await dealFor(null, 'Unowned');
      const page = await listOpportunities(ctx.store, actorOf('ops'), query());
      expect(page.total).toBe(3);
    });

    it('returns items in the contract’s shape, with names and money', async () => {
      const account = await ctx.make.account({ name: 'Globex' });
      const opp = await dealFor(org.rita, 'Shaped', { accountId: account.id, amountMinor: 123_45, externalId: '006X' });
      const [item] = (await listOpportunities(ctx.store, actorOf('ops'), query())).items;
      expect(item).toEqual({
        id: opp.id, externalId: '006X', name: 'Shaped', account: { id: account.id, name: 'Globex' }, owner: { id: org.rita.id, name: 'Rita Rep' },
        stage: { id: opp.stageId, name: 'Prospecting' }, amount: { minor: 12_345, currency: 'USD' }, closeDate: '2026-06-30', createdDate: '2026-01-05',
        forecastCategory: 'pipeline', probabilityBps: opp.probabilityBps, isClosed: false, isWon: false,
      });
    });

    it('searches, filters and pages in a stable order with the total of all matches', async () => {
      for (let i = 0; i < 5; i += 1) await dealFor(org.rita, 'Same name', { closeDate: '2026-09-01' });
      await dealFor(org.rita, 'Won one', { stageName: 'Closed Won' });
      await dealFor(org.rita, 'Other');
      const ops = actorOf('ops');
      const seen: string[] = [];
      for (let page = 1; page <= 3; page += 1) {
        const result = await listOpportunities(ctx.store, ops, query({ q: 'same NAME', sort: 'closeDate', page, pageSize: 2 }));
        expect(result.total).toBe(5);
        seen.push(...result.items.map((o) => o.id));
      }
      expect(new Set(seen).size).toBe(5);
      expect((await listOpportunities(ctx.store, ops, query({ status: 'won' }))).items.map((o) => o.name)).toEqual(['Won one']);
    });

    it('sorts amounts by their worth in the corporate currency at today’s rates', async () => {
      await upsertCurrencyRates(ctx.store.db, [{ currency: 'JPY' as CurrencyCode, startDate: null, rate: '150' }]);
      await dealFor(org.rita, 'USD 100', { amountMinor: 10_000 });
      await dealFor(org.rita, 'JPY 12000 (80 USD)', { amountMinor: 12_000, currency: 'JPY' });
      await dealFor(org.rita, 'USD 90', { amountMinor: 9_000 });
      const page = await listOpportunities(ctx.store, actorOf('ops'), query({ sort: 'amount', order: 'desc' }));
      expect(page.items.map((o) => o.name)).toEqual(['USD 100', 'USD 90', 'JPY 12000 (80 USD)']);
    });

    it('refuses a close date filter that is not a real date', async () => {
      await expect(listOpportunities(ctx.store, actorOf('ops'), query({ closeFrom: '2026-02-30' }))).rejects.toMatchObject({ code: 'invalid_argument' });
    });
  });

  describe(`exportOpportunities on ${engine}`, () => {
    const ctx = useTestStore(engine);
    let org: TestOrg;
    beforeEach(async () => {
      org = await buildTestOrg(ctx.store, ctx.make);
    });

    it('writes a formula-safe CSV of the caller’s opportunities only, amounts as decimals', async () => {
      await ctx.make.workspace();
      await ctx.make.opportunity({ name: '=HYPERLINK("http://evil")', ownerId: org.rita.id, amountMinor: 123_456, currency: 'EUR' as CurrencyCode });
      await ctx.make.opportunity({ name: 'Not yours', ownerId: org.sam.id });
      const file = await exportOpportunities(ctx.store, actorOf('rep', org.rita), query(), 'csv');
      const text = file.body.toString('utf8');
      expect(file).toMatchObject({ fileName: 'opportunities.csv', contentType: 'text/csv; charset=utf-8' });
      expect(text).not.toContain('Not yours');
      const lines = text.replace(/^\uFEFF/, '').split('\r\n');
      expect(lines).toHaveLength(3);
      expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
      expect(lines[1]).toContain(',1234.56,EUR,');
    });

    it('names the sheet of a demo workspace’s workbook as demo data', async () => {
      await ctx.make.workspace({ isDemo: true });
      await ctx.make.opportunity({ name: 'Demo deal', ownerId: org.rita.id });
      const file = await exportOpportunities(ctx.store, actorOf('ops'), query(), 'xlsx');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('opportunities (demo data)');
      expect(file.fileName).toBe('opportunities-demo-data.xlsx');
      expect(sheet?.getRow(2).getCell(3).value).toBe('Demo deal');
    });
  });
}
