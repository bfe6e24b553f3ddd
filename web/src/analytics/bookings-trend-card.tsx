import { useMemo } from 'react';
import type { MetricResultView, MetricSliceValueView } from '../../../src/contracts/metrics.ts';
import { DataTable, type Column } from '../components/data-table.tsx';
import { formatMoney } from '../lib/format-money.ts';
import { exportLinksOf } from './analytics-api.ts';
import { useAnalytics, useMetricsApi } from './analytics-context.tsx';
import { priorYearQuery } from './analytics-filters.ts';
import { ChartCard } from './chart-card.tsx';
import { CHART_COLORS, categoryChartOption } from './chart-options.ts';
import { useDrillDown } from './drill-down.tsx';
import { EChart } from './echart.tsx';
import { plotValue } from './value-format.ts';

interface MonthRow {
  readonly current: MetricSliceValueView;
  readonly prior: MetricSliceValueView | undefined;
}

const BY_MONTH = { by: 'month' } as const;

/**
 * Bookings by fiscal month beside the same months a year earlier: two requests, the second for
 * the period the first one resolved, moved back a year. Months are paired by position.
 */
export function BookingsTrendCard() {
  const { query, fiscal } = useAnalytics();
  const drillDown = useDrillDown();
  const current = useMetricsApi<MetricResultView>('/api/metrics/bookings', BY_MONTH);
  const resolved = current.data?.filter;
  const priorQuery = useMemo(() => (query === null || resolved === undefined ? null : priorYearQuery(query, resolved, fiscal)), [query, resolved, fiscal]);
  const prior = useMetricsApi<MetricResultView>('/api/metrics/bookings', BY_MONTH, priorQuery);
  const currency = current.data?.filter.currency ?? '';

  const rows = useMemo<MonthRow[]>(() => (current.data?.slices ?? []).map((slice, index) => ({ current: slice, prior: prior.data?.slices[index] })), [current.data, prior.data]);
  const option = useMemo(
    () =>
      categoryChartOption({
        categories: rows.map((row) => row.current.label),
        series: [
          { name: 'This period', values: rows.map((row) => plotValue(row.current.value, 'money', currency)), displays: rows.map((row) => row.current.display), color: CHART_COLORS.primary },
          {
            name: 'A year earlier',
            type: 'line',
            values: rows.map((row) => plotValue(row.prior?.value ?? null, 'money', currency)),
            displays: rows.map((row) => (row.prior === undefined ? '—' : `${row.prior.display} (${row.prior.label})`)),
            color: '#e07b00',
          },
        ],
        unit: 'money',
        currency,
      }),
    [rows, currency],
  );

  function open(row: MonthRow, which: 'current' | 'prior'): void {
    const slice = which === 'current' ? row.current : row.prior;
    if (slice === undefined) return;
    const base = { title: `Bookings — ${slice.label}`, target: { metric: 'bookings', by: 'month', key: slice.key } };
    drillDown(which === 'prior' && priorQuery !== null ? { ...base, query: priorQuery } : base);
  }

  const columns: Column<MonthRow>[] = [
    { key: 'month', header: 'Month', render: (row) => row.current.label },
    {
      key: 'current',
      header: 'Bookings',
      align: 'end',
      render: (row) => (
        <button type="button" className="button-link figure-link" onClick={() => open(row, 'current')}>
          {row.current.display}
        </button>
      ),
    },
    {
      key: 'prior',
      header: 'A year earlier',
      align: 'end',
      render: (row) =>
        row.prior === undefined ? (
          '—'
        ) : (
          <button type="button" className="button-link figure-link" onClick={() => open(row, 'prior')} aria-label={`${row.prior.display} in ${row.prior.label}: show the deals`}>
            {row.prior.display}
          </button>
        ),
    },
    {
      key: 'change',
      header: 'Change',
      align: 'end',
      render: (row) => (row.current.value === null || row.prior === undefined || row.prior.value === null ? '—' : formatMoney({ minor: row.current.value - row.prior.value, currency })),
    },
  ];

  const bothLoaded = current.data !== undefined && prior.data !== undefined;
  const failed = current.status === 'error' ? current : prior.status === 'error' ? prior : null;
  return (
    <ChartCard
      title="Bookings by month against the prior year"
      description="Closed-won amounts by close month; the line is the same fiscal months a year earlier, as known on the as-of date."
      status={failed !== null ? 'error' : current.status === 'loading' || prior.status === 'loading' ? 'loading' : 'ready'}
      error={failed?.error}
      onRetry={failed?.reload}
      hasData={bothLoaded}
      isEmpty={bothLoaded && current.data.total.recordCount === 0 && prior.data.total.recordCount === 0}
      emptyMessage="No deals closed won in this period or the same period a year earlier."
      exports={
        query === null
          ? []
          : [
              { label: 'This period', links: exportLinksOf('/api/metrics/bookings', query, BY_MONTH) },
              ...(priorQuery === null ? [] : [{ label: 'A year earlier', links: exportLinksOf('/api/metrics/bookings', priorQuery, BY_MONTH) }]),
            ]
      }
      chart={() => (
        <EChart
          name="bookings-by-month"
          label={`Bookings by month for ${rows.length} months, bars for this period and a line for a year earlier`}
          option={option}
          onItemClick={({ dataIndex, seriesIndex }) => {
            const row = rows[dataIndex];
            if (row !== undefined) open(row, seriesIndex === 1 ? 'prior' : 'current');
          }}
        />
      )}
      table={() => <DataTable caption="Bookings by month against the prior year" columns={columns} rows={rows} rowKey={(row) => row.current.key} status="ready" emptyMessage="No months in this period." />}
    />
  );
}
