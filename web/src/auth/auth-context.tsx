import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Me } from '../../../src/contracts/auth.ts';
import type { Permission } from '../../../src/core/access/permission.ts';
import { isHttpError, setCsrfToken, setUnauthenticatedHandler } from '../lib/http-client.ts';
import { fetchMe, requestSignIn, requestSignOut } from './auth-requests.ts';

export type AuthStatus = 'loading' | 'signed-out' | 'signed-in' | 'unreachable';

export interface AuthValue {
  readonly status: AuthStatus;
  readonly me: Me | null;
  readonly signIn: (email: string, password: string) => Promise<Me>;
  readonly signOut: () => Promise<void>;
  /** Reads /api/auth/me again, e.g. after the workspace name changed. */
  readonly refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

/** Whether the signed-in user holds a permission; nothing is allowed when nobody is signed in. */
export function can(me: Me | null, permission: Permission): boolean {
  return me !== null && me.permissions.includes(permission);
}

export function AuthProvider({ children }: { readonly children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [me, setMe] = useState<Me | null>(null);

  const accept = useCallback((next: Me | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setMe(next);
    setStatus(next === null ? 'signed-out' : 'signed-in');
  }, []);

  const refresh = useCallback(async () => {
    try {
      accept(await fetchMe());
    } catch (error) {
      if (isHttpError(error, 401)) accept(null);
      else setStatus((current) => (current === 'signed-in' ? current : 'unreachable'));
    }
  }, [accept]);

  useEffect(() => {
    // Any 401 from any request means the sign-in session ended: forget the user, RequireAuth redirects.
    setUnauthenticatedHandler(() => accept(null));
    void refresh();
    return () => setUnauthenticatedHandler(null);
  }, [accept, refresh]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const signedIn = await requestSignIn(email, password);
      accept(signedIn);
      return signedIn;
    },
    [accept],
  );

  const signOut = useCallback(async () => {
    try {
      await requestSignOut();
    } finally {
      accept(null);
    }
  }, [accept]);

  const value = useMemo<AuthValue>(() => ({ status, me, signIn, signOut, refresh }), [status, me, signIn, signOut, refresh]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (value === null) throw new Error('useAuth is used outside <AuthProvider>');
  return value;
}

/** The signed-in user, inside pages that RequireAuth guards. */
export function useMe(): Me {
  const { me } = useAuth();
  if (me === null) throw new Error('useMe is used where nobody is signed in');
  return me;
}
