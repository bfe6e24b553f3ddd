import type { SalesProcess } from '../../../src/contracts/settings.ts';
import { DataTable, type Column } from '../components/data-table.tsx';
import { ErrorState } from '../components/error-state.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import { queryString } from '../lib/http-client.ts';
import { useApi } from '../lib/use-api.ts';
import { FORECAST_CATEGORY_LABELS, formatProbability } from '../pipeline/labels.ts';

type Stage = SalesProcess['stages'][number];

const STAGE_COLUMNS: readonly Column<Stage>[] = [
  { key: 'sortOrder', header: 'Order', align: 'end', render: (stage) => stage.sortOrder },
  { key: 'name', header: 'Stage', render: (stage) => stage.name },
  { key: 'probability', header: 'Probability', align: 'end', render: (stage) => formatProbability(stage.probabilityBps) },
  { key: 'forecastCategory', header: 'Forecast category', render: (stage) => FORECAST_CATEGORY_LABELS[stage.forecastCategory] },
  { key: 'closed', header: 'Closed', render: (stage) => (stage.isClosed ? 'Yes' : 'No') },
  { key: 'won', header: 'Won', render: (stage) => (stage.isWon ? 'Yes' : 'No') },
];

/** Each process's table exports that process's stages (the API exports every process without processId). */
const exportLink = (processId: string, format: 'csv' | 'xlsx') => `/api/settings/sales-processes/export${queryString({ format, processId })}`;

export function SalesProcessesTab() {
  const processes = useApi<{ processes: SalesProcess[] }>('/api/settings/sales-processes');
  if (processes.status === 'error') return <ErrorState error={processes.error} onRetry={processes.reload} />;
  if (processes.data === undefined) return <StatusMessage kind="loading">Loading…</StatusMessage>;
  if (processes.data.processes.length === 0) return <StatusMessage kind="empty">No sales processes yet. An import creates them.</StatusMessage>;
  return (
    <div className="stack">
      <p className="muted">Read-only here: processes and stages come from imports and the initial setup.</p>
      {processes.data.processes.map((process) => (
        <section key={process.id} aria-labelledby={`process-${process.id}`}>
          <h2 id={`process-${process.id}`}>
            {process.name} {process.isDefault && <span className="badge">Default</span>}
          </h2>
          <p className="muted">Kind: {process.kind}</p>
          <DataTable
            caption={`Stages of ${process.name}`}
            columns={STAGE_COLUMNS}
            rows={[...process.stages].sort((a, b) => a.sortOrder - b.sortOrder)}
            rowKey={(stage) => stage.id}
            status="ready"
            emptyMessage="This process has no stages."
            exportLinks={{ csv: exportLink(process.id, 'csv'), xlsx: exportLink(process.id, 'xlsx') }}
          />
        </section>
      ))}
    </div>
  );
}
