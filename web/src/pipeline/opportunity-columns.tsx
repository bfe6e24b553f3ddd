import { Link } from 'react-router';
import type { OpportunityListItem } from '../../../src/contracts/pipeline.ts';
import type { Column } from '../components/data-table.tsx';
import { MoneyText } from '../components/money-text.tsx';
import { formatDate } from '../lib/format-date.ts';
import { FORECAST_CATEGORY_LABELS, opportunityStatus } from './labels.ts';

/** Opportunity columns; `key` is the API's sort key where the list can sort by it. */
export function opportunityColumns(options: { readonly withAccount: boolean }): Column<OpportunityListItem>[] {
  const columns: Column<OpportunityListItem>[] = [
    { key: 'name', header: 'Opportunity', sortable: true, render: (row) => <Link to={`/opportunities/${encodeURIComponent(row.id)}`}>{row.name}</Link> },
    {
      key: 'accountName',
      header: 'Account',
      sortable: true,
      render: (row) => (row.account === null ? '—' : <Link to={`/accounts/${encodeURIComponent(row.account.id)}`}>{row.account.name}</Link>),
    },
    { key: 'ownerName', header: 'Owner', sortable: true, render: (row) => row.owner?.name ?? '—' },
    { key: 'stage', header: 'Stage', sortable: true, render: (row) => row.stage.name },
    { key: 'status', header: 'Status', render: (row) => opportunityStatus(row) },
    { key: 'amount', header: 'Amount', sortable: true, align: 'end', render: (row) => <MoneyText amount={row.amount} /> },
    { key: 'closeDate', header: 'Close date', sortable: true, render: (row) => <time dateTime={row.closeDate}>{formatDate(row.closeDate)}</time> },
    { key: 'forecastCategory', header: 'Forecast category', sortable: true, render: (row) => FORECAST_CATEGORY_LABELS[row.forecastCategory] },
    { key: 'createdDate', header: 'Created', sortable: true, render: (row) => <time dateTime={row.createdDate}>{formatDate(row.createdDate)}</time> },
  ];
  return options.withAccount ? columns : columns.filter((column) => column.key !== 'accountName');
}
