import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Permission } from '../../../src/core/access/permission.ts';
import { StatusMessage } from '../components/status-message.tsx';
import { can, useAuth } from './auth-context.tsx';

/** Where /sign-in sends the user afterwards: only paths inside this app, never another site. */
export function safeNextPath(next: string | null): string {
  if (next === null || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

/** Shows its children to a signed-in user; anyone else goes to /sign-in and comes back afterwards. */
export function RequireAuth({ children }: { readonly children: ReactNode }) {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <StatusMessage kind="loading">Loading…</StatusMessage>;
  if (status === 'unreachable') {
    return (
      <StatusMessage kind="error">
        The salesops server cannot be reached. Check that it is running, then reload this page.
      </StatusMessage>
    );
  }
  if (status === 'signed-out') {
    const next = `${location.pathname}${location.search}`;
    const search = next === '/' ? '' : `?next=${encodeURIComponent(next)}`;
    return <Navigate to={`/sign-in${search}`} replace />;
  }
  return <>{children}</>;
}

/** A page for one permission: others see a plain refusal (the navigation hides the link already). */
export function RequirePermission({ permission, children }: { readonly permission: Permission; readonly children: ReactNode }) {
  const { me } = useAuth();
  if (!can(me, permission)) {
    return (
      <section className="page">
        <h1>No access</h1>
        <p>Your role does not give access to this page. An administrator can change your role.</p>
      </section>
    );
  }
  return <>{children}</>;
}
