import { useState, type FormEvent } from 'react';
import type { CreateUserBody, UpdateUserBody, User } from '../../../src/contracts/auth.ts';
import { ROLE_LABELS, ROLES, type Role } from '../../../src/core/access/role.ts';
import { useMe } from '../auth/auth-context.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import { Field } from '../components/field.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import { formatDate } from '../lib/format-date.ts';
import { errorMessage, queryString, sendJson } from '../lib/http-client.ts';
import { useApi } from '../lib/use-api.ts';

/** The users export: every user, never a password hash. */
const exportLink = (format: 'csv' | 'xlsx') => `/api/users/export${queryString({ format })}`;

/** Passwords shorter than this are refused by the API (contracts/auth.ts). */
const MIN_PASSWORD_LENGTH = 12;

function CreateUserForm({ onCreated }: { readonly onCreated: (user: User) => void }) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<Role>('rep');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    const body: CreateUserBody = { email: email.trim(), displayName: displayName.trim(), role, ...(password === '' ? {} : { password }) };
    setBusy(true);
    setError(null);
    sendJson<User>('POST', '/api/users', body).then(
      (user) => {
        setBusy(false);
        setEmail('');
        setDisplayName('');
        setPassword('');
        onCreated(user);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(errorMessage(failure));
      },
    );
  }

  return (
    <form className="form-inline" onSubmit={onSubmit}>
      <Field label="Email">{(id) => <input id={id} type="email" required maxLength={254} value={email} onChange={(event) => setEmail(event.target.value)} />}</Field>
      <Field label="Name">{(id) => <input id={id} required maxLength={200} value={displayName} onChange={(event) => setDisplayName(event.target.value)} />}</Field>
      <Field label="Role">
        {(id) => (
          <select id={id} value={role} onChange={(event) => setRole(event.target.value as Role)}>
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {ROLE_LABELS[option]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="Password" hint={`Optional (single sign-on users need none); at least ${MIN_PASSWORD_LENGTH} characters`}>
        {(id, hintId) => (
          <input id={id} type="password" autoComplete="new-password" aria-describedby={hintId} minLength={MIN_PASSWORD_LENGTH} value={password} onChange={(event) => setPassword(event.target.value)} />
        )}
      </Field>
      <button type="submit" className="button-primary" disabled={busy}>
        Create user
      </button>
      {error !== null && <StatusMessage kind="error">{error}</StatusMessage>}
    </form>
  );
}

/** Users and roles: list, create, change role, deactivate or reactivate (admins, users.manage). */
export function UsersTab() {
  const me = useMe();
  const users = useApi<{ items: User[] }>('/api/users');
  const [message, setMessage] = useState<{ readonly kind: 'error' | 'success'; readonly text: string } | null>(null);

  function change(user: User, body: UpdateUserBody, done: string): void {
    setMessage(null);
    sendJson<User>('PATCH', `/api/users/${encodeURIComponent(user.id)}`, body).then(
      () => {
        setMessage({ kind: 'success', text: done });
        users.reload();
      },
      (failure: unknown) => setMessage({ kind: 'error', text: `${user.displayName}: ${errorMessage(failure)}` }),
    );
  }

  const columns: readonly Column<User>[] = [
    { key: 'displayName', header: 'Name', render: (user) => user.displayName },
    { key: 'email', header: 'Email', render: (user) => user.email },
    {
      key: 'role',
      header: 'Role',
      render: (user) => (
        <>
          <label className="visually-hidden" htmlFor={`role-${user.id}`}>
            Role of {user.displayName}
          </label>
          <select
            id={`role-${user.id}`}
            value={user.role}
            disabled={user.id === me.id}
            title={user.id === me.id ? 'Another administrator can change your own role' : undefined}
            onChange={(event) => change(user, { role: event.target.value as Role }, `${user.displayName} is now ${ROLE_LABELS[event.target.value as Role]}.`)}
          >
            {ROLES.map((option) => (
              <option key={option} value={option}>
                {ROLE_LABELS[option]}
              </option>
            ))}
          </select>
        </>
      ),
    },
    { key: 'person', header: 'Person', render: (user) => user.personName ?? '—' },
    { key: 'signIn', header: 'Sign-in', render: (user) => (user.hasPassword ? 'Password' : 'Single sign-on') },
    { key: 'active', header: 'Status', render: (user) => (user.active ? 'Active' : 'Deactivated') },
    { key: 'createdAt', header: 'Created', render: (user) => formatDate(user.createdAt) },
    {
      key: 'actions',
      header: 'Actions',
      render: (user) =>
        user.id === me.id ? (
          <span className="muted">You</span>
        ) : user.active ? (
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              if (window.confirm(`Deactivate ${user.displayName}? They are signed out and can no longer sign in.`)) change(user, { active: false }, `${user.displayName} is deactivated.`);
            }}
          >
            Deactivate
          </button>
        ) : (
          <button type="button" className="button-secondary" onClick={() => change(user, { active: true }, `${user.displayName} is active again.`)}>
            Reactivate
          </button>
        ),
    },
  ];

  return (
    <div className="stack">
      {message !== null && <StatusMessage kind={message.kind}>{message.text}</StatusMessage>}
      <DataTable
        caption="Users"
        columns={columns}
        rows={users.data?.items}
        rowKey={(user) => user.id}
        status={users.status}
        error={users.error}
        onRetry={users.reload}
        emptyMessage="No users yet."
        exportLinks={{ csv: exportLink('csv'), xlsx: exportLink('xlsx') }}
      />
      <h2>Create a user</h2>
      <CreateUserForm
        onCreated={(user) => {
          setMessage({ kind: 'success', text: `${user.displayName} can now sign in as ${ROLE_LABELS[user.role]}.` });
          users.reload();
        }}
      />
    </div>
  );
}
