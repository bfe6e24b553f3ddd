import { createContext, useCallback, useContext, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import type { MetricRecordsPageView } from '../../../src/contracts/metrics.ts';
import { DataTable, type Column } from '../components/data-table.tsx';
import { MoneyText } from '../components/money-text.tsx';
import { useApi } from '../lib/use-api.ts';
import { opportunityColumns } from '../pipeline/opportunity-columns.tsx';
import { recordsExportLinks, recordsPath, type RecordsTarget } from './analytics-api.ts';
import { useAnalytics } from './analytics-context.tsx';
import type { MetricsQuery } from './analytics-filters.ts';

type MetricRecord = MetricRecordsPageView['items'][number];

export interface DrillDownRequest {
  /** What the list is: "Bookings — FY2026 M01". */
  readonly title: string;
  readonly target: RecordsTarget;
  /** The filters the figure was computed with, when not the page's own (the prior year's bars). */
  readonly query?: MetricsQuery;
}

type OpenDrillDown = (request: DrillDownRequest) => void;

const DrillDownContext = createContext<OpenDrillDown | null>(null);

/** Opens the list of records behind a figure; only inside the Analytics layout. */
export function useDrillDown(): OpenDrillDown {
  const open = useContext(DrillDownContext);
  if (open === null) throw new Error('useDrillDown is used outside the Analytics layout');
  return open;
}

const DEAL_COLUMNS = opportunityColumns({ withAccount: true }).filter((column) => column.key !== 'createdDate');

function columnsFor(currency: string): Column<MetricRecord>[] {
  return [
    ...DEAL_COLUMNS,
    {
      key: 'reportAmount',
      header: `Counted (${currency})`,
      align: 'end',
      render: (row) => <MoneyText amount={row.reportAmountMinor === null ? null : { minor: row.reportAmountMinor, currency }} />,
    },
  ];
}

function DrillDownDialog({ request, query, onClose }: { readonly request: DrillDownRequest; readonly query: MetricsQuery; readonly onClose: () => void }) {
  const titleId = useId();
  const closeButton = useRef<HTMLButtonElement>(null);
  const [paging, setPaging] = useState({ page: 1, pageSize: 25 });
  const records = useApi<MetricRecordsPageView>(recordsPath(query, request.target, paging.page, paging.pageSize));
  const currency = records.data?.currency ?? query.currency ?? '';
  const columns = useMemo(() => columnsFor(currency), [currency]);

  useEffect(() => {
    closeButton.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [onClose]);

  return (
    <div className="drill-overlay">
      <div className="drill-backdrop" aria-hidden="true" onClick={onClose} />
      <div className="drill-panel" role="dialog" aria-modal="true" aria-labelledby={titleId} data-testid="drill-down">
        <header className="drill-header">
          <div>
            <p className="muted drill-kicker">Records behind the figure</p>
            <h2 id={titleId}>{request.title}</h2>
          </div>
          <button ref={closeButton} type="button" className="button-secondary" onClick={onClose}>
            Close
          </button>
        </header>
        <DataTable<MetricRecord>
          caption={request.title}
          columns={columns}
          rows={records.data?.items}
          rowKey={(row) => `${row.id}-${row.reportAmountMinor ?? ''}`}
          status={records.status}
          error={records.error}
          onRetry={records.reload}
          emptyMessage="No deals stand behind this figure."
          pagination={{
            page: records.data?.page ?? paging.page,
            pageSize: records.data?.pageSize ?? paging.pageSize,
            total: records.data?.total ?? 0,
            onPageChange: (page) => setPaging((current) => ({ ...current, page })),
            onPageSizeChange: (pageSize) => setPaging({ page: 1, pageSize }),
          }}
          exportLinks={recordsExportLinks(query, request.target)}
        />
      </div>
    </div>
  );
}

/**
 * Lets any figure of the Analytics pages open the deals behind it: a dialog listing them page by
 * page, each linking to its opportunity, with CSV and XLSX exports of the whole list.
 */
export function DrillDownProvider({ children }: { readonly children: ReactNode }) {
  const { query } = useAnalytics();
  const [open, setOpen] = useState<{ readonly request: DrillDownRequest; readonly query: MetricsQuery } | null>(null);
  const opener = useRef<Element | null>(null);

  const openDrillDown = useCallback(
    (request: DrillDownRequest) => {
      const effective = request.query ?? query;
      if (effective === null) return;
      opener.current = document.activeElement;
      setOpen({ request, query: effective });
    },
    [query],
  );

  const close = useCallback(() => {
    setOpen(null);
    // Focus goes back to the bar, tile or row that opened the list.
    if (opener.current instanceof HTMLElement) opener.current.focus();
    opener.current = null;
  }, []);

  return (
    <DrillDownContext.Provider value={openDrillDown}>
      {children}
      {open !== null && <DrillDownDialog key={JSON.stringify([open.request, open.query])} request={open.request} query={open.query} onClose={close} />}
    </DrillDownContext.Provider>
  );
}
