import { useState, type FormEvent } from 'react';
import type { CurrencyRate } from '../../../src/contracts/settings.ts';
import { can, useMe } from '../auth/auth-context.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import { Field } from '../components/field.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import { formatDate } from '../lib/format-date.ts';
import { errorMessage, queryString, sendJson } from '../lib/http-client.ts';
import { useApi } from '../lib/use-api.ts';

interface CurrencyRates {
  readonly corporateCurrency: string;
  readonly rates: readonly CurrencyRate[];
}

const exportLink = (format: 'csv' | 'xlsx') => `/api/settings/currency-rates/export${queryString({ format })}`;

function AddRateForm({ corporateCurrency, onAdded }: { readonly corporateCurrency: string; readonly onAdded: () => void }) {
  const [currency, setCurrency] = useState('');
  const [startDate, setStartDate] = useState('');
  const [rate, setRate] = useState('');
  const [message, setMessage] = useState<{ readonly kind: 'error' | 'success'; readonly text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setBusy(true);
    setMessage(null);
    // The rate stays a decimal string end to end: it is never turned into a float here.
    const body = { currency: currency.trim().toUpperCase(), startDate: startDate === '' ? null : startDate, rate: rate.trim() };
    sendJson<unknown>('POST', '/api/settings/currency-rates', body).then(
      () => {
        setBusy(false);
        setMessage({ kind: 'success', text: `Rate for ${body.currency} added.` });
        setCurrency('');
        setStartDate('');
        setRate('');
        onAdded();
      },
      (failure: unknown) => {
        setBusy(false);
        setMessage({ kind: 'error', text: errorMessage(failure) });
      },
    );
  }

  return (
    <form className="form-inline" onSubmit={onSubmit}>
      <Field label="Currency" hint="ISO code, such as EUR">
        {(id, hintId) => <input id={id} aria-describedby={hintId} required pattern="[A-Za-z]{3}" maxLength={3} size={5} value={currency} onChange={(event) => setCurrency(event.target.value)} />}
      </Field>
      <Field label="From date" hint="Empty: the standing rate">
        {(id, hintId) => <input id={id} type="date" aria-describedby={hintId} value={startDate} onChange={(event) => setStartDate(event.target.value)} />}
      </Field>
      <Field label={`Units per 1 ${corporateCurrency}`} hint="A decimal such as 0.92">
        {(id, hintId) => <input id={id} aria-describedby={hintId} required inputMode="decimal" pattern="\d+(\.\d+)?" value={rate} onChange={(event) => setRate(event.target.value)} />}
      </Field>
      <button type="submit" className="button-primary" disabled={busy}>
        Add rate
      </button>
      {message !== null && <StatusMessage kind={message.kind}>{message.text}</StatusMessage>}
    </form>
  );
}

export function CurrenciesTab() {
  const me = useMe();
  const rates = useApi<CurrencyRates>('/api/settings/currency-rates');
  const corporate = rates.data?.corporateCurrency ?? me.workspace?.corporateCurrency ?? '';
  const columns: readonly Column<CurrencyRate>[] = [
    { key: 'currency', header: 'Currency', render: (row) => row.currency },
    { key: 'startDate', header: 'From', render: (row) => (row.startDate === null ? 'Standing rate' : formatDate(row.startDate)) },
    { key: 'rate', header: `Units per 1 ${corporate}`, align: 'end', render: (row) => <span className="number">{row.rate}</span> },
  ];
  return (
    <div className="stack">
      <p>
        Corporate currency: <strong>{corporate}</strong>. A dated rate applies from its date until the next one; the standing rate
        applies where no dated rate does.
      </p>
      <DataTable
        caption="Currency rates"
        columns={columns}
        rows={rates.data?.rates}
        rowKey={(row) => `${row.currency}-${row.startDate ?? 'standing'}`}
        status={rates.status}
        error={rates.error}
        onRetry={rates.reload}
        emptyMessage="No rates yet: amounts in other currencies cannot be converted until one is added."
        exportLinks={{ csv: exportLink('csv'), xlsx: exportLink('xlsx') }}
      />
      {can(me, 'settings.edit') && (
        <>
          <h2>Add a rate</h2>
          <AddRateForm corporateCurrency={corporate} onAdded={rates.reload} />
        </>
      )}
    </div>
  );
}
