import type { AuditEventItem } from '../../../src/contracts/audit.ts';
import { serverPagination } from '../components/pagination.tsx';
import type { Page } from '../../../src/contracts/common.ts';
import { DataTable, type Column, type SortOrder } from '../components/data-table.tsx';
import { Field } from '../components/field.tsx';
import { SearchField } from '../components/search-field.tsx';
import { formatInstant } from '../lib/format-date.ts';
import { queryString } from '../lib/http-client.ts';
import { useApi } from '../lib/use-api.ts';
import { useQueryState } from '../lib/use-query-state.ts';

/** Newest first by default: the audit log is read to find out what just happened. */
const DEFAULTS = { page: '1', pageSize: '50', order: 'desc', actor: '', action: '', objectType: '', objectId: '', from: '', to: '' } as const;
const FILTER_KEYS = ['actor', 'action', 'objectType', 'objectId', 'from', 'to'] as const;

/** A date picked as "to" means through the end of that day: the API's `to` is exclusive. */
function dayAfter(isoDate: string): string {
  if (isoDate === '') return '';
  const next = new Date(`${isoDate}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

const COLUMNS: readonly Column<AuditEventItem>[] = [
  { key: 'occurredAt', header: 'When', sortable: true, render: (event) => <time dateTime={event.occurredAt}>{formatInstant(event.occurredAt)}</time> },
  { key: 'actor', header: 'Who', render: (event) => event.actorName ?? event.actor },
  { key: 'action', header: 'Action', render: (event) => <code>{event.action}</code> },
  { key: 'objectType', header: 'Object', render: (event) => event.objectType },
  { key: 'objectId', header: 'Object id', render: (event) => event.objectId ?? '—' },
];

function Json({ label, value }: { readonly label: string; readonly value: unknown }) {
  return (
    <div>
      <h3 className="json-label">{label}</h3>
      {value === null || value === undefined ? <p className="muted">(nothing)</p> : <pre className="json">{JSON.stringify(value, null, 2)}</pre>}
    </div>
  );
}

export function AuditLogPage() {
  const [state, update] = useQueryState(DEFAULTS);
  const filters = { actor: state.actor, action: state.action, objectType: state.objectType, objectId: state.objectId, from: state.from, to: dayAfter(state.to) };
  const list = useApi<Page<AuditEventItem>>(`/api/audit${queryString({ ...filters, page: state.page, pageSize: state.pageSize, order: state.order })}`);
  const exportLink = (format: 'csv' | 'xlsx') => `/api/audit/export${queryString({ format, ...filters, order: state.order })}`;
  const hasFilters = FILTER_KEYS.some((key) => state[key] !== '');

  return (
    <section className="page">
      <h1>Audit log</h1>
      <p className="muted">Every change made in salesops, who made it and when, with the record before and after. Entries are never changed or removed.</p>
      <div className="filters" role="search" aria-label="Filter the audit log">
        <SearchField label="Actor" value={state.actor} placeholder="User id or name" onSearch={(actor) => update({ actor }, { replace: true })} />
        <SearchField label="Action" value={state.action} placeholder="e.g. opportunity.update" onSearch={(action) => update({ action }, { replace: true })} />
        <SearchField label="Object type" value={state.objectType} placeholder="e.g. opportunity" onSearch={(objectType) => update({ objectType }, { replace: true })} />
        <SearchField label="Object id" value={state.objectId} onSearch={(objectId) => update({ objectId }, { replace: true })} />
        <Field label="From date">{(id) => <input id={id} type="date" value={state.from} max={state.to || undefined} onChange={(event) => update({ from: event.target.value })} />}</Field>
        <Field label="To date (inclusive)">{(id) => <input id={id} type="date" value={state.to} min={state.from || undefined} onChange={(event) => update({ to: event.target.value })} />}</Field>
        {hasFilters && (
          <button type="button" className="button-secondary filters-clear" onClick={() => update({ actor: '', action: '', objectType: '', objectId: '', from: '', to: '' })}>
            Clear filters
          </button>
        )}
      </div>
      <DataTable
        caption="Audit events"
        columns={COLUMNS}
        rows={list.data?.items}
        rowKey={(event) => event.id}
        status={list.status}
        error={list.error}
        onRetry={list.reload}
        emptyMessage="No audit events match these filters."
        sort={{ key: 'occurredAt', order: state.order as SortOrder }}
        onSortChange={(sort) => update({ order: sort.order })}
        pagination={serverPagination(list.data, state, update)}
        exportLinks={{ csv: exportLink('csv'), xlsx: exportLink('xlsx') }}
        renderDetail={(event) => (
          <div className="json-pair">
            <Json label="Before" value={event.before} />
            <Json label="After" value={event.after} />
          </div>
        )}
      />
    </section>
  );
}
