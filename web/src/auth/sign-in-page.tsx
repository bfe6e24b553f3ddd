import { useEffect, useState } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import type { SignInProviders } from '../../../src/contracts/auth.ts';
import { useAuth } from './auth-context.tsx';
import { fetchSignInProviders } from './auth-requests.ts';
import { safeNextPath } from './require-auth.tsx';
import { SignInForm } from './sign-in-form.tsx';

/** The reasons single sign-on sends back in `?error=` (see the API's OIDC callback). */
const SSO_ERRORS: Readonly<Record<string, string>> = {
  sso_failed: 'Single sign-on did not complete. Try again, or sign in with your password.',
  sso_unknown_user: 'Single sign-on worked, but no active salesops user has that email address. Ask an administrator to add you.',
};

export function SignInPage() {
  const { status, signIn } = useAuth();
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  const [providers, setProviders] = useState<SignInProviders | null>(null);

  useEffect(() => {
    // Without the list the password form still shows; single sign-on just is not offered.
    fetchSignInProviders().then(setProviders, () => setProviders(null));
  }, []);

  if (status === 'signed-in') return <Navigate to={next} replace />;

  const errorCode = params.get('error');
  const notice = errorCode === null ? null : (SSO_ERRORS[errorCode] ?? 'Signing in did not complete. Try again.');
  // Single sign-on comes back to the same page the user was headed to.
  const oidc = providers?.oidc ?? null;
  const withReturn: SignInProviders | null =
    providers === null || oidc === null
      ? providers
      : { ...providers, oidc: { ...oidc, startUrl: `${oidc.startUrl}${oidc.startUrl.includes('?') ? '&' : '?'}returnTo=${encodeURIComponent(next)}` } };

  return (
    <main className="sign-in-page" id="main">
      {/* Once signed in, the status change above sends the user on to where they were headed. */}
      <SignInForm providers={withReturn} notice={notice} onSignIn={signIn} />
    </main>
  );
}
