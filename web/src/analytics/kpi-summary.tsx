import { useId } from 'react';
import type { MetricsSummaryView } from '../../../src/contracts/metrics.ts';
import { ErrorState } from '../components/error-state.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import { formatDate } from '../lib/format-date.ts';
import { exportLinksOf } from './analytics-api.ts';
import { useAnalytics, useMetricsApi } from './analytics-context.tsx';
import { useDrillDown } from './drill-down.tsx';
import { ExportButtons } from './export-links.tsx';
import { KpiTile } from './kpi-tile.tsx';

/** The KPI tiles of the period beside the previous one; `target` (minor units) adds coverage. */
export function KpiSummary({ target }: { readonly target: string | undefined }) {
  const headingId = useId();
  const { query } = useAnalytics();
  const drillDown = useDrillDown();
  const extras = { target };
  const summary = useMetricsApi<MetricsSummaryView>('/api/metrics/summary', extras);
  const data = summary.data;

  return (
    <section className="kpi-section" aria-labelledby={headingId}>
      <header className="chart-card-header">
        <div>
          <h2 id={headingId}>Key figures</h2>
          {data !== undefined && (
            <p className="chart-card-description muted">
              {formatDate(data.filter.from)} – {formatDate(data.filter.to)} against {formatDate(data.previous.from)} – {formatDate(data.previous.to)} (read as of{' '}
              {formatDate(data.previous.asOf)}). Select a figure to list the deals behind it.
            </p>
          )}
        </div>
        <div className="chart-card-tools">
          {summary.status === 'loading' && data !== undefined && (
            <span className="muted" role="status">
              Updating…
            </span>
          )}
          {query !== null && <ExportButtons links={exportLinksOf('/api/metrics/summary', query, extras)} />}
        </div>
      </header>
      {summary.status === 'error' && <ErrorState error={summary.error} onRetry={summary.reload} />}
      {summary.status !== 'error' && data === undefined && <StatusMessage kind="loading">Loading…</StatusMessage>}
      {summary.status !== 'error' && data !== undefined && (
        <div className={summary.status === 'loading' ? 'kpi-grid is-stale' : 'kpi-grid'}>
          {data.tiles.map((tile) => (
            <KpiTile
              key={tile.metric.id}
              tile={tile}
              currency={data.filter.currency}
              onOpen={() => drillDown({ title: tile.metric.name, target: { metric: tile.metric.id, target } })}
            />
          ))}
        </div>
      )}
    </section>
  );
}
