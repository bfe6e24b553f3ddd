import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { OpportunityDetail } from '../../../src/contracts/pipeline.ts';
import { can, useMe } from '../auth/auth-context.tsx';
import { DetailsList } from '../components/details-list.tsx';
import { ErrorState } from '../components/error-state.tsx';
import { MoneyText } from '../components/money-text.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import { formatDate } from '../lib/format-date.ts';
import { useApi } from '../lib/use-api.ts';
import { HistoryTimeline } from './history-timeline.tsx';
import { FORECAST_CATEGORY_LABELS, formatProbability, opportunityStatus } from './labels.ts';
import { OpportunityEditForm } from './opportunity-edit-form.tsx';

function Details({ detail }: { readonly detail: OpportunityDetail }) {
  const rows: (readonly [string, ReactNode])[] = [
    ['Account', detail.account === null ? '—' : <Link to={`/accounts/${encodeURIComponent(detail.account.id)}`}>{detail.account.name}</Link>],
    ['Owner', detail.owner?.name ?? '—'],
    ['Status', opportunityStatus(detail)],
    ['Stage', `${detail.stage.name} (${detail.process.name})`],
    ['Amount', <MoneyText amount={detail.amount} />],
    ['Close date', formatDate(detail.closeDate)],
    ['Forecast category', `${FORECAST_CATEGORY_LABELS[detail.forecastCategory]}${detail.forecastCategoryOverride ? ' (set by hand, not by the stage)' : ''}`],
    ['Probability', formatProbability(detail.probabilityBps)],
    ['Next step', detail.nextStep ?? '—'],
    ['Type', detail.type ?? '—'],
    ['Lead source', detail.leadSource ?? '—'],
    ['Created', formatDate(detail.createdDate)],
    ['CRM id', detail.externalId ?? '—'],
  ];
  return <DetailsList rows={rows} />;
}

export function OpportunityDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const detail = useApi<OpportunityDetail>(`/api/opportunities/${encodeURIComponent(id)}`);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState(false);
  const data = detail.data?.id === id ? detail.data : undefined;

  if (detail.status === 'error') {
    return (
      <section className="page">
        <h1>Opportunity</h1>
        <ErrorState error={detail.error} onRetry={detail.reload} />
        <p>
          <Link to="/opportunities">Back to opportunities</Link>
        </p>
      </section>
    );
  }
  if (data === undefined) return <StatusMessage kind="loading">Loading…</StatusMessage>;

  const currency = data.amount?.currency ?? me.workspace?.corporateCurrency ?? 'USD';
  return (
    <section className="page">
      <p className="breadcrumb">
        <Link to="/opportunities">Opportunities</Link>
      </p>
      <h1>{data.name}</h1>
      {saved && <StatusMessage kind="success">Changes saved.</StatusMessage>}
      <div className="detail-layout">
        <div>
          <h2>Details</h2>
          {editing ? (
            <OpportunityEditForm
              detail={data}
              currency={currency}
              onCancel={() => setEditing(false)}
              onSaved={(next) => {
                detail.replace(next);
                setEditing(false);
                setSaved(true);
              }}
            />
          ) : (
            <>
              <Details detail={data} />
              {can(me, 'pipeline.edit') && (
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => {
                    setSaved(false);
                    setEditing(true);
                  }}
                >
                  Edit
                </button>
              )}
            </>
          )}
        </div>
        <div>
          <h2>History</h2>
          <HistoryTimeline history={data.history} currency={data.amount?.currency ?? null} />
        </div>
      </div>
    </section>
  );
}
