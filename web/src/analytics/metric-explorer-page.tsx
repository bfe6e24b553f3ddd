import type { MetricCatalogueView, MetricSliceId } from '../../../src/contracts/metrics.ts';
import { DetailsList } from '../components/details-list.tsx';
import { ErrorState } from '../components/error-state.tsx';
import { Field } from '../components/field.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import { useApi } from '../lib/use-api.ts';
import { useQueryState } from '../lib/use-query-state.ts';
import { MetricCard } from './metric-card.tsx';

const DEFAULTS = { metric: 'bookings', by: 'month' } as const;

const UNIT_LABELS = { money: 'Money (report currency)', count: 'Count', ratio: 'Ratio', days: 'Days', money_per_day: 'Money per day (report currency)' } as const;
const DIRECTION_LABELS = { higher_is_better: 'Higher is better', lower_is_better: 'Lower is better', neutral: 'Neither better nor worse' } as const;

/** Any metric of the catalogue cut by any of its dimensions, with its definition. */
export function MetricExplorerPage() {
  const [state, update] = useQueryState(DEFAULTS);
  const catalogue = useApi<MetricCatalogueView>('/api/metrics');

  if (catalogue.status === 'error') return <ErrorState error={catalogue.error} onRetry={catalogue.reload} />;
  if (catalogue.data === undefined) return <StatusMessage kind="loading">Loading…</StatusMessage>;
  const { metrics, slices } = catalogue.data;
  const metric = metrics.find((m) => m.id === state.metric) ?? metrics[0];
  if (metric === undefined) return <StatusMessage kind="empty">No metrics are defined.</StatusMessage>;
  const by: MetricSliceId | undefined = metric.slices.find((slice) => slice === state.by) ?? metric.slices[0];
  const sliceName = (id: string) => slices.find((slice) => slice.id === id)?.name ?? id;

  return (
    <div className="analytics-page">
      <div className="analytics-page-controls">
        <Field label="Metric">
          {(id) => (
            <select id={id} value={metric.id} onChange={(event) => update({ metric: event.target.value })}>
              {metrics.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="By">
          {(id) => (
            <select id={id} value={by ?? ''} onChange={(event) => update({ by: event.target.value })}>
              {metric.slices.map((slice) => (
                <option key={slice} value={slice}>
                  {sliceName(slice)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <section className="chart-card" aria-labelledby="metric-definition">
        <h2 id="metric-definition">{metric.name}</h2>
        <DetailsList
          rows={[
            ['Description', metric.description],
            ['Formula', <code key="formula">{metric.formula}</code>],
            ['Unit', UNIT_LABELS[metric.unit]],
            ['Direction', DIRECTION_LABELS[metric.direction]],
          ]}
        />
      </section>
      {by !== undefined && (
        <MetricCard
          key={`${metric.id}-${by}`}
          name="metric-explorer"
          metricId={metric.id}
          by={by}
          title={`${metric.name} by ${sliceName(by).toLowerCase()}`}
          emptyMessage="No deals stand behind this figure in this period."
          horizontal={!['month', 'quarter', 'year'].includes(by)}
        />
      )}
    </div>
  );
}
