import { useId, useState, type ReactNode } from 'react';
import type { ExportLinks } from '../components/data-table.tsx';
import { ErrorState } from '../components/error-state.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import type { LoadStatus } from '../lib/use-api.ts';
import { useCanvasAvailable } from './echart.tsx';
import { ExportButtons } from './export-links.tsx';

export interface ChartCardProps {
  readonly title: string;
  /** A line under the title: what is counted, and how. */
  readonly description?: ReactNode;
  /** Controls of this card only (a "by" picker). */
  readonly controls?: ReactNode;
  readonly status: LoadStatus;
  readonly error?: unknown;
  readonly onRetry?: () => void;
  /** Whether an answer has arrived (it stays on screen while the next one loads). */
  readonly hasData: boolean;
  /** Whether the answer has nothing to draw; `emptyMessage` then says so in the data's words. */
  readonly isEmpty: boolean;
  readonly emptyMessage: string;
  readonly exports?: readonly { readonly label?: string; readonly links: ExportLinks }[];
  /** Called only once there is something to draw. */
  readonly chart: () => ReactNode;
  /** The same figures as a table, for screen readers, keyboards and copying. */
  readonly table: () => ReactNode;
}

/**
 * A chart with its title, exports and the loading, empty and error states; its table is one
 * toggle away (and shown outright where the browser cannot draw the chart).
 */
export function ChartCard(props: ChartCardProps) {
  const headingId = useId();
  const tableId = useId();
  const canDraw = useCanvasAvailable();
  const [tableShown, setTableShown] = useState(false);
  const showTable = tableShown || !canDraw;

  let body: ReactNode;
  if (props.status === 'error') {
    body = <ErrorState error={props.error} {...(props.onRetry === undefined ? {} : { onRetry: props.onRetry })} />;
  } else if (!props.hasData) {
    body = <StatusMessage kind="loading">Loading…</StatusMessage>;
  } else if (props.isEmpty) {
    body = <StatusMessage kind="empty">{props.emptyMessage}</StatusMessage>;
  } else {
    body = (
      <div className={props.status === 'loading' ? 'chart-body is-stale' : 'chart-body'} aria-busy={props.status === 'loading'}>
        {props.chart()}
        {canDraw && (
          <button type="button" className="button-link chart-table-toggle" aria-expanded={showTable} aria-controls={tableId} onClick={() => setTableShown(!tableShown)}>
            {showTable ? 'Hide table' : 'Show table'}
          </button>
        )}
        <div id={tableId} hidden={!showTable}>
          {showTable && props.table()}
        </div>
      </div>
    );
  }

  return (
    <section className="chart-card" aria-labelledby={headingId}>
      <header className="chart-card-header">
        <div>
          <h2 id={headingId}>{props.title}</h2>
          {props.description !== undefined && <p className="chart-card-description muted">{props.description}</p>}
        </div>
        <div className="chart-card-tools">
          {props.controls}
          {props.status === 'loading' && props.hasData && (
            <span className="muted" role="status">
              Updating…
            </span>
          )}
          {props.exports?.map((entry) => <ExportButtons key={entry.label ?? 'export'} links={entry.links} {...(entry.label === undefined ? {} : { label: entry.label })} />)}
        </div>
      </header>
      {body}
    </section>
  );
}
