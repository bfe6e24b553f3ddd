import { useState, type FormEvent } from 'react';
import type { UpdateWorkspaceBody, WorkspaceSettings } from '../../../src/contracts/settings.ts';
import { knownCurrencyCodes } from '../../../src/core/shared/currency.ts';
import { can, useAuth, useMe } from '../auth/auth-context.tsx';
import { ErrorState } from '../components/error-state.tsx';
import { Field } from '../components/field.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import { errorMessage, sendJson } from '../lib/http-client.ts';
import { useApi } from '../lib/use-api.ts';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const PATTERNS: readonly { readonly value: WorkspaceSettings['fiscalPattern']; readonly label: string }[] = [
  { value: 'calendar', label: 'Calendar months' },
  { value: '4-4-5', label: '4-4-5 weeks' },
  { value: '4-5-4', label: '4-5-4 weeks' },
  { value: '5-4-4', label: '5-4-4 weeks' },
];

const BASES: readonly { readonly value: WorkspaceSettings['bookingBasis']; readonly label: string }[] = [
  { value: 'acv', label: 'ACV — annual contract value' },
  { value: 'tcv', label: 'TCV — total contract value' },
  { value: 'arr', label: 'ARR — annual recurring revenue' },
  { value: 'mrr', label: 'MRR — monthly recurring revenue' },
];

const CURRENCIES = [...knownCurrencyCodes()].sort();

type Draft = Omit<WorkspaceSettings, 'isDemo'>;

/** Only the settings that differ from the saved ones, so the audit event records the real change. */
function changesOf(saved: WorkspaceSettings, draft: Draft): UpdateWorkspaceBody {
  const name = draft.name.trim();
  return {
    ...(name === saved.name ? {} : { name }),
    ...(draft.corporateCurrency === saved.corporateCurrency ? {} : { corporateCurrency: draft.corporateCurrency }),
    ...(draft.fiscalYearStartMonth === saved.fiscalYearStartMonth ? {} : { fiscalYearStartMonth: draft.fiscalYearStartMonth }),
    ...(draft.fiscalPattern === saved.fiscalPattern ? {} : { fiscalPattern: draft.fiscalPattern }),
    ...(draft.fiscalYearNaming === saved.fiscalYearNaming ? {} : { fiscalYearNaming: draft.fiscalYearNaming }),
    ...(draft.bookingBasis === saved.bookingBasis ? {} : { bookingBasis: draft.bookingBasis }),
    ...(draft.managersSeePay === saved.managersSeePay ? {} : { managersSeePay: draft.managersSeePay }),
  };
}

function WorkspaceForm({ saved, editable, onSaved }: { readonly saved: WorkspaceSettings; readonly editable: boolean; readonly onSaved: (next: WorkspaceSettings) => void }) {
  const [draft, setDraft] = useState<Draft>(() => ({ ...saved }));
  const [message, setMessage] = useState<{ readonly kind: 'error' | 'success'; readonly text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const body = changesOf(saved, draft);
    if (Object.keys(body).length === 0) return setMessage({ kind: 'error', text: 'Nothing has changed.' });
    setBusy(true);
    setMessage(null);
    sendJson<WorkspaceSettings>('PATCH', '/api/settings/workspace', body).then(
      (next) => {
        setBusy(false);
        setMessage({ kind: 'success', text: 'Settings saved.' });
        onSaved(next);
      },
      (failure: unknown) => {
        setBusy(false);
        setMessage({ kind: 'error', text: errorMessage(failure) });
      },
    );
  }

  return (
    <form className="form-grid" onSubmit={onSubmit}>
      {!editable && <p className="muted form-wide">Your role can read these settings but not change them.</p>}
      {saved.isDemo && <p className="form-wide">This workspace holds the generated demo company.</p>}
      <fieldset disabled={!editable || busy} className="form-grid form-wide">
        <Field label="Workspace name">{(id) => <input id={id} required maxLength={200} value={draft.name} onChange={(event) => set('name', event.target.value)} />}</Field>
        <Field label="Corporate currency" hint="Roll-ups and account pipeline are converted to this currency.">
          {(id, hintId) => (
            <select id={id} aria-describedby={hintId} value={draft.corporateCurrency} onChange={(event) => set('corporateCurrency', event.target.value)}>
              {CURRENCIES.map((code) => (
                <option key={code} value={code}>
                  {code}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Fiscal year starts in">
          {(id) => (
            <select id={id} value={draft.fiscalYearStartMonth} onChange={(event) => set('fiscalYearStartMonth', Number(event.target.value))}>
              {MONTHS.map((month, index) => (
                <option key={month} value={index + 1}>
                  {month}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Fiscal calendar">
          {(id) => (
            <select id={id} value={draft.fiscalPattern} onChange={(event) => set('fiscalPattern', event.target.value as Draft['fiscalPattern'])}>
              {PATTERNS.map((pattern) => (
                <option key={pattern.value} value={pattern.value}>
                  {pattern.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Fiscal year named after" hint="FY2026 is the year ending (or starting) in 2026.">
          {(id, hintId) => (
            <select id={id} aria-describedby={hintId} value={draft.fiscalYearNaming} onChange={(event) => set('fiscalYearNaming', event.target.value as Draft['fiscalYearNaming'])}>
              <option value="end">The calendar year it ends in</option>
              <option value="start">The calendar year it starts in</option>
            </select>
          )}
        </Field>
        <Field label="Booking basis">
          {(id) => (
            <select id={id} value={draft.bookingBasis} onChange={(event) => set('bookingBasis', event.target.value as Draft['bookingBasis'])}>
              {BASES.map((basis) => (
                <option key={basis.value} value={basis.value}>
                  {basis.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="field field-checkbox form-wide">
          <input id="managers-see-pay" type="checkbox" checked={draft.managersSeePay} onChange={(event) => set('managersSeePay', event.target.checked)} />
          <label htmlFor="managers-see-pay">Managers see the pay of the people in their team</label>
        </div>
      </fieldset>
      {message !== null && <StatusMessage kind={message.kind}>{message.text}</StatusMessage>}
      {editable && (
        <div className="form-actions form-wide">
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save settings'}
          </button>
        </div>
      )}
    </form>
  );
}

export function WorkspaceTab() {
  const me = useMe();
  const { refresh } = useAuth();
  const settings = useApi<WorkspaceSettings>('/api/settings/workspace');
  if (settings.status === 'error') return <ErrorState error={settings.error} onRetry={settings.reload} />;
  if (settings.data === undefined) return <StatusMessage kind="loading">Loading…</StatusMessage>;
  return (
    <WorkspaceForm
      saved={settings.data}
      editable={can(me, 'settings.edit')}
      onSaved={(next) => {
        settings.replace(next);
        // The header shows the workspace name and currency from /api/auth/me.
        void refresh();
      }}
    />
  );
}
