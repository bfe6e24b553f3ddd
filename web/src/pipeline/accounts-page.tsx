import { Link } from 'react-router';
import { serverPagination } from '../components/pagination.tsx';
import type { Page } from '../../../src/contracts/common.ts';
import type { AccountListItem } from '../../../src/contracts/pipeline.ts';
import { DataTable, type Column, type SortOrder } from '../components/data-table.tsx';
import { MoneyText } from '../components/money-text.tsx';
import { SearchField } from '../components/search-field.tsx';
import { queryString } from '../lib/http-client.ts';
import { useApi } from '../lib/use-api.ts';
import { useQueryState } from '../lib/use-query-state.ts';

const DEFAULTS = { page: '1', pageSize: '50', sort: 'name', order: 'asc', q: '', industry: '', country: '', ownerId: '' } as const;
const FILTER_KEYS = ['q', 'industry', 'country', 'ownerId'] as const;

const COLUMNS: readonly Column<AccountListItem>[] = [
  { key: 'name', header: 'Account', sortable: true, render: (row) => <Link to={`/accounts/${encodeURIComponent(row.id)}`}>{row.name}</Link> },
  { key: 'industry', header: 'Industry', sortable: true, render: (row) => row.industry ?? '—' },
  { key: 'country', header: 'Country', sortable: true, render: (row) => row.country ?? '—' },
  { key: 'segment', header: 'Segment', sortable: true, render: (row) => row.segment ?? '—' },
  { key: 'ownerName', header: 'Owner', sortable: true, render: (row) => row.owner?.name ?? '—' },
  { key: 'openPipeline', header: 'Open pipeline', sortable: true, align: 'end', render: (row) => <MoneyText amount={row.openPipeline} /> },
  { key: 'openOpportunities', header: 'Open opportunities', align: 'end', render: (row) => row.openOpportunities },
];

export function AccountsPage() {
  const [state, update] = useQueryState(DEFAULTS);
  const filters = Object.fromEntries(FILTER_KEYS.map((key) => [key, state[key]]));
  const list = useApi<Page<AccountListItem>>(`/api/accounts${queryString({ ...filters, page: state.page, pageSize: state.pageSize, sort: state.sort, order: state.order })}`);
  const exportQuery = (format: 'csv' | 'xlsx') => `/api/accounts/export${queryString({ format, ...filters, sort: state.sort, order: state.order })}`;
  const hasFilters = FILTER_KEYS.some((key) => state[key] !== DEFAULTS[key]);

  return (
    <section className="page">
      <h1>Accounts</h1>
      <p className="muted">Open pipeline is in the corporate currency at today’s rates.</p>
      <div className="filters" role="search" aria-label="Filter accounts">
        <SearchField label="Search" value={state.q} placeholder="Account name" onSearch={(q) => update({ q }, { replace: true })} />
        <SearchField label="Industry" value={state.industry} onSearch={(industry) => update({ industry }, { replace: true })} />
        <SearchField label="Country" value={state.country} onSearch={(country) => update({ country }, { replace: true })} />
        {hasFilters && (
          <button type="button" className="button-secondary filters-clear" onClick={() => update({ q: '', industry: '', country: '', ownerId: '' })}>
            Clear filters
          </button>
        )}
      </div>
      <DataTable
        caption="Accounts"
        columns={COLUMNS}
        rows={list.data?.items}
        rowKey={(row) => row.id}
        status={list.status}
        error={list.error}
        onRetry={list.reload}
        emptyMessage="No accounts match these filters."
        sort={{ key: state.sort, order: state.order as SortOrder }}
        onSortChange={(sort) => update({ sort: sort.key, order: sort.order })}
        pagination={serverPagination(list.data, state, update)}
        exportLinks={{ csv: exportQuery('csv'), xlsx: exportQuery('xlsx') }}
      />
    </section>
  );
}
