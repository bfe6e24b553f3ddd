import type { StageHistoryEntry } from '../../../src/contracts/pipeline.ts';
import { formatInstant } from '../lib/format-date.ts';
import { formatMoney } from '../lib/format-money.ts';
import { HISTORY_FIELD_LABELS } from './labels.ts';

/** An amount is stored in minor units of the opportunity's currency: shown as money, like the details beside it. */
function valueText(field: StageHistoryEntry['field'], label: string | null, value: string | null, currency: string | null): string {
  if (field === 'amount' && currency !== null && value !== null && /^-?\d+$/.test(value)) {
    const minor = Number(value);
    if (Number.isSafeInteger(minor)) return formatMoney({ minor, currency });
  }
  return label ?? value ?? '(none)';
}

/** Each tracked change as a point on a vertical line, oldest first: when, which field, from → to. */
export function HistoryTimeline({ history, currency }: { readonly history: readonly StageHistoryEntry[]; readonly currency: string | null }) {
  if (history.length === 0) return <p className="muted">No changes recorded yet.</p>;
  // ISO instants sort as text; a copy, so the loaded detail stays as the server sent it.
  const entries = [...history].sort((a, b) => (a.changedAt < b.changedAt ? -1 : a.changedAt > b.changedAt ? 1 : 0));
  return (
    <ol className="timeline">
      {entries.map((entry, index) => (
        <li key={`${entry.changedAt}-${entry.field}-${index}`} className={`timeline-item timeline-${entry.field}`}>
          <time dateTime={entry.changedAt} className="timeline-time">
            {formatInstant(entry.changedAt)}
          </time>
          <span className="timeline-field">{HISTORY_FIELD_LABELS[entry.field]}</span>
          <span className="timeline-change">
            <span>{valueText(entry.field, entry.oldLabel, entry.oldValue, currency)}</span>
            <span aria-hidden="true"> → </span>
            <span className="visually-hidden"> changed to </span>
            <span className="timeline-new">{valueText(entry.field, entry.newLabel, entry.newValue, currency)}</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
