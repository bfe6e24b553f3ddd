import { useMemo, type ReactNode } from 'react';
import type { MetricResultView, MetricSliceId, MetricSliceValueView } from '../../../src/contracts/metrics.ts';
import { DataTable, type Column } from '../components/data-table.tsx';
import { exportLinksOf } from './analytics-api.ts';
import { useAnalytics, useMetricsApi } from './analytics-context.tsx';
import { ChartCard } from './chart-card.tsx';
import { categoryChartOption } from './chart-options.ts';
import { useDrillDown } from './drill-down.tsx';
import { EChart } from './echart.tsx';
import { FORECAST_CATEGORIES } from '../pipeline/labels.ts';
import { arrangeByKeys, arrangeStageSlices, stageInfoOf } from './slice-order.ts';
import { formatCount, plotValue } from './value-format.ts';

export interface MetricCardProps {
  /** The chart's name: `data-testid="chart-<name>"`. */
  readonly name: string;
  readonly metricId: string;
  readonly by: MetricSliceId;
  readonly title: string;
  readonly description?: ReactNode;
  /** Said instead of a chart when no deal stands behind the figure. */
  readonly emptyMessage: string;
  /** Bars lying down, for long names (owners, stages). */
  readonly horizontal?: boolean;
  /** Leaderboards: largest first, ranked, the chart showing the first `chartLimit`. */
  readonly ranked?: boolean;
  readonly chartLimit?: number;
  readonly controls?: ReactNode;
  /** The coverage target in minor units, for metrics that take one. */
  readonly target?: string;
}

/** Largest value first; undefined values last, then by label, so the order never jumps. */
function byValueDescending(a: MetricSliceValueView, b: MetricSliceValueView): number {
  return (b.value ?? Number.NEGATIVE_INFINITY) - (a.value ?? Number.NEGATIVE_INFINITY) || a.label.localeCompare(b.label);
}

/**
 * One metric cut by one dimension: a bar chart and its table, the total above, and every bar,
 * row and the total opening the deals behind it.
 */
export function MetricCard(props: MetricCardProps) {
  const { query, processes } = useAnalytics();
  const drillDown = useDrillDown();
  const extras = { by: props.by, target: props.target };
  const result = useMetricsApi<MetricResultView>(`/api/metrics/${encodeURIComponent(props.metricId)}`, extras);
  const data = result.data;

  const stages = useMemo(() => stageInfoOf(processes), [processes]);
  const slices = useMemo(() => {
    const all = data?.slices ?? [];
    if (props.ranked === true) return [...all].sort(byValueDescending);
    if (props.by === 'stage') return arrangeStageSlices(all, stages);
    if (props.by === 'forecast_category') return arrangeByKeys(all, FORECAST_CATEGORIES, ['closed']);
    return all;
  }, [data, props.ranked, props.by, stages]);
  const charted = useMemo(() => (props.chartLimit === undefined ? slices : slices.slice(0, props.chartLimit)), [slices, props.chartLimit]);

  const metricName = data?.metric.name ?? props.title;
  // A new option object redraws the chart: built only when the figures change.
  const option = useMemo(
    () =>
      data === undefined
        ? null
        : categoryChartOption({
            categories: charted.map((s) => s.label),
            series: [{ name: data.metric.name, values: charted.map((s) => plotValue(s.value, data.metric.unit, data.filter.currency)), displays: charted.map((s) => s.display) }],
            unit: data.metric.unit,
            currency: data.filter.currency,
            horizontal: props.horizontal === true,
          }),
    [data, charted, props.horizontal],
  );
  const openSlice = (slice: MetricSliceValueView) =>
    drillDown({ title: `${metricName} — ${slice.label}`, target: { metric: props.metricId, by: props.by, key: slice.key, target: props.target } });

  const columns: Column<MetricSliceValueView>[] = [
    ...(props.ranked === true ? [{ key: 'rank', header: '#', align: 'end' as const, render: (slice: MetricSliceValueView) => slices.indexOf(slice) + 1 }] : []),
    { key: 'label', header: 'Name', render: (slice) => slice.label },
    {
      key: 'value',
      header: metricName,
      align: 'end',
      render: (slice) => (
        <button type="button" className="button-link figure-link" onClick={() => openSlice(slice)} aria-label={`${slice.display}: show the ${slice.recordCount} deals behind ${metricName} for ${slice.label}`}>
          {slice.display}
        </button>
      ),
    },
    { key: 'records', header: 'Deals', align: 'end', render: (slice) => formatCount(slice.recordCount) },
  ];

  const total = data?.total;
  const description = (
    <>
      {props.description}
      {total !== undefined && (
        <>
          {props.description !== undefined && ' '}
          Total:{' '}
          <button type="button" className="button-link figure-link" onClick={() => drillDown({ title: metricName, target: { metric: props.metricId, target: props.target } })}>
            {total.display}
          </button>{' '}
          ({formatCount(total.recordCount)} deals).
        </>
      )}
    </>
  );

  return (
    <ChartCard
      title={props.title}
      description={description}
      controls={props.controls}
      status={result.status}
      error={result.error}
      onRetry={result.reload}
      hasData={data !== undefined}
      isEmpty={data !== undefined && data.total.recordCount === 0}
      emptyMessage={props.emptyMessage}
      exports={query === null ? [] : [{ links: exportLinksOf(`/api/metrics/${encodeURIComponent(props.metricId)}`, query, extras) }]}
      chart={() =>
        option !== null && (
          <EChart
            name={props.name}
            label={`${props.title}: ${metricName} by ${props.by.replace('_', ' ')}, ${charted.length} bars`}
            height={props.horizontal === true ? Math.max(200, 28 * charted.length + 40) : 320}
            option={option}
            categoryAxis={props.horizontal === true ? 'y' : 'x'}
            onItemClick={({ dataIndex }) => {
              const slice = charted[dataIndex];
              if (slice !== undefined) openSlice(slice);
            }}
          />
        )
      }
      table={() => <DataTable caption={`${props.title} as a table`} columns={columns} rows={slices} rowKey={(slice) => slice.key} status="ready" emptyMessage={props.emptyMessage} />}
    />
  );
}
