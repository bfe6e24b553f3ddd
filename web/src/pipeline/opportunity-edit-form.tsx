import { useState, type FormEvent } from 'react';
import type { OpportunityDetail, UpdateOpportunityBody } from '../../../src/contracts/pipeline.ts';
import { Field } from '../components/field.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import { exponentOf, minorToDecimalString, parseMoneyInput } from '../lib/format-money.ts';
import { errorMessage, sendJson } from '../lib/http-client.ts';
import { FORECAST_CATEGORIES, FORECAST_CATEGORY_LABELS, type ForecastCategory } from './labels.ts';

interface Draft {
  stageId: string;
  amount: string;
  closeDate: string;
  forecastCategory: ForecastCategory;
  nextStep: string;
}

function draftOf(detail: OpportunityDetail, currency: string): Draft {
  return {
    stageId: detail.stage.id,
    amount: detail.amount === null ? '' : minorToDecimalString(detail.amount.minor, exponentOf(currency)),
    closeDate: detail.closeDate,
    forecastCategory: detail.forecastCategory,
    nextStep: detail.nextStep ?? '',
  };
}

/** Only the fields that differ from the saved record, so the audit log shows what was really changed. */
function changesOf(detail: OpportunityDetail, draft: Draft, currency: string): UpdateOpportunityBody | string {
  const body: UpdateOpportunityBody = {};
  if (draft.stageId !== detail.stage.id) body.stageId = draft.stageId;
  const amountMinor = draft.amount.trim() === '' ? null : parseMoneyInput(draft.amount, currency);
  if (draft.amount.trim() !== '' && amountMinor === null) {
    return `The amount must be a positive number in ${currency} with at most ${exponentOf(currency)} decimal places.`;
  }
  if (amountMinor !== (detail.amount?.minor ?? null)) body.amountMinor = amountMinor;
  if (draft.closeDate !== detail.closeDate) body.closeDate = draft.closeDate;
  if (draft.forecastCategory !== detail.forecastCategory) body.forecastCategory = draft.forecastCategory;
  const nextStep = draft.nextStep.trim() === '' ? null : draft.nextStep.trim();
  if (nextStep !== detail.nextStep) body.nextStep = nextStep;
  return body;
}

export function OpportunityEditForm({ detail, currency, onSaved, onCancel }: { readonly detail: OpportunityDetail; readonly currency: string; readonly onSaved: (detail: OpportunityDetail) => void; readonly onCancel: () => void }) {
  const [draft, setDraft] = useState<Draft>(() => draftOf(detail, currency));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const body = changesOf(detail, draft, currency);
    if (typeof body === 'string') return setError(body);
    if (Object.keys(body).length === 0) return setError('Nothing has changed.');
    setBusy(true);
    setError(null);
    sendJson<OpportunityDetail>('PATCH', `/api/opportunities/${encodeURIComponent(detail.id)}`, body).then(
      (saved) => {
        setBusy(false);
        onSaved(saved);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorMessage(failure));
      },
    );
  }

  return (
    <form className="form-grid" onSubmit={onSubmit}>
      {error !== null && <StatusMessage kind="error">{error}</StatusMessage>}
      <Field label="Stage">
        {(id) => (
          <select id={id} value={draft.stageId} onChange={(event) => set('stageId', event.target.value)}>
            {detail.stages.map((stage) => (
              <option key={stage.id} value={stage.id}>
                {stage.name}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={`Amount (${currency})`} hint="Leave empty for no amount.">
        {(id, hintId) => <input id={id} inputMode="decimal" aria-describedby={hintId} value={draft.amount} onChange={(event) => set('amount', event.target.value)} />}
      </Field>
      <Field label="Close date">
        {(id) => <input id={id} type="date" required value={draft.closeDate} onChange={(event) => set('closeDate', event.target.value)} />}
      </Field>
      <Field label="Forecast category">
        {(id) => (
          <select id={id} value={draft.forecastCategory} onChange={(event) => set('forecastCategory', event.target.value as ForecastCategory)}>
            {FORECAST_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {FORECAST_CATEGORY_LABELS[category]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Next step">
        {(id) => <input id={id} maxLength={255} value={draft.nextStep} onChange={(event) => set('nextStep', event.target.value)} />}
      </Field>
      <div className="form-actions">
        <button type="submit" className="button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
