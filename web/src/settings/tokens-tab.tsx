import { useState, type FormEvent } from 'react';
import type { ApiToken, CreatedToken } from '../../../src/contracts/auth.ts';
import { ROLE_LABELS, ROLES, roleCovers, type Role } from '../../../src/core/access/role.ts';
import { useMe } from '../auth/auth-context.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import { Field } from '../components/field.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import { formatInstant } from '../lib/format-date.ts';
import { errorMessage, queryString, sendJson } from '../lib/http-client.ts';
import { useApi } from '../lib/use-api.ts';

/** The tokens export lists names, roles and dates: secrets and their hashes never leave the server. */
const exportLink = (format: 'csv' | 'xlsx') => `/api/tokens/export${queryString({ format })}`;

/** The new token's secret: shown this once (only its hash is kept), with a copy button. */
function SecretOnce({ created, onDismiss }: { readonly created: CreatedToken; readonly onDismiss: () => void }) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  return (
    <div className="secret-once" role="region" aria-label="New token secret">
      <p className="warning">
        <strong>Copy this secret now.</strong> It is shown only once and cannot be shown again; if it is lost, revoke the token and
        create another.
      </p>
      <Field label={`Secret for “${created.token.name}”`}>
        {(id) => <input id={id} className="secret" readOnly value={created.secret} onFocus={(event) => event.target.select()} />}
      </Field>
      <div className="button-row">
        <button
          type="button"
          className="button-primary"
          onClick={() => {
            navigator.clipboard.writeText(created.secret).then(
              () => setCopied('yes'),
              () => setCopied('failed'),
            );
          }}
        >
          Copy secret
        </button>
        <button type="button" className="button-secondary" onClick={onDismiss}>
          I have stored it
        </button>
      </div>
      {copied === 'yes' && <StatusMessage kind="success">Copied to the clipboard.</StatusMessage>}
      {copied === 'failed' && <StatusMessage kind="error">The browser refused to copy: select the secret and copy it by hand.</StatusMessage>}
    </div>
  );
}

/** One's own API tokens: each acts with a role no wider than its user's. */
export function TokensTab() {
  const me = useMe();
  const tokens = useApi<{ items: ApiToken[] }>('/api/tokens');
  const roles = ROLES.filter((role) => roleCovers(me.role, role));
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(me.role);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [message, setMessage] = useState<{ readonly kind: 'error' | 'success'; readonly text: string } | null>(null);

  function onCreate(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setMessage(null);
    sendJson<CreatedToken>('POST', '/api/tokens', { name: name.trim(), role }).then(
      (token) => {
        setCreated(token);
        setName('');
        tokens.reload();
      },
      (failure: unknown) => setMessage({ kind: 'error', text: errorMessage(failure) }),
    );
  }

  function revoke(token: ApiToken): void {
    if (!window.confirm(`Revoke “${token.name}”? Anything using it stops working at once.`)) return;
    setMessage(null);
    sendJson<ApiToken>('DELETE', `/api/tokens/${encodeURIComponent(token.id)}`).then(
      () => {
        setMessage({ kind: 'success', text: `“${token.name}” is revoked.` });
        tokens.reload();
      },
      (failure: unknown) => setMessage({ kind: 'error', text: errorMessage(failure) }),
    );
  }

  const columns: readonly Column<ApiToken>[] = [
    { key: 'name', header: 'Name', render: (token) => token.name },
    { key: 'role', header: 'Acts as', render: (token) => ROLE_LABELS[token.role] },
    { key: 'createdAt', header: 'Created', render: (token) => formatInstant(token.createdAt) },
    { key: 'lastUsedAt', header: 'Last used', render: (token) => (token.lastUsedAt === null ? 'Never' : formatInstant(token.lastUsedAt)) },
    {
      key: 'status',
      header: 'Status',
      render: (token) =>
        token.revokedAt === null ? (
          <button type="button" className="button-secondary" onClick={() => revoke(token)}>
            Revoke <span className="visually-hidden">{token.name}</span>
          </button>
        ) : (
          `Revoked ${formatInstant(token.revokedAt)}`
        ),
    },
  ];

  return (
    <div className="stack">
      <p>API tokens let scripts and other tools call the salesops API as you. Send one as <code>Authorization: Bearer &lt;secret&gt;</code>.</p>
      {created !== null && <SecretOnce created={created} onDismiss={() => setCreated(null)} />}
      {message !== null && <StatusMessage kind={message.kind}>{message.text}</StatusMessage>}
      <DataTable
        caption="Your API tokens"
        columns={columns}
        rows={tokens.data?.items}
        rowKey={(token) => token.id}
        status={tokens.status}
        error={tokens.error}
        onRetry={tokens.reload}
        emptyMessage="You have no API tokens."
        exportLinks={{ csv: exportLink('csv'), xlsx: exportLink('xlsx') }}
      />
      <h2>Create a token</h2>
      <form className="form-inline" onSubmit={onCreate}>
        <Field label="Name" hint="What will use it, e.g. “Nightly BI export”">
          {(id, hintId) => <input id={id} aria-describedby={hintId} required maxLength={200} value={name} onChange={(event) => setName(event.target.value)} />}
        </Field>
        <Field label="Acts as role">
          {(id) => (
            <select id={id} value={role} onChange={(event) => setRole(event.target.value as Role)}>
              {roles.map((option) => (
                <option key={option} value={option}>
                  {ROLE_LABELS[option]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" className="button-primary">
          Create token
        </button>
      </form>
    </div>
  );
}
