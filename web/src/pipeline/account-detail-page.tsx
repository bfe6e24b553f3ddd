import { Link, useParams } from 'react-router';
import type { AccountDetail } from '../../../src/contracts/pipeline.ts';
import { DataTable } from '../components/data-table.tsx';
import { DetailsList } from '../components/details-list.tsx';
import { ErrorState } from '../components/error-state.tsx';
import { MoneyText } from '../components/money-text.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import { useApi } from '../lib/use-api.ts';
import { opportunityColumns } from './opportunity-columns.tsx';

const COLUMNS = opportunityColumns({ withAccount: false });

export function AccountDetailPage() {
  const { id = '' } = useParams();
  const account = useApi<AccountDetail>(`/api/accounts/${encodeURIComponent(id)}`);
  const data = account.data?.id === id ? account.data : undefined;

  if (account.status === 'error') {
    return (
      <section className="page">
        <h1>Account</h1>
        <ErrorState error={account.error} onRetry={account.reload} />
        <p>
          <Link to="/accounts">Back to accounts</Link>
        </p>
      </section>
    );
  }
  if (data === undefined) return <StatusMessage kind="loading">Loading…</StatusMessage>;

  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/accounts">Accounts</Link>
      </p>
      <h1>{data.name}</h1>
      <DetailsList
        rows={[
          ['Owner', data.owner?.name ?? '—'],
          ['Industry', data.industry ?? '—'],
          ['Segment', data.segment ?? '—'],
          ['Country', data.country ?? '—'],
          ['State', data.state ?? '—'],
          ['Postal code', data.postalCode ?? '—'],
          ['Employees', data.employees === null ? '—' : new Intl.NumberFormat().format(data.employees)],
          ['Open pipeline', <MoneyText key="pipeline" amount={data.openPipeline} />],
          ['Open opportunities', String(data.openOpportunities)],
          ['CRM id', data.externalId ?? '—'],
        ]}
      />
      <h2>Opportunities</h2>
      <p>
        <Link to={`/opportunities?accountId=${encodeURIComponent(data.id)}`}>Open these in the opportunities list</Link> to sort, filter and export them.
      </p>
      <DataTable
        caption={`Opportunities of ${data.name}`}
        columns={COLUMNS}
        rows={data.opportunities}
        rowKey={(row) => row.id}
        status="ready"
        emptyMessage="This account has no opportunities you can see."
      />
    </section>
  );
}
