import { Fragment, useId, useState, type ReactNode } from 'react';
import type { LoadStatus } from '../lib/use-api.ts';
import { ErrorState } from './error-state.tsx';
import { Pagination, type PaginationProps } from './pagination.tsx';

export type SortOrder = 'asc' | 'desc';

export interface SortState {
  readonly key: string;
  readonly order: SortOrder;
}

export interface Column<Row> {
  /** Unique per table; for a sortable column, the sort key the API takes. */
  readonly key: string;
  readonly header: string;
  readonly render: (row: Row) => ReactNode;
  readonly sortable?: boolean;
  /** Numbers and money line up on the right. */
  readonly align?: 'start' | 'end';
}

export interface ExportLinks {
  readonly csv: string;
  readonly xlsx: string;
}

export interface DataTableProps<Row> {
  /** Names the table for assistive technology (a visually hidden caption). */
  readonly caption: string;
  readonly columns: readonly Column<Row>[];
  readonly rows: readonly Row[] | undefined;
  readonly rowKey: (row: Row) => string;
  readonly status: LoadStatus;
  readonly error?: unknown;
  readonly onRetry?: () => void;
  readonly emptyMessage: string;
  readonly sort?: SortState;
  /** Called with the new sort when a sortable header is activated; the same column flips the order. */
  readonly onSortChange?: (sort: SortState) => void;
  readonly pagination?: PaginationProps;
  readonly exportLinks?: ExportLinks;
  /** When given, each row can be expanded to show this below it. */
  readonly renderDetail?: (row: Row) => ReactNode;
}

function ariaSort(column: { key: string }, sort: SortState | undefined): 'ascending' | 'descending' | 'none' {
  if (sort?.key !== column.key) return 'none';
  return sort.order === 'asc' ? 'ascending' : 'descending';
}

/** The next sort when a header is activated: a new column sorts ascending, the current one flips. */
export function nextSort(current: SortState | undefined, key: string): SortState {
  if (current?.key === key) return { key, order: current.order === 'asc' ? 'desc' : 'asc' };
  return { key, order: 'asc' };
}

/**
 * Every list in the app: server-side pages and sort, the loading, empty and error states, export
 * links, and optional expandable rows. The data itself stays with the page that loads it.
 */
export function DataTable<Row>(props: DataTableProps<Row>) {
  const { caption, columns, rows, rowKey, status, sort, onSortChange, renderDetail } = props;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const detailIdPrefix = useId();
  const columnCount = columns.length + (renderDetail === undefined ? 0 : 1);
  const hasRows = rows !== undefined && rows.length > 0;

  function toggle(key: string): void {
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }

  let body: ReactNode;
  if (status === 'error') {
    body = (
      <tr>
        <td colSpan={columnCount}>
          <ErrorState error={props.error} {...(props.onRetry === undefined ? {} : { onRetry: props.onRetry })} />
        </td>
      </tr>
    );
  } else if (!hasRows) {
    body = (
      <tr>
        <td colSpan={columnCount} className="table-message" role="status">
          {status === 'loading' ? 'Loading…' : props.emptyMessage}
        </td>
      </tr>
    );
  } else {
    body = rows.map((row) => {
      const key = rowKey(row);
      const isOpen = expanded.has(key);
      const detailId = `${detailIdPrefix}-${key}`;
      return (
        <Fragment key={key}>
          <tr>
            {renderDetail !== undefined && (
              <td className="cell-toggle">
                <button type="button" className="toggle" aria-expanded={isOpen} aria-controls={detailId} onClick={() => toggle(key)}>
                  <span aria-hidden="true">{isOpen ? '▾' : '▸'}</span>
                  <span className="visually-hidden">{isOpen ? 'Hide details' : 'Show details'}</span>
                </button>
              </td>
            )}
            {columns.map((column) => (
              <td key={column.key} className={column.align === 'end' ? 'cell-end' : undefined}>
                {column.render(row)}
              </td>
            ))}
          </tr>
          {renderDetail !== undefined && isOpen && (
            <tr className="detail-row" id={detailId}>
              <td colSpan={columnCount}>{renderDetail(row)}</td>
            </tr>
          )}
        </Fragment>
      );
    });
  }

  return (
    <div className="data-table">
      {(props.exportLinks !== undefined || (status === 'loading' && hasRows)) && (
        <div className="table-toolbar">
          {status === 'loading' && hasRows && (
            <span className="table-refreshing" role="status">
              Loading…
            </span>
          )}
          {props.exportLinks !== undefined && (
            <span className="export-links">
              <span>Export:</span>
              <a className="button button-secondary" href={props.exportLinks.csv} download>
                CSV
              </a>
              <a className="button button-secondary" href={props.exportLinks.xlsx} download>
                XLSX
              </a>
            </span>
          )}
        </div>
      )}
      <div className="table-scroll">
        <table aria-busy={status === 'loading'}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {renderDetail !== undefined && (
                <th scope="col" className="cell-toggle">
                  <span className="visually-hidden">Details</span>
                </th>
              )}
              {columns.map((column) => {
                const sortable = column.sortable === true && onSortChange !== undefined;
                return (
                  <th
                    key={column.key}
                    scope="col"
                    className={column.align === 'end' ? 'cell-end' : undefined}
                    aria-sort={sortable ? ariaSort(column, sort) : undefined}
                  >
                    {sortable ? (
                      <button type="button" className="sort-button" onClick={() => onSortChange(nextSort(sort, column.key))}>
                        {column.header}
                        <span aria-hidden="true" className="sort-indicator">
                          {sort?.key === column.key ? (sort.order === 'asc' ? '▲' : '▼') : '↕'}
                        </span>
                      </button>
                    ) : (
                      column.header
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className={status === 'loading' && hasRows ? 'is-stale' : undefined}>{body}</tbody>
        </table>
      </div>
      {props.pagination !== undefined && status !== 'error' && <Pagination {...props.pagination} />}
    </div>
  );
}
