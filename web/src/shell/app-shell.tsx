import { useState } from 'react';
import { Outlet, useNavigate } from 'react-router';
import { ROLE_LABELS } from '../../../src/core/access/role.ts';
import { StatusMessage } from '../components/status-message.tsx';
import { useMe, useAuth } from '../auth/auth-context.tsx';
import { errorMessage } from '../lib/http-client.ts';
import { Navigation } from './navigation.tsx';

/** Header, left navigation and the page: everything after sign-in renders inside this. */
export function AppShell() {
  const me = useMe();
  const { signOut } = useAuth();
  const navigate = useNavigate();
  const [signOutError, setSignOutError] = useState<string | null>(null);

  function onSignOut(): void {
    signOut().then(
      () => navigate('/sign-in', { replace: true }),
      (error: unknown) => setSignOutError(errorMessage(error)),
    );
  }

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <div className="app-brand">
          <span className="app-logo" aria-hidden="true">
            so
          </span>
          <span className="workspace-name">{me.workspace?.name ?? 'salesops'}</span>
          {me.workspace?.isDemo === true && (
            <span className="badge badge-demo" title="This workspace holds a generated demo company, not real data">
              Demo data
            </span>
          )}
        </div>
        <div className="app-user">
          <span className="user-name">{me.displayName}</span>
          <span className="user-role">{ROLE_LABELS[me.role]}</span>
          <button type="button" className="button-secondary" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      {signOutError !== null && <StatusMessage kind="error">Sign-out failed: {signOutError}</StatusMessage>}
      <div className="app-body">
        <Navigation permissions={me.permissions} />
        <main id="main" className="app-main" tabIndex={-1}>
          <Outlet />
        </main>
      </div>
    </div>
  );
}
