import { useMemo } from 'react';
import type { HistogramView } from '../../../src/contracts/metrics.ts';
import { DataTable, type Column } from '../components/data-table.tsx';
import { exportLinksOf } from './analytics-api.ts';
import { useAnalytics, useMetricsApi } from './analytics-context.tsx';
import { ChartCard } from './chart-card.tsx';
import { categoryChartOption } from './chart-options.ts';
import { useDrillDown } from './drill-down.tsx';
import { EChart } from './echart.tsx';
import { formatCount } from './value-format.ts';

type Bin = HistogramView['bins'][number];

/** "0–29 days": bins count deals with fromDays ≤ days < toDays. */
export function binLabel(bin: Bin): string {
  return `${bin.fromDays}–${bin.toDays - 1} days`;
}

/**
 * How long the period's won deals took from creation to close. The records API lists a
 * metric's deals, not a range of cycle lengths, so every bar opens the won deals behind the
 * sales cycle figure, longest-cycle bins included.
 */
export function CycleHistogramCard() {
  const { query } = useAnalytics();
  const drillDown = useDrillDown();
  const histogram = useMetricsApi<HistogramView>('/api/metrics/cycle-histogram');
  const bins = useMemo(() => histogram.data?.bins ?? [], [histogram.data]);
  const option = useMemo(
    () =>
      categoryChartOption({
        categories: bins.map(binLabel),
        series: [{ name: 'Won deals', values: bins.map((bin) => bin.count), displays: bins.map((bin) => `${formatCount(bin.count)} deals`) }],
        unit: 'count',
        currency: '',
      }),
    [bins],
  );
  const openWonDeals = () => drillDown({ title: 'Won deals behind the sales cycle', target: { metric: 'sales_cycle_median_days' } });

  const columns: Column<Bin>[] = [
    { key: 'days', header: 'Days from created to won', render: binLabel },
    { key: 'count', header: 'Won deals', align: 'end', render: (bin) => formatCount(bin.count) },
  ];

  return (
    <ChartCard
      title="Sales cycle histogram"
      description={
        <>
          Won deals closed in the period by days from creation to close.{' '}
          <button type="button" className="button-link figure-link" onClick={openWonDeals}>
            List the won deals
          </button>
        </>
      }
      status={histogram.status}
      error={histogram.error}
      onRetry={histogram.reload}
      hasData={histogram.data !== undefined}
      isEmpty={bins.length === 0}
      emptyMessage="No deals closed won in this period."
      exports={query === null ? [] : [{ links: exportLinksOf('/api/metrics/cycle-histogram', query) }]}
      chart={() => <EChart name="cycle-histogram" label={`Sales cycle histogram, ${bins.length} bins of won deals by days to close`} option={option} categoryAxis="x" onItemClick={openWonDeals} />}
      table={() => <DataTable caption="Sales cycle histogram" columns={columns} rows={bins} rowKey={(bin) => String(bin.fromDays)} status="ready" emptyMessage="No deals closed won in this period." />}
    />
  );
}
