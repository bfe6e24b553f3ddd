import type { OpportunityListItem } from '../../../src/contracts/pipeline.ts';
import { serverPagination } from '../components/pagination.tsx';
import type { Page } from '../../../src/contracts/common.ts';
import { DataTable, type SortOrder } from '../components/data-table.tsx';
import { Field } from '../components/field.tsx';
import { SearchField } from '../components/search-field.tsx';
import { queryString } from '../lib/http-client.ts';
import { useApi } from '../lib/use-api.ts';
import { useQueryState } from '../lib/use-query-state.ts';
import { FORECAST_CATEGORIES, FORECAST_CATEGORY_LABELS, STATUS_OPTIONS } from './labels.ts';
import { opportunityColumns } from './opportunity-columns.tsx';

/** The table state the URL holds; the API's own defaults, so a bare /opportunities is the default view. */
const DEFAULTS = {
  page: '1',
  pageSize: '50',
  sort: 'closeDate',
  order: 'asc',
  q: '',
  status: 'all',
  forecastCategory: '',
  closeFrom: '',
  closeTo: '',
  ownerId: '',
  stageId: '',
  accountId: '',
} as const;

const FILTER_KEYS = ['q', 'status', 'forecastCategory', 'closeFrom', 'closeTo', 'ownerId', 'stageId', 'accountId'] as const;
const COLUMNS = opportunityColumns({ withAccount: true });
const SCOPE_LABELS = { ownerId: 'owner', stageId: 'stage', accountId: 'account' } as const;

export function OpportunitiesPage() {
  const [state, update] = useQueryState(DEFAULTS);
  const filters = Object.fromEntries(FILTER_KEYS.map((key) => [key, state[key]]));
  const list = useApi<Page<OpportunityListItem>>(`/api/opportunities${queryString({ ...filters, page: state.page, pageSize: state.pageSize, sort: state.sort, order: state.order })}`);
  const exportQuery = (format: 'csv' | 'xlsx') => `/api/opportunities/export${queryString({ format, ...filters, sort: state.sort, order: state.order })}`;
  const hasFilters = FILTER_KEYS.some((key) => state[key] !== DEFAULTS[key]);
  const scoped = (['ownerId', 'stageId', 'accountId'] as const).filter((key) => state[key] !== '');

  return (
    <section className="page">
      <h1>Opportunities</h1>
      <div className="filters" role="search" aria-label="Filter opportunities">
        <SearchField label="Search" value={state.q} placeholder="Opportunity name" onSearch={(q) => update({ q }, { replace: true })} />
        <Field label="Status">
          {(id) => (
            <select id={id} value={state.status} onChange={(event) => update({ status: event.target.value })}>
              {STATUS_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Forecast category">
          {(id) => (
            <select id={id} value={state.forecastCategory} onChange={(event) => update({ forecastCategory: event.target.value })}>
              <option value="">Any</option>
              {FORECAST_CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {FORECAST_CATEGORY_LABELS[category]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Close date from">
          {(id) => <input id={id} type="date" value={state.closeFrom} max={state.closeTo || undefined} onChange={(event) => update({ closeFrom: event.target.value })} />}
        </Field>
        <Field label="Close date to">
          {(id) => <input id={id} type="date" value={state.closeTo} min={state.closeFrom || undefined} onChange={(event) => update({ closeTo: event.target.value })} />}
        </Field>
        {hasFilters && (
          <button type="button" className="button-secondary filters-clear" onClick={() => update(Object.fromEntries(FILTER_KEYS.map((key) => [key, DEFAULTS[key]])))}>
            Clear filters
          </button>
        )}
      </div>
      {scoped.length > 0 && (
        <p className="scope-note">
          Also limited to {scoped.map((key) => `${SCOPE_LABELS[key]} ${state[key]}`).join(', ')}.{' '}
          <button type="button" className="button-link" onClick={() => update({ ownerId: '', stageId: '', accountId: '' })}>
            Remove this limit
          </button>
        </p>
      )}
      <DataTable
        caption="Opportunities"
        columns={COLUMNS}
        rows={list.data?.items}
        rowKey={(row) => row.id}
        status={list.status}
        error={list.error}
        onRetry={list.reload}
        emptyMessage="No opportunities match these filters"
        sort={{ key: state.sort, order: state.order as SortOrder }}
        onSortChange={(sort) => update({ sort: sort.key, order: sort.order })}
        pagination={serverPagination(list.data, state, update)}
        exportLinks={{ csv: exportQuery('csv'), xlsx: exportQuery('xlsx') }}
      />
    </section>
  );
}
