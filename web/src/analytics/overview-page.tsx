import { useEffect, useState } from 'react';
import { Field } from '../components/field.tsx';
import { parseMoneyInput } from '../lib/format-money.ts';
import { useDebouncedCommit } from '../lib/use-debounced-commit.ts';
import { useQueryState } from '../lib/use-query-state.ts';
import { useAnalytics } from './analytics-context.tsx';
import { BookingsTrendCard } from './bookings-trend-card.tsx';
import { KpiSummary } from './kpi-summary.tsx';
import { MetricCard } from './metric-card.tsx';

/** `target`: the period's target in major units as typed (it adds the coverage tile). */
const DEFAULTS = { target: '' } as const;

function TargetField({ value, currency, onCommit }: { readonly value: string; readonly currency: string | null; readonly onCommit: (value: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  useDebouncedCommit(text.trim(), value, onCommit, 500);
  const invalid = text.trim() !== '' && currency !== null && parseMoneyInput(text, currency) === null;
  return (
    <Field label={`Target for the period${currency === null ? '' : ` (${currency})`}`} hint={invalid ? 'Type an amount such as 1,500,000.' : 'Adds pipeline coverage: open pipeline against the target still to close.'}>
      {(id, hintId) => <input id={id} inputMode="decimal" value={text} aria-invalid={invalid} aria-describedby={hintId} onChange={(event) => setText(event.target.value)} />}
    </Field>
  );
}

/** KPI tiles, bookings against the prior year, and the open pipeline by stage. */
export function OverviewPage() {
  const { filters, corporateCurrency } = useAnalytics();
  const [state, update] = useQueryState(DEFAULTS);
  const currency = filters.currency === '' ? corporateCurrency : filters.currency;
  const targetMinor = currency === null || state.target === '' ? null : parseMoneyInput(state.target, currency);
  const target = targetMinor === null ? undefined : String(targetMinor);

  return (
    <div className="analytics-page">
      <div className="analytics-page-controls">
        <TargetField value={state.target} currency={currency} onCommit={(value) => update({ target: value }, { replace: true })} />
      </div>
      <KpiSummary target={target} />
      <div className="chart-grid">
        <BookingsTrendCard />
        <MetricCard
          name="pipeline-by-stage"
          metricId="open_pipeline"
          by="stage"
          title="Open pipeline by stage"
          description="Open deals closing in the period, by the stage they stood in on the as-of date."
          emptyMessage="No open deals close in this period."
          horizontal
        />
      </div>
    </div>
  );
}
