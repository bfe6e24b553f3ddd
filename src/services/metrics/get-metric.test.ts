import { beforeEach, describe, expect, it } from 'vitest';
import { metricQuery, type MetricQuery } from '../../contracts/metrics.ts';
import type { CurrencyCode } from '../../core/shared/currency.ts';
import type { PlainDate } from '../../core/shared/plain-date.ts';
import { upsertCurrencyRates } from '../../store/currency-rate-repository.ts';
import { insertOpportunityChanges } from '../../store/opportunity-history-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { actorOf, buildTestOrg, type TestOrg } from '../testing/access-fixtures.ts';
import { getMetric } from './get-metric.ts';
import { listMetricRecords } from './list-metric-records.ts';
import { metricRecordsQuery } from '../../contracts/metrics.ts';

const Q2 = { from: '2026-04-01', to: '2026-06-30' };
const query = (input: Record<string, unknown> = {}): MetricQuery => metricQuery.parse({ ...Q2, asOf: '2026-06-30', ...input });
const USD = 'USD' as CurrencyCode;
const EUR = 'EUR' as CurrencyCode;

for (const engine of TEST_ENGINES) {
  describe(`getMetric on ${engine}`, () => {
    const ctx = useTestStore(engine);
    let org: TestOrg;
    beforeEach(async () => {
      await ctx.make.workspace();
      org = await buildTestOrg(ctx.store, ctx.make);
    });

    const won = (owner: { id: string }, amountMinor: number, closeDate: string, fields: Record<string, unknown> = {}) =>
      ctx.make.opportunity({ ownerId: owner.id, stageName: 'Closed Won', amountMinor, closeDate: closeDate as PlainDate, createdDate: '2026-02-01' as PlainDate, ...fields });
    const lost = (owner: { id: string }, amountMinor: number, closeDate: string) =>
      ctx.make.opportunity({ ownerId: owner.id, stageName: 'Closed Lost', amountMinor, closeDate: closeDate as PlainDate, createdDate: '2026-02-01' as PlainDate });
    const open = (owner: { id: string }, amountMinor: number, closeDate: string, fields: Record<string, unknown> = {}) =>
      ctx.make.opportunity({ ownerId: owner.id, amountMinor, closeDate: closeDate as PlainDate, createdDate: '2026-03-01' as PlainDate, ...fields });

    it('adds the bookings of deals won in the period and none outside it', async () => {
      await won(org.rita, 100_00, '2026-04-15');
      await won(org.raj, 250_50, '2026-06-30');
      await won(org.rita, 999_00, '2026-07-01');
      await lost(org.rita, 500_00, '2026-05-01');
      const result = await getMetric(ctx.store, actorOf('ops'), 'bookings', query());
      expect(result.total).toMatchObject({ value: 350_50, display: '$350.50', recordCount: 2 });
      expect(result.metric).toMatchObject({ id: 'bookings', unit: 'money', direction: 'higher_is_better' });
    });

    it('cuts bookings by owner, the slices summing to the total', async () => {
      await won(org.rita, 100_00, '2026-04-15');
      await won(org.rita, 50_00, '2026-05-15');
      await won(org.raj, 250_00, '2026-06-01');
      const result = await getMetric(ctx.store, actorOf('ops'), 'bookings', query({ by: 'owner' }));
      const byOwner = new Map(result.slices.map((s) => [s.key, [s.label, s.value]]));
      expect(byOwner).toEqual(new Map([[org.rita.id, [org.rita.name, 150_00]], [org.raj.id, [org.raj.name, 250_00]]]));
      expect(result.slices.map((s) => s.key)).toEqual([org.rita.id, org.raj.id].sort());
      expect(result.slices.reduce((s, x) => s + (x.value ?? 0), 0)).toBe(result.total.value);
    });

    it('gives every fiscal month of the period when cut by month, empty ones included', async () => {
      await won(org.rita, 100_00, '2026-04-15');
      await won(org.rita, 40_00, '2026-06-02');
      const result = await getMetric(ctx.store, actorOf('ops'), 'bookings', query({ by: 'month' }));
      expect(result.slices.map((s) => [s.key, s.value])).toEqual([['2026-04-01', 100_00], ['2026-05-01', 0], ['2026-06-01', 40_00]]);
    });

    it('computes the win rate by count and by value from the deals closed in the period', async () => {
      await won(org.rita, 300_00, '2026-04-15');
      await lost(org.rita, 100_00, '2026-05-01');
      await lost(org.raj, 100_00, '2026-05-02');
      const byCount = await getMetric(ctx.store, actorOf('ops'), 'win_rate_count', query());
      const byValue = await getMetric(ctx.store, actorOf('ops'), 'win_rate_value', query());
      expect(byCount.total).toMatchObject({ numerator: 1, denominator: 3, display: '33.3 %' });
      expect(byValue.total).toMatchObject({ value: 0.6, numerator: 300_00, denominator: 500_00 });
    });

    it('shows a rep only their own numbers', async () => {
      await won(org.rita, 100_00, '2026-04-15');
      await won(org.raj, 250_00, '2026-05-15');
      const result = await getMetric(ctx.store, actorOf('rep', org.rita), 'bookings', query({ by: 'owner' }));
      expect(result.total.value).toBe(100_00);
      expect(result.slices.map((s) => s.key)).toEqual([org.rita.id]);
    });

    it('shows a manager the numbers of their subtree only', async () => {
      await won(org.rita, 100_00, '2026-04-15');
      await won(org.raj, 20_00, '2026-04-16');
      await won(org.sam, 250_00, '2026-05-15');
      const alice = await getMetric(ctx.store, actorOf('manager', org.alice), 'bookings', query());
      const bruno = await getMetric(ctx.store, actorOf('manager', org.bruno), 'bookings', query());
      expect(alice.total.value).toBe(120_00);
      expect(bruno.total.value).toBe(250_00);
    });

    it('converts each deal at the rate in force on its close date', async () => {
      await upsertCurrencyRates(ctx.store.db, [
        { currency: EUR, startDate: '2026-01-01' as PlainDate, rate: '0.8' },
        { currency: EUR, startDate: '2026-05-01' as PlainDate, rate: '0.9' },
      ]);
      await won(org.rita, 80_00, '2026-04-15', { currency: EUR });
      await won(org.rita, 90_00, '2026-05-15', { currency: EUR });
      await won(org.rita, 10_00, '2026-05-15', { currency: USD });
      const result = await getMetric(ctx.store, actorOf('ops'), 'bookings', query());
      // 80 / 0.8 + 90 / 0.9 + 10 = 210 USD
      expect(result.total.value).toBe(210_00);
      const inEur = await getMetric(ctx.store, actorOf('ops'), 'bookings', query({ currency: 'EUR' }));
      // 80 + 90 + 10 × 0.9 = 179 EUR
      expect(inEur.total).toMatchObject({ value: 179_00, display: '€179.00' });
    });

    it('reads a past as-of date from history: the amount and close date a deal had then', async () => {
      const deal = await open(org.rita, 500_00, '2026-07-15');
      // On 2026-05-10 the deal was moved out of Q2 and raised from 300 to 500.
      await insertOpportunityChanges(ctx.store.db, [
        { opportunityId: deal.id, changedAt: '2026-05-10T12:00:00.000Z', field: 'close_date', oldValue: '2026-06-20', newValue: '2026-07-15' },
        { opportunityId: deal.id, changedAt: '2026-05-10T12:00:00.000Z', field: 'amount', oldValue: '30000', newValue: '50000' },
      ]);
      const before = await getMetric(ctx.store, actorOf('ops'), 'open_pipeline', query({ asOf: '2026-05-01' }));
      const after = await getMetric(ctx.store, actorOf('ops'), 'open_pipeline', query({ asOf: '2026-05-11' }));
      expect(before.total.value).toBe(300_00);
      expect(after.total.value).toBe(0);
    });

    it('does not count a deal created after the as-of date', async () => {
      await open(org.rita, 500_00, '2026-06-15', { createdDate: '2026-05-20' });
      const result = await getMetric(ctx.store, actorOf('ops'), 'open_pipeline', query({ asOf: '2026-05-01' }));
      expect(result.total.value).toBe(0);
    });

    it('lists the records behind a slice, adding up to its value', async () => {
      await won(org.rita, 100_00, '2026-04-15');
      await won(org.rita, 50_00, '2026-05-15');
      await won(org.raj, 250_00, '2026-06-01');
      const page = await listMetricRecords(ctx.store, actorOf('ops'), metricRecordsQuery.parse({ ...Q2, asOf: '2026-06-30', metric: 'bookings', by: 'owner', key: org.rita.id }));
      expect(page.total).toBe(2);
      expect(page.items.reduce((s, i) => s + (i.reportAmountMinor ?? 0), 0)).toBe(150_00);
    });

    it('refuses a metric that does not exist, naming the list', async () => {
      await expect(getMetric(ctx.store, actorOf('ops'), 'happiness', query())).rejects.toMatchObject({ code: 'not_found' });
    });
  });
}
