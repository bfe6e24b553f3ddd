import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricSliceId } from '../../contracts/metrics.ts';
import { addDays } from '../../core/shared/plain-date.ts';
import { openTestStore, TEST_ENGINES, type TestStore } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { CLI_ACTOR } from '../access/actor.ts';
import { todayUtc } from '../access/today.ts';
import { createDemoWorkspace } from '../demo/create-demo-workspace.ts';
import { AGGREGATED_METRICS, canAggregate } from './aggregate-metric.ts';
import { computeMetric, type ComputedMetric } from './compute-metric.ts';
import { recordCountOf, type Figure } from './metric-evaluators.ts';
import { resolveMetricRequest } from './metric-request.ts';

const TODAY = todayUtc();
const SLICES: readonly (MetricSliceId | undefined)[] = [undefined, 'owner', 'manager', 'stage', 'segment', 'region', 'month', 'quarter', 'type', 'lead_source', 'forecast_category', 'process'];

function shape(figure: Figure) {
  return { value: figure.value, numerator: figure.numerator ?? null, denominator: figure.denominator ?? null, records: recordCountOf(figure) };
}

function comparable(result: ComputedMetric) {
  return { total: shape(result.total), slices: result.slices.map((s) => ({ key: s.key, label: s.label, ...shape(s) })) };
}

for (const engine of TEST_ENGINES) {
  describe(`the database-summed figures on the demo workspace (${engine})`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await openTestStore(engine);
      await createDemoWorkspace(store, { seed: 13, today: TODAY, scale: 0.05 });
    }, 180_000);
    afterAll(async () => {
      await store.dispose();
    });

    it('are taken when nothing changed after the as-of date, and not for a past date', async () => {
      const today = await resolveMetricRequest(store, CLI_ACTOR, {});
      const past = await resolveMetricRequest(store, CLI_ACTOR, { asOf: addDays(TODAY, -60) });
      expect(await canAggregate(store, today, ['bookings'], 'owner')).toBe(true);
      expect(await canAggregate(store, past, ['bookings'], 'owner')).toBe(false);
      expect(await canAggregate(store, today, ['slippage_count'], null)).toBe(false);
    });

    for (const currency of ['USD', 'EUR']) {
      it(`equal the deal-by-deal figures for every aggregated metric and slice, in ${currency}`, async () => {
        const filter = { from: addDays(TODAY, -400), to: addDays(TODAY, 90), currency };
        for (const scope of [CLI_ACTOR]) {
          const request = await resolveMetricRequest(store, scope, filter);
          for (const metricId of AGGREGATED_METRICS) {
            for (const by of SLICES) {
              const fast = await computeMetric(store, request, metricId, by, 500_000_00);
              const exact = await computeMetric(store, request, metricId, by, 500_000_00, { withRecords: true });
              expect(fast.deals, 'the fast path reads no deal list').toHaveLength(0);
              expect(comparable(fast), `${metricId} by ${by ?? 'nothing'}`).toEqual(comparable(exact));
            }
          }
        }
      }, 300_000);
    }
  });
}

for (const engine of TEST_ENGINES) {
  describe(`the database-summed figures on odd amounts (${engine})`, () => {
    const ctx = useTestStore(engine);

    it('round each weighted deal half-up, away from zero, as the core does', async () => {
      await ctx.make.workspace();
      const owner = await ctx.make.person({ name: 'Odd Amounts' });
      // 123.45 × 33.33 % = 41.146…; 0.15 × 50 % = 0.075 → 0.08; −0.15 × 50 % = −0.075 → −0.08
      for (const [amountMinor, probabilityBps] of [[12_345, 3_333], [15, 5_000], [-15, 5_000], [99_999, 1]] as const) {
        await ctx.make.opportunity({ ownerId: owner.id, amountMinor, probabilityBps, closeDate: addDays(TODAY, 10), createdDate: addDays(TODAY, -5) });
      }
      const request = await resolveMetricRequest(ctx.store, CLI_ACTOR, { from: TODAY, to: addDays(TODAY, 30) });
      const fast = await computeMetric(ctx.store, request, 'weighted_pipeline', undefined);
      const exact = await computeMetric(ctx.store, request, 'weighted_pipeline', undefined, undefined, { withRecords: true });
      expect(fast.deals).toHaveLength(0);
      expect(fast.total.value).toBe(exact.total.value);
      // 4115 + 8 − 8 + 10
      expect(fast.total.value).toBe(4_125);
    });
  });
}
