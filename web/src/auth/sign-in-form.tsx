import { useState, type FormEvent } from 'react';
import type { SignInProviders } from '../../../src/contracts/auth.ts';
import { ROLE_LABELS } from '../../../src/core/access/role.ts';
import { Field } from '../components/field.tsx';
import { StatusMessage } from '../components/status-message.tsx';
import { errorMessage, isHttpError } from '../lib/http-client.ts';

const clockTime = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/**
 * The server's message as written; after too many failed attempts, also the clock time at which
 * signing in is allowed again (the server's message gives the wait in seconds).
 */
export function signInErrorText(error: unknown, now: number = Date.now()): string {
  const message = errorMessage(error);
  if (isHttpError(error) && error.code === 'throttled' && error.retryAfterSeconds !== null) {
    return `${message.replace(/\.$/, '')} (at ${clockTime.format(now + error.retryAfterSeconds * 1000)}).`;
  }
  return message;
}

export interface SignInFormProps {
  readonly providers: SignInProviders | null;
  /** A problem to show before anything is typed, e.g. a failed single sign-on. */
  readonly notice?: string | null;
  /** Resolves once signed in; a rejection's message (the server's own) is shown above the form. */
  readonly onSignIn: (email: string, password: string) => Promise<unknown>;
}

export function SignInForm({ providers, notice = null, onSignIn }: SignInFormProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(notice);
  const [busy, setBusy] = useState(false);
  // Until the providers are known, offer the password form: it is the default way in.
  const passwordEnabled = providers?.password ?? true;
  const oidc = providers?.oidc ?? null;

  function onSubmit(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setBusy(true);
    setError(null);
    onSignIn(email.trim(), password).then(
      () => setBusy(false),
      (failure: unknown) => {
        setBusy(false);
        setError(signInErrorText(failure));
      },
    );
  }

  return (
    <div className="sign-in-card">
      <h1>Sign in to salesops</h1>
      {error !== null && <StatusMessage kind="error">{error}</StatusMessage>}
      {passwordEnabled && (
        <form onSubmit={onSubmit} className="form-stack">
          <Field label="Email">
            {(id) => <input id={id} type="email" autoComplete="username" required value={email} onChange={(event) => setEmail(event.target.value)} />}
          </Field>
          <Field label="Password">
            {(id) => <input id={id} type="password" autoComplete="current-password" required value={password} onChange={(event) => setPassword(event.target.value)} />}
          </Field>
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      )}
      {oidc !== null && (
        <div className="sso">
          {passwordEnabled && <p className="divider">or</p>}
          <a className="button button-secondary" href={oidc.startUrl}>
            {oidc.label}
          </a>
        </div>
      )}
      {!passwordEnabled && oidc === null && <p>No way to sign in is configured on this server. Ask its administrator.</p>}
      {passwordEnabled && providers?.demoSignIns != null && (
        <section className="demo-sign-ins" aria-label="Demo sign-ins">
          <h2>Demo company: sign in as</h2>
          <p className="muted">These users and passwords are demo data, published with salesops; they exist only in the generated demo workspace.</p>
          <ul>
            {providers.demoSignIns.map((demo) => (
              <li key={demo.email}>
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => {
                    setEmail(demo.email);
                    setPassword(demo.password);
                  }}
                >
                  {ROLE_LABELS[demo.role]}
                </button>{' '}
                <span className="muted">{demo.email}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
