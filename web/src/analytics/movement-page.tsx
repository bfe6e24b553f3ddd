import { useMemo, type ReactNode } from 'react';
import type { PipelineMovementView } from '../../../src/contracts/metrics.ts';
import { DataTable, type Column } from '../components/data-table.tsx';
import { ErrorState } from '../components/error-state.tsx';
import { Field } from '../components/field.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import { formatDate } from '../lib/format-date.ts';
import { formatMoney } from '../lib/format-money.ts';
import { useQueryState } from '../lib/use-query-state.ts';
import { exportLinksOf } from './analytics-api.ts';
import { useAnalytics, useMetricsApi } from './analytics-context.tsx';
import { ChartCard } from './chart-card.tsx';
import { waterfallOption } from './chart-options.ts';
import { useDrillDown, type DrillDownRequest } from './drill-down.tsx';
import { EChart } from './echart.tsx';
import { ExportButtons } from './export-links.tsx';
import { MOVEMENT_BUCKETS, waterfallSteps, type MovementDrill, type WaterfallStep } from './movement-waterfall.ts';

type MovementSlice = PipelineMovementView['slices'][number];

/** `start`: the movement's first date (empty: the API's default, a week before the as-of date); `movementBy`: the table's cut. */
const DEFAULTS = { start: '', movementBy: 'owner' } as const;

const SLICE_CHOICES = [
  { id: 'owner', label: 'Owner' },
  { id: 'team', label: 'Team' },
  { id: 'segment', label: 'Segment' },
] as const;

function signedMoney(minor: number, currency: string): string {
  const text = formatMoney({ minor, currency });
  return minor > 0 ? `+${text}` : text;
}

function stepText(step: WaterfallStep, currency: string): string {
  return step.kind === 'total' ? formatMoney({ minor: step.after, currency }) : signedMoney(step.delta, currency);
}

/**
 * How the period's pipeline got from the start date to the as-of date: a waterfall of what was
 * created, pulled in, restored, pushed out, changed, won, lost and removed, and the same by owner,
 * team or segment. Every step and cell lists its deals.
 */
export function MovementPage() {
  const { query } = useAnalytics();
  const drillDown = useDrillDown();
  const [state, update] = useQueryState(DEFAULTS);
  const extras = { start: state.start, by: state.movementBy };
  const movement = useMetricsApi<PipelineMovementView>('/api/metrics/movement', extras);
  const data = movement.data;
  const currency = data?.filter.currency ?? '';
  const steps = useMemo(() => (data === undefined ? [] : waterfallSteps(data.total)), [data]);
  const option = useMemo(() => waterfallOption(steps, steps.map((step) => stepText(step, currency)), currency), [steps, currency]);
  const sortedSlices = useMemo(() => [...(data?.slices ?? [])].sort((a, b) => a.label.localeCompare(b.label)), [data]);
  const exports = query === null ? null : exportLinksOf('/api/metrics/movement', query, extras);
  const sliceLabel = SLICE_CHOICES.find((choice) => choice.id === state.movementBy)?.label ?? state.movementBy;

  function open(bucket: MovementDrill, label: string, slice?: MovementSlice): void {
    if (data === undefined) return;
    const request: DrillDownRequest = {
      title: slice === undefined ? `Pipeline movement — ${label}` : `Pipeline movement — ${label}, ${slice.label}`,
      target: { metric: 'pipeline_movement', bucket, start: data.start, ...(slice === undefined ? {} : { by: state.movementBy, key: slice.key }) },
    };
    drillDown(request);
  }

  const stepColumns: Column<WaterfallStep>[] = [
    { key: 'step', header: 'Step', render: (step) => step.label },
    {
      key: 'amount',
      header: 'Amount',
      align: 'end',
      render: (step) => {
        const bucket = step.bucket;
        return bucket === null || step.delta === 0 ? (
          stepText(step, currency)
        ) : (
          <button type="button" className="button-link figure-link" onClick={() => open(bucket, step.label)}>
            {stepText(step, currency)}
          </button>
        );
      },
    },
  ];

  const bucketCell = (slice: MovementSlice, bucket: (typeof MOVEMENT_BUCKETS)[number]): ReactNode => {
    const amount = slice[bucket.id];
    if (amount === 0) return <span className="muted">{formatMoney({ minor: 0, currency })}</span>;
    return (
      <button type="button" className="button-link figure-link" onClick={() => open(bucket.id, bucket.label, slice)} aria-label={`${bucket.label} for ${slice.label}: ${formatMoney({ minor: amount, currency })}, show the deals`}>
        {formatMoney({ minor: amount, currency })}
      </button>
    );
  };
  const sliceColumns: Column<MovementSlice>[] = [
    { key: 'label', header: sliceLabel, render: (slice) => slice.label },
    { key: 'starting', header: 'Starting', align: 'end', render: (slice) => formatMoney({ minor: slice.starting, currency }) },
    ...MOVEMENT_BUCKETS.map((bucket) => ({ key: bucket.id, header: bucket.sign < 0 ? `${bucket.label} (−)` : bucket.label, align: 'end' as const, render: (slice: MovementSlice) => bucketCell(slice, bucket) })),
    { key: 'transferredIn', header: 'Transferred in', align: 'end', render: (slice) => formatMoney({ minor: slice.transferredIn, currency }) },
    { key: 'transferredOut', header: 'Transferred out (−)', align: 'end', render: (slice) => formatMoney({ minor: slice.transferredOut, currency }) },
    { key: 'ending', header: 'Ending', align: 'end', render: (slice) => formatMoney({ minor: slice.ending, currency }) },
  ];

  return (
    <div className="analytics-page">
      <div className="analytics-page-controls">
        <Field label="Movement since" hint={data === undefined ? 'A week before the as-of date unless picked.' : `From the end of ${formatDate(data.start)} to the end of ${formatDate(data.filter.asOf)}.`}>
          {(id, hintId) => (
            <input id={id} type="date" value={state.start === '' ? (data?.start ?? '') : state.start} max={data?.filter.asOf} aria-describedby={hintId} onChange={(event) => update({ start: event.target.value })} />
          )}
        </Field>
      </div>
      <ChartCard
        title="Pipeline movement"
        description="The pipeline closing in the period (open, not Omitted) at the start date, what moved it, and where it ended on the as-of date."
        status={movement.status}
        error={movement.error}
        onRetry={movement.reload}
        hasData={data !== undefined}
        isEmpty={data !== undefined && data.dealCount === 0}
        emptyMessage="No pipeline closing in this period existed or moved between these dates."
        exports={exports === null ? [] : [{ links: exports }]}
        chart={() => (
          <EChart
            name="movement-waterfall"
            label={`Pipeline movement waterfall: ${steps.map((step) => `${step.label} ${stepText(step, currency)}`).join(', ')}`}
            option={option}
            categoryAxis="x"
            onItemClick={({ dataIndex }) => {
              const step = steps[dataIndex];
              if (step !== undefined && step.bucket !== null && step.delta !== 0) open(step.bucket, step.label);
            }}
          />
        )}
        table={() => <DataTable caption="Pipeline movement steps" columns={stepColumns} rows={steps} rowKey={(step) => step.id} status="ready" emptyMessage="No movement." />}
      />
      <section className="chart-card" aria-label={`Pipeline movement by ${sliceLabel.toLowerCase()}`}>
        <header className="chart-card-header">
          <div>
            <h2>Movement by {sliceLabel.toLowerCase()}</h2>
            <p className="chart-card-description muted">A deal that changed hands moves at its starting amount from one row to the other (transfers), so each row reconciles.</p>
          </div>
          <div className="chart-card-tools">
            <Field label="By">
              {(id) => (
                <select id={id} value={state.movementBy} onChange={(event) => update({ movementBy: event.target.value })}>
                  {SLICE_CHOICES.map((choice) => (
                    <option key={choice.id} value={choice.id}>
                      {choice.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            {exports !== null && <ExportButtons links={exports} />}
          </div>
        </header>
        {movement.status === 'error' ? (
          <ErrorState error={movement.error} onRetry={movement.reload} />
        ) : data === undefined ? (
          <StatusMessage kind="loading">Loading…</StatusMessage>
        ) : (
          <DataTable
            caption={`Pipeline movement by ${sliceLabel.toLowerCase()}`}
            columns={sliceColumns}
            rows={sortedSlices}
            rowKey={(slice) => slice.key}
            status={movement.status}
            emptyMessage="No pipeline closing in this period existed or moved between these dates."
          />
        )}
      </section>
    </div>
  );
}
