import { useEffect, useId, useMemo, useState } from 'react';
import type { MetricResultView } from '../../../src/contracts/metrics.ts';
import type { PeopleTree, PersonNode } from '../../../src/contracts/people.ts';
import type { CurrencyRate } from '../../../src/contracts/settings.ts';
import { Field } from '../components/field.tsx';
import { formatDate } from '../lib/format-date.ts';
import { queryString } from '../lib/http-client.ts';
import { useApi } from '../lib/use-api.ts';
import { useDebouncedCommit } from '../lib/use-debounced-commit.ts';
import { metricsPath } from './analytics-api.ts';
import { useAnalytics } from './analytics-context.tsx';
import { CENSUS_REGIONS, FILTER_DEFAULTS, FILTER_KEYS, PERIOD_PRESETS } from './analytics-filters.ts';

interface ManagerOption {
  readonly id: string;
  readonly label: string;
}

/** Everyone with reports, in tree order, indented by depth: picking one limits the figures to their subtree. */
export function managerOptions(roots: readonly PersonNode[]): ManagerOption[] {
  const options: ManagerOption[] = [];
  const visit = (node: PersonNode, depth: number) => {
    if (node.reports.length === 0) return;
    options.push({ id: node.id, label: `${'\u00a0\u00a0'.repeat(depth)}${node.name}` });
    for (const child of node.reports) visit(child, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  return options;
}

/** Segment as free text with the segments seen as suggestions; the URL changes once typing pauses. */
function SegmentField({ value, suggestions, onCommit }: { readonly value: string; readonly suggestions: readonly string[]; readonly onCommit: (value: string) => void }) {
  const listId = useId();
  const [text, setText] = useState(value);
  // Back/forward or "Reset filters" change the segment from outside: show what is in effect.
  useEffect(() => setText(value), [value]);
  useDebouncedCommit(text.trim(), value, onCommit);
  return (
    <Field label="Segment">
      {(id) => (
        <>
          <input id={id} type="text" list={listId} value={text} placeholder="Any" maxLength={200} onChange={(event) => setText(event.target.value)} />
          <datalist id={listId}>
            {suggestions.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        </>
      )}
    </Field>
  );
}

/**
 * The filters every Analytics page shares, written to the URL: period (fiscal presets or custom
 * dates), as-of date, team, segment, region, sales process and report currency.
 */
export function AnalyticsFilterBar({ today }: { readonly today: string }) {
  const { filters, setFilters, query, processes } = useAnalytics();
  const asOf = filters.asOf === '' ? today : filters.asOf;
  const people = useApi<PeopleTree>(`/api/people/tree${queryString({ asOf })}`);
  const rates = useApi<{ corporateCurrency: string; rates: CurrencyRate[] }>('/api/settings/currency-rates');
  // Segments seen in the period's open pipeline, offered as suggestions; any value can still be typed.
  const segments = useApi<MetricResultView>(query === null ? null : metricsPath('/api/metrics/open_pipeline', { from: query.from, to: query.to, asOf: query.asOf }, { by: 'segment' }));

  const managers = useMemo(() => managerOptions(people.data?.roots ?? []), [people.data]);
  const currencies = useMemo(() => {
    const codes = new Set<string>();
    if (rates.data !== undefined) codes.add(rates.data.corporateCurrency);
    for (const rate of rates.data?.rates ?? []) codes.add(rate.currency);
    if (filters.currency !== '') codes.add(filters.currency);
    return [...codes].sort();
  }, [rates.data, filters.currency]);
  const segmentNames = (segments.data?.slices ?? []).map((slice) => slice.key).filter((key) => key !== '');
  const hasFilters = FILTER_KEYS.some((key) => filters[key] !== FILTER_DEFAULTS[key]);

  function choosePeriod(period: string): void {
    // Custom dates start from the period on screen, so only the end that changes needs typing.
    if (period === 'custom') setFilters({ period, from: query?.from ?? '', to: query?.to ?? '' });
    else setFilters({ period, from: '', to: '' });
  }

  return (
    <div className="filters analytics-filters" role="search" aria-label="Analytics filters">
      <Field label="Period">
        {(id) => (
          <select id={id} value={filters.period} onChange={(event) => choosePeriod(event.target.value)}>
            {PERIOD_PRESETS.map((preset) => (
              <option key={preset.id} value={preset.id}>
                {preset.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {filters.period === 'custom' && (
        <>
          <Field label="From">
            {(id) => <input id={id} type="date" value={filters.from} max={filters.to || undefined} onChange={(event) => setFilters({ from: event.target.value })} />}
          </Field>
          <Field label="To">
            {(id) => <input id={id} type="date" value={filters.to} min={filters.from || undefined} onChange={(event) => setFilters({ to: event.target.value })} />}
          </Field>
        </>
      )}
      <Field label="As of">
        {(id) => <input id={id} type="date" value={asOf} onChange={(event) => setFilters({ asOf: event.target.value === today ? '' : event.target.value })} />}
      </Field>
      <Field label="Team">
        {(id) => (
          <select id={id} value={filters.manager} onChange={(event) => setFilters({ manager: event.target.value })}>
            <option value="">Everyone in my scope</option>
            {managers.map((manager) => (
              <option key={manager.id} value={manager.id}>
                {manager.label}
              </option>
            ))}
            {filters.manager !== '' && !managers.some((manager) => manager.id === filters.manager) && <option value={filters.manager}>{filters.manager}</option>}
          </select>
        )}
      </Field>
      <SegmentField value={filters.segment} suggestions={segmentNames} onCommit={(segment) => setFilters({ segment }, { replace: true })} />
      <Field label="Region">
        {(id) => (
          <select id={id} value={filters.region} onChange={(event) => setFilters({ region: event.target.value })}>
            <option value="">Any</option>
            {CENSUS_REGIONS.map((region) => (
              <option key={region} value={region}>
                {region}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Sales process">
        {(id) => (
          <select id={id} value={filters.processId} onChange={(event) => setFilters({ processId: event.target.value })}>
            <option value="">Any</option>
            {processes.map((process) => (
              <option key={process.id} value={process.id}>
                {process.name}
              </option>
            ))}
            {filters.processId !== '' && !processes.some((process) => process.id === filters.processId) && <option value={filters.processId}>{filters.processId}</option>}
          </select>
        )}
      </Field>
      <Field label="Currency">
        {(id) => (
          <select id={id} value={filters.currency} onChange={(event) => setFilters({ currency: event.target.value })}>
            <option value="">{rates.data === undefined ? 'Corporate' : `Corporate (${rates.data.corporateCurrency})`}</option>
            {currencies
              .filter((code) => code !== rates.data?.corporateCurrency || filters.currency === code)
              .map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
          </select>
        )}
      </Field>
      {hasFilters && (
        <button type="button" className="button-secondary filters-clear" onClick={() => setFilters({ ...FILTER_DEFAULTS })}>
          Reset filters
        </button>
      )}
      {query?.from !== undefined && query.to !== undefined && (
        <p className="analytics-period muted" aria-live="polite">
          {formatDate(query.from)} – {formatDate(query.to)}, as of {formatDate(asOf)}
        </p>
      )}
    </div>
  );
}
