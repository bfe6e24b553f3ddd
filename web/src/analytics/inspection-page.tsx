import { useMemo } from 'react';
import { Link } from 'react-router';
import type { InspectionView } from '../../../src/contracts/metrics.ts';
import { DataTable, type Column } from '../components/data-table.tsx';
import { Field } from '../components/field.tsx';
import { MoneyText } from '../components/money-text.tsx';
import { serverPagination } from '../components/pagination.tsx';
import { formatDate } from '../lib/format-date.ts';
import { useQueryState } from '../lib/use-query-state.ts';
import { exportLinksOf } from './analytics-api.ts';
import { useAnalytics, useMetricsApi } from './analytics-context.tsx';
import { ChartCard } from './chart-card.tsx';
import { trendChartOption } from './chart-options.ts';
import { EChart } from './echart.tsx';
import { formatBps, formatCount } from './value-format.ts';

type Kind = InspectionView['kinds'][number];
type RepCompliance = InspectionView['byRep'][number];
type TeamCompliance = InspectionView['byTeam'][number];
type InspectedDeal = InspectionView['deals'][number];
type Trend = InspectionView['trend'][number];

/** `warning`: only deals with this warning; `rep`: only this owner's deals (the compliance tables stay whole). */
const DEFAULTS = { warning: '', rep: '', page: '1', pageSize: '50' } as const;

/** How many reps the trend chart draws (those with the most open deals); the table lists every rep. */
const TREND_REPS = 8;

function WarningChips({ warnings, kinds }: { readonly warnings: InspectedDeal['warnings']; readonly kinds: readonly Kind[] }) {
  if (warnings.length === 0) return <span className="muted">None</span>;
  return (
    <ul className="warning-chips">
      {warnings.map((warning) => (
        <li key={warning.kind} className="warning-chip" title={warning.message}>
          {kinds.find((kind) => kind.id === warning.kind)?.label ?? warning.kind}
          <span className="visually-hidden">: {warning.message}</span>
        </li>
      ))}
    </ul>
  );
}

/**
 * Deal inspection: compliance by rep and by team (the share of open pipeline without warnings and
 * the warnings of each kind), each rep's weekly trend, and the open deals with their warnings.
 */
export function InspectionPage() {
  const { query } = useAnalytics();
  const [state, update] = useQueryState(DEFAULTS);
  const listExtras = { warning: state.warning, ownerId: state.rep };
  const list = useMetricsApi<InspectionView>('/api/metrics/inspection', { ...listExtras, page: state.page, pageSize: state.pageSize });
  // The warning filter and the page leave compliance alone, so one answer serves both; only a
  // rep's list needs a second request for the whole scope's compliance (inspection is costly).
  const whole = useMetricsApi<InspectionView>('/api/metrics/inspection', { page: 1, pageSize: 1 }, state.rep === '' ? null : undefined);
  const compliance = state.rep === '' ? list : whole;
  const kinds = useMemo(() => compliance.data?.kinds ?? list.data?.kinds ?? [], [compliance.data, list.data]);
  const currency = compliance.data?.filter.currency ?? list.data?.filter.currency ?? '';
  const repName = state.rep === '' ? null : (compliance.data?.byRep.find((rep) => rep.ownerId === state.rep)?.name ?? state.rep);

  const showRep = (ownerId: string, warning = '') => update({ rep: ownerId, warning });

  const kindColumns = <Row extends { readonly warningCounts: Readonly<Record<string, number>> }>(onCount?: (row: Row, kind: Kind) => void): Column<Row>[] =>
    kinds.map((kind) => ({
      key: kind.id,
      header: kind.label,
      align: 'end' as const,
      render: (row: Row) => {
        const count = row.warningCounts[kind.id] ?? 0;
        if (count === 0 || onCount === undefined) return formatCount(count);
        return (
          <button type="button" className="button-link figure-link" onClick={() => onCount(row, kind)}>
            {formatCount(count)}
          </button>
        );
      },
    }));

  const repColumns: Column<RepCompliance>[] = [
    {
      key: 'name',
      header: 'Rep',
      render: (rep) => (
        <button type="button" className="button-link" onClick={() => showRep(rep.ownerId)} aria-label={`${rep.name}: list their deals`}>
          {rep.name}
        </button>
      ),
    },
    { key: 'score', header: 'Score', align: 'end', render: (rep) => formatBps(rep.scoreBps) },
    { key: 'open', header: 'Open deals', align: 'end', render: (rep) => formatCount(rep.openCount) },
    { key: 'clean', header: 'Without warnings', align: 'end', render: (rep) => formatCount(rep.cleanCount) },
    { key: 'amount', header: 'Open amount', align: 'end', render: (rep) => <MoneyText amount={{ minor: rep.openAmountMinor, currency }} /> },
    ...kindColumns<RepCompliance>((rep, kind) => showRep(rep.ownerId, kind.id)),
  ];
  const teamColumns: Column<TeamCompliance>[] = [
    { key: 'name', header: 'Team', render: (team) => team.name },
    { key: 'reps', header: 'Reps', align: 'end', render: (team) => formatCount(team.repCount) },
    { key: 'score', header: 'Score', align: 'end', render: (team) => formatBps(team.scoreBps) },
    { key: 'open', header: 'Open deals', align: 'end', render: (team) => formatCount(team.openCount) },
    { key: 'clean', header: 'Without warnings', align: 'end', render: (team) => formatCount(team.cleanCount) },
    { key: 'amount', header: 'Open amount', align: 'end', render: (team) => <MoneyText amount={{ minor: team.openAmountMinor, currency }} /> },
    ...kindColumns<TeamCompliance>(),
  ];
  const dealColumns: Column<InspectedDeal>[] = [
    { key: 'name', header: 'Opportunity', render: (row) => <Link to={`/opportunities/${encodeURIComponent(row.deal.id)}`}>{row.deal.name}</Link> },
    { key: 'owner', header: 'Owner', render: (row) => row.deal.owner?.name ?? '—' },
    { key: 'stage', header: 'Stage', render: (row) => row.deal.stage.name },
    { key: 'amount', header: 'Amount', align: 'end', render: (row) => <MoneyText amount={row.deal.amount} /> },
    { key: 'closeDate', header: 'Close date', render: (row) => <time dateTime={row.deal.closeDate}>{formatDate(row.deal.closeDate)}</time> },
    { key: 'warnings', header: 'Warnings', render: (row) => <WarningChips warnings={row.warnings} kinds={kinds} /> },
  ];

  // The reps with the most open deals; their points share the same week-end dates.
  const trendReps = useMemo(() => {
    const openOf = new Map((compliance.data?.byRep ?? []).map((rep) => [rep.ownerId, rep.openCount]));
    return [...(compliance.data?.trend ?? [])].sort((a, b) => (openOf.get(b.ownerId) ?? 0) - (openOf.get(a.ownerId) ?? 0) || a.name.localeCompare(b.name)).slice(0, TREND_REPS);
  }, [compliance.data]);
  const trendDates = useMemo(() => trendReps[0]?.points.map((point) => point.asOf) ?? [], [trendReps]);
  const trendOption = useMemo(
    () =>
      trendChartOption(
        trendDates.map((date) => formatDate(date)),
        trendReps.map((rep) => ({ name: rep.name, values: rep.points.map((point) => (point.scoreBps === null ? null : point.scoreBps / 100)), displays: rep.points.map((point) => formatBps(point.scoreBps)) })),
      ),
    [trendDates, trendReps],
  );
  const trendColumns: Column<Trend>[] = [
    { key: 'name', header: 'Rep', render: (rep) => rep.name },
    ...trendDates.map((date, index) => ({ key: date, header: formatDate(date), align: 'end' as const, render: (rep: Trend) => formatBps(rep.points[index]?.scoreBps ?? null) })),
  ];

  const listExports = query === null ? undefined : exportLinksOf('/api/metrics/inspection', query, listExtras);
  const noOpenDeals = compliance.data !== undefined && compliance.data.byRep.length === 0;

  return (
    <div className="analytics-page">
      <section className="chart-card" aria-labelledby="inspection-by-rep">
        <header className="chart-card-header">
          <div>
            <h2 id="inspection-by-rep">Compliance by rep</h2>
            <p className="chart-card-description muted">Score: the share of each rep’s open pipeline (by amount) carrying no warning on the as-of date. Select a rep or a count to list those deals below.</p>
          </div>
        </header>
        <DataTable
          caption="Compliance by rep"
          columns={repColumns}
          rows={compliance.data?.byRep}
          rowKey={(rep) => rep.ownerId}
          status={compliance.status}
          error={compliance.error}
          onRetry={compliance.reload}
          emptyMessage="No open deals in this scope on the as-of date."
        />
      </section>
      <section className="chart-card" aria-labelledby="inspection-by-team">
        <header className="chart-card-header">
          <h2 id="inspection-by-team">Compliance by team</h2>
        </header>
        <DataTable
          caption="Compliance by team"
          columns={teamColumns}
          rows={compliance.data?.byTeam}
          rowKey={(team) => team.teamId ?? `none-${team.name}`}
          status={compliance.status}
          error={compliance.error}
          onRetry={compliance.reload}
          emptyMessage="No open deals in this scope on the as-of date."
        />
      </section>
      <ChartCard
        title="Compliance trend"
        description={`Each rep’s score at the end of each of the last weeks; the chart draws the ${TREND_REPS} reps with the most open deals.`}
        status={compliance.status}
        error={compliance.error}
        onRetry={compliance.reload}
        hasData={compliance.data !== undefined}
        isEmpty={noOpenDeals || trendDates.length === 0}
        emptyMessage="No open deals in this scope over the last weeks."
        chart={() => <EChart name="inspection-trend" label={`Compliance trend of ${trendReps.length} reps over ${trendDates.length} weeks`} option={trendOption} />}
        table={() => <DataTable caption="Compliance trend by rep" columns={trendColumns} rows={compliance.data?.trend ?? []} rowKey={(rep) => rep.ownerId} status="ready" emptyMessage="No reps." />}
      />
      <section className="chart-card" aria-labelledby="inspection-deals">
        <header className="chart-card-header">
          <div>
            <h2 id="inspection-deals">Deals with warnings</h2>
            {repName !== null && (
              <p className="scope-note">
                Only {repName}’s deals.{' '}
                <button type="button" className="button-link" onClick={() => update({ rep: '' })}>
                  Show every rep
                </button>
              </p>
            )}
          </div>
          <div className="chart-card-tools">
            <Field label="Warning">
              {(id) => (
                <select id={id} value={state.warning} onChange={(event) => update({ warning: event.target.value })}>
                  <option value="">Any warning</option>
                  {kinds.map((kind) => (
                    <option key={kind.id} value={kind.id} title={kind.description}>
                      {kind.label}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        </header>
        <DataTable
          caption="Open deals with warnings"
          columns={dealColumns}
          rows={list.data?.deals}
          rowKey={(row) => row.deal.id}
          status={list.status}
          error={list.error}
          onRetry={list.reload}
          emptyMessage={state.warning === '' ? 'No open deals carry warnings.' : 'No open deals carry this warning.'}
          pagination={serverPagination(list.data, state, update)}
          {...(listExports === undefined ? {} : { exportLinks: listExports })}
        />
      </section>
    </div>
  );
}
