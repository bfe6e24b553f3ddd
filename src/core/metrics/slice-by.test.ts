import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { NO_VALUE_KEY, sliceBy, type SliceDimension } from './slice-by.ts';
import { calculateBookings, calculateOpenPipeline, calculatePipelineCreated, calculateWeightedPipeline } from './bookings-and-pipeline.ts';
import { calculateWinRate } from './win-rate.ts';
import { calculateSlippage } from './slippage.ts';
import { opportunitiesArbitrary, opportunityOf, Q1_2026, Q1_DEALS } from './testing/metric-fixtures.ts';
import type { MetricOpportunity } from './metric-input.ts';

const DIMENSIONS: readonly SliceDimension[] = ['owner', 'type', 'lead_source', 'forecast_category', 'stage'];

/** Every additive figure of the catalogue, as one row of integers. */
function additiveFigures(deals: readonly MetricOpportunity[]): number[] {
  const winRate = calculateWinRate(deals, Q1_2026);
  const slippage = calculateSlippage(deals, Q1_2026);
  return [
    ...[calculateBookings, calculatePipelineCreated, calculateOpenPipeline, calculateWeightedPipeline].flatMap((calculate) => {
      const total = calculate(deals, Q1_2026);
      return [total.amountMinor, total.count, total.withoutAmountCount];
    }),
    winRate.wonCount, winRate.lostCount, winRate.wonAmountMinor, winRate.lostAmountMinor,
    slippage.count, slippage.amountMinor, slippage.pushes,
  ];
}

describe('sliceBy', () => {
  it('groups deals by owner, slices sorted by key', () => {
    // per_ann: a, c, e, g, h; per_bob: b, d, f.
    expect(sliceBy(Q1_DEALS, 'owner').map((s) => [s.key, s.opportunities.map((o) => o.id).join('')])).toEqual([
      ['per_ann', 'acegh'],
      ['per_bob', 'bdf'],
    ]);
  });

  it('puts deals without a value under the empty key', () => {
    const slices = sliceBy([opportunityOf({ id: 'x', type: null }), opportunityOf({ id: 'y', type: 'Renewal' })], 'type');
    expect(slices.map((s) => s.key)).toEqual([NO_VALUE_KEY, 'Renewal']);
  });

  it('groups by any key function', () => {
    // 1,000.00 or more: a, c, e; less or none: b, d, f, g, h.
    const bySize = sliceBy(Q1_DEALS, (o) => ((o.amountMinor ?? 0) >= 100_000 ? 'large' : 'small'));
    expect(bySize.map((s) => [s.key, s.opportunities.length])).toEqual([['large', 3], ['small', 5]]);
  });

  it('gives additive metrics over the slices that sum to the metric over the whole', () => {
    fc.assert(
      fc.property(opportunitiesArbitrary, fc.constantFrom(...DIMENSIONS), (list, dimension) => {
        const sliced = sliceBy(list, dimension).map((s) => additiveFigures(s.opportunities));
        const summed = additiveFigures(list).map((_, i) => sliced.reduce((sum, row) => sum + (row[i] ?? 0), 0));
        expect(summed).toEqual(additiveFigures(list));
      }),
    );
  });
});
