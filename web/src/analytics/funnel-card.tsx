import { useMemo } from 'react';
import type { StageFunnelView } from '../../../src/contracts/metrics.ts';
import { DataTable, type Column } from '../components/data-table.tsx';
import { MoneyText } from '../components/money-text.tsx';
import { exportLinksOf } from './analytics-api.ts';
import { useAnalytics, useMetricsApi } from './analytics-context.tsx';
import { ChartCard } from './chart-card.tsx';
import { funnelOption } from './chart-options.ts';
import { useDrillDown } from './drill-down.tsx';
import { EChart } from './echart.tsx';
import { stageInfoOf } from './slice-order.ts';
import { formatCount } from './value-format.ts';

type FunnelStage = StageFunnelView['stages'][number];

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });
const days = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

function daysText(value: number | null): string {
  return value === null ? '—' : `${days.format(value)} days`;
}

/**
 * The conversion funnel: deals created in the period reaching each stage, the share going on to
 * the next, the time spent in each, and the open pipeline sitting in each on the as-of date.
 */
export function FunnelCard() {
  const { query, processes } = useAnalytics();
  const drillDown = useDrillDown();
  const funnel = useMetricsApi<StageFunnelView>('/api/metrics/funnel');
  const stages = useMemo(() => funnel.data?.stages ?? [], [funnel.data]);
  // One funnel per process: with several, the chart draws the first and the table lists them all.
  const processIds = [...new Set(stages.map((stage) => stage.processId))];
  // Lost is where deals leave the funnel, not a step of it: the table keeps it, the chart does not.
  const stageInfo = useMemo(() => stageInfoOf(processes), [processes]);
  const charted = useMemo(() => {
    const isLost = (stage: FunnelStage) => {
      const info = stageInfo.get(stage.stageId);
      return info !== undefined && info.isClosed && !info.isWon;
    };
    return stages.filter((stage) => stage.processId === stages[0]?.processId && !isLost(stage));
  }, [stages, stageInfo]);
  const option = useMemo(() => funnelOption(charted, charted.map((stage) => `${formatCount(stage.reached)} deals`)), [charted]);
  const currency = funnel.data?.filter.currency ?? '';

  const openReached = (stage: FunnelStage) => drillDown({ title: `Deals reaching ${stage.name}`, target: { metric: 'stage_conversion', by: 'stage', key: stage.stageId } });
  const openPipeline = (stage: FunnelStage) => drillDown({ title: `Open pipeline in ${stage.name}`, target: { metric: 'open_pipeline', by: 'stage', key: stage.stageId } });

  const columns: Column<FunnelStage>[] = [
    { key: 'stage', header: 'Stage', render: (stage) => stage.name },
    {
      key: 'reached',
      header: 'Reached',
      align: 'end',
      render: (stage) => (
        <button type="button" className="button-link figure-link" onClick={() => openReached(stage)} aria-label={`${stage.reached} deals reached ${stage.name}: show them`}>
          {formatCount(stage.reached)}
        </button>
      ),
    },
    { key: 'conversion', header: 'To next stage', align: 'end', render: (stage) => (stage.conversionToNext === null ? '—' : percent.format(stage.conversionToNext)) },
    { key: 'median', header: 'Median time in stage', align: 'end', render: (stage) => daysText(stage.medianDaysInStage) },
    { key: 'mean', header: 'Mean time in stage', align: 'end', render: (stage) => daysText(stage.meanDaysInStage) },
    { key: 'openCount', header: 'Open deals', align: 'end', render: (stage) => formatCount(stage.openCount) },
    {
      key: 'openAmount',
      header: 'Open amount',
      align: 'end',
      render: (stage) =>
        stage.openCount === 0 ? (
          <MoneyText amount={{ minor: stage.openAmount, currency }} />
        ) : (
          <button type="button" className="button-link figure-link" onClick={() => openPipeline(stage)}>
            <MoneyText amount={{ minor: stage.openAmount, currency }} />
          </button>
        ),
    },
  ];

  return (
    <ChartCard
      title="Conversion funnel"
      description={
        processIds.length > 1
          ? 'Deals reaching each stage in the period. Several sales processes: the chart shows the first, the table all; pick a sales process above for one funnel.'
          : 'Deals reaching each stage in the period, and the share of them that went on to the next.'
      }
      status={funnel.status}
      error={funnel.error}
      onRetry={funnel.reload}
      hasData={funnel.data !== undefined}
      isEmpty={stages.every((stage) => stage.reached === 0 && stage.openCount === 0)}
      emptyMessage="No deals reached a stage in this period."
      exports={query === null ? [] : [{ links: exportLinksOf('/api/metrics/funnel', query) }]}
      chart={() => (
        <EChart
          name="funnel"
          label={`Conversion funnel of ${charted.length} stages: ${charted.map((stage) => `${stage.name} ${stage.reached}`).join(', ')}`}
          option={option}
          onItemClick={({ dataIndex }) => {
            const stage = charted[dataIndex];
            if (stage !== undefined) openReached(stage);
          }}
        />
      )}
      table={() => <DataTable caption="Conversion funnel by stage" columns={columns} rows={stages} rowKey={(stage) => stage.stageId} status="ready" emptyMessage="No stages." />}
    />
  );
}
