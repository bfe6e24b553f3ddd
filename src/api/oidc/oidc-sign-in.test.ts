import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '../../services/service-error.ts';
import { createOidcSignIn, type OidcSignIn } from './oidc-sign-in.ts';
import { followOidcLogin, startLocalOidcProvider, type LocalOidcProvider } from './testing/local-oidc-provider.ts';

// Nothing listens here: the provider redirects to it and the test reads the URL without requesting it.
const REDIRECT_URI = 'http://127.0.0.1:9/api/auth/oidc/callback';

async function refusal(promise: Promise<unknown>): Promise<ServiceError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ServiceError);
  return error as ServiceError;
}

describe('createOidcSignIn against a local OpenID provider', () => {
  let provider: LocalOidcProvider;
  let signIn: OidcSignIn;

  beforeAll(async () => {
    provider = await startLocalOidcProvider({
      accounts: [
        { id: 'ada', email: 'Ada.Lovelace@Example.COM', name: 'Ada Lovelace' },
        { id: 'grace', email: 'grace@example.com', emailVerified: false, name: 'Grace Hopper' },
      ],
      clientId: 'salesops',
      clientSecret: 'a-client-secret-for-tests',
      redirectUris: [REDIRECT_URI],
    });
    signIn = await createOidcSignIn({
      issuer: provider.issuer,
      clientId: 'salesops',
      clientSecret: 'a-client-secret-for-tests',
      redirectUri: REDIRECT_URI,
      label: 'Sign in with Local',
      allowHttp: true,
    });
  });

  afterAll(async () => {
    await provider.close();
  });

  it('starts at the issuer’s authorization endpoint with PKCE S256, state and nonce', async () => {
    const { url, pending } = await signIn.start('/pipeline');
    const authorization = new URL(url);
    expect(authorization.origin).toBe(provider.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorization.searchParams.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(authorization.searchParams.get('state')).toBe(pending.state);
    expect(authorization.searchParams.get('nonce')).toBe(pending.nonce);
    expect(authorization.searchParams.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(authorization.searchParams.get('scope')).toBe('openid email profile');
    expect(pending.returnTo).toBe('/pipeline');
  });

  it('never sends the code verifier to the browser, only its challenge', async () => {
    const { url, pending } = await signIn.start('/');
    expect(url).not.toContain(pending.codeVerifier);
  });

  it('returns the account’s verified email, lower-cased, and its name after the provider’s login', async () => {
    const { url, pending } = await signIn.start('/');
    const callback = await followOidcLogin(url, 'ada');
    expect(callback.href.startsWith(`${REDIRECT_URI}?`)).toBe(true);
    expect(await signIn.finish(callback, pending)).toEqual({ email: 'ada.lovelace@example.com', name: 'Ada Lovelace' });
  });

  it('refuses a callback whose state is not the one it started with', async () => {
    const { url, pending } = await signIn.start('/');
    const callback = await followOidcLogin(url, 'ada');
    callback.searchParams.set('state', `${pending.state}x`);
    const error = await refusal(signIn.finish(callback, pending));
    expect(error.code).toBe('unauthenticated');
    expect(error.details).toMatchObject({ reason: 'callback_rejected' });
  });

  it('refuses a code redeemed with another flow’s code verifier', async () => {
    const first = await signIn.start('/');
    const second = await signIn.start('/');
    const callback = await followOidcLogin(first.url, 'ada');
    const error = await refusal(signIn.finish(callback, { ...first.pending, codeVerifier: second.pending.codeVerifier }));
    expect(error.code).toBe('unauthenticated');
  });

  it('refuses an ID token whose nonce is not the one it started with', async () => {
    const { url, pending } = await signIn.start('/');
    const callback = await followOidcLogin(url, 'ada');
    const error = await refusal(signIn.finish(callback, { ...pending, nonce: `${pending.nonce}x` }));
    expect(error.code).toBe('unauthenticated');
    expect(error.details).toMatchObject({ reason: 'callback_rejected' });
  });

  it('refuses an account whose email the provider has not verified', async () => {
    const { url, pending } = await signIn.start('/');
    const callback = await followOidcLogin(url, 'grace');
    const error = await refusal(signIn.finish(callback, pending));
    expect(error.code).toBe('unauthenticated');
    expect(error.details).toMatchObject({ reason: 'email_unverified' });
  });

  it('refuses a person the provider shares no email for', async () => {
    const { url, pending } = await signIn.start('/');
    const callback = await followOidcLogin(url, 'someone-without-email');
    const error = await refusal(signIn.finish(callback, pending));
    expect(error.code).toBe('unauthenticated');
    expect(error.details).toMatchObject({ reason: 'email_missing' });
  });

  it('refuses a callback that carries the provider’s error instead of a code', async () => {
    const { pending } = await signIn.start('/');
    const callback = new URL(REDIRECT_URI);
    callback.search = new URLSearchParams({ error: 'access_denied', state: pending.state, iss: provider.issuer }).toString();
    const error = await refusal(signIn.finish(callback, pending));
    expect(error.code).toBe('unauthenticated');
  });
});

describe('createOidcSignIn at startup', () => {
  it('fails with an error naming the issuer when the provider cannot be reached', async () => {
    const issuer = 'http://127.0.0.1:9';
    await expect(
      createOidcSignIn({ issuer, clientId: 'salesops', clientSecret: 'secret', redirectUri: REDIRECT_URI, label: 'SSO', allowHttp: true }),
    ).rejects.toThrow(/OpenID provider at http:\/\/127\.0\.0\.1:9 could not be reached/);
  });

  it('refuses an http:// issuer unless http is allowed', async () => {
    const error = await refusal(
      createOidcSignIn({ issuer: 'http://sso.example.com', clientId: 'salesops', clientSecret: 'secret', redirectUri: REDIRECT_URI, label: 'SSO', allowHttp: false }),
    );
    expect(error.code).toBe('invalid_argument');
  });
});
