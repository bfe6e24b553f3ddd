import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditQuery } from '../../contracts/audit.ts';
import { createInProcessQueue } from '../../jobs/in-process-queue.ts';
import { CLI_ACTOR } from '../../services/access/actor.ts';
import { listAuditPage } from '../../services/audit/list-audit.ts';
import { createUser } from '../../services/auth/manage-users.ts';
import type { JobQueue } from '../../services/jobs/job-queue.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import type { ServerConfig } from '../api-deps.ts';
import { createOidcSignIn, type OidcSignIn } from '../oidc/oidc-sign-in.ts';
import { followOidcLogin, startLocalOidcProvider, type LocalOidcProvider } from '../oidc/testing/local-oidc-provider.ts';
import { buildServer } from '../server.ts';
import { TEST_SERVER_CONFIG } from '../testing/api-fixture.ts';

const CONFIG: ServerConfig = { ...TEST_SERVER_CONFIG, bodyLimitBytes: 1_048_576, uploadLimitBytes: 10_485_760 };

const CLIENT = { clientId: 'salesops', clientSecret: 'a-client-secret-for-tests' };

/** The cookies a response sets, by name, as a browser would send them back (`name=value`). */
function cookiesSetBy(response: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(';')[0] ?? '';
    const name = pair.slice(0, pair.indexOf('='));
    if (pair.slice(name.length + 1) !== '') cookies.set(name, pair);
  }
  return cookies;
}

for (const engine of TEST_ENGINES) {
  describe(`single sign-on through the server on ${engine}`, () => {
    const ctx = useTestStore(engine);
    let queue: JobQueue;
    let app: FastifyInstance;
    let provider: LocalOidcProvider;
    let serverUrl: string;

    beforeEach(async () => {
      queue = createInProcessQueue(ctx.store, { log: () => undefined });
      await queue.start();
      // The redirect URI holds the server's port, known only once it listens, and the provider and
      // the client need the redirect URI: the server gets a sign-in that waits for the real one.
      let signIn: OidcSignIn | null = null;
      const ready = (): OidcSignIn => {
        if (signIn === null) throw new Error('single sign-on is not set up yet');
        return signIn;
      };
      const oidc: OidcSignIn = {
        label: 'Sign in with Local',
        start: (returnTo) => ready().start(returnTo),
        finish: (callbackUrl, pending) => ready().finish(callbackUrl, pending),
      };
      app = await buildServer({ store: ctx.store, queue, config: CONFIG, oidc });
      await app.listen({ host: '127.0.0.1', port: 0 });
      serverUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      const redirectUri = `${serverUrl}/api/auth/oidc/callback`;
      provider = await startLocalOidcProvider({
        accounts: [
          { id: 'ada', email: 'Ada.Lovelace@Example.com', name: 'Ada Lovelace' },
          { id: 'stranger', email: 'stranger@example.com', name: 'Sam Stranger' },
        ],
        redirectUris: [redirectUri],
        ...CLIENT,
      });
      signIn = await createOidcSignIn({ issuer: provider.issuer, redirectUri, label: 'Sign in with Local', allowHttp: true, ...CLIENT });
    });

    afterEach(async () => {
      await app.close();
      await queue.stop();
      await provider.close();
    });

    /** The browser's round trip: the server's start, the provider's login as `login`, the server's callback. */
    async function signInAs(login: string, returnTo: string): Promise<Response> {
      const start = await fetch(`${serverUrl}/api/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`, { redirect: 'manual' });
      expect(start.status).toBe(302);
      const authorizationUrl = start.headers.get('location') ?? '';
      expect(authorizationUrl.startsWith(`${provider.issuer}/`)).toBe(true);
      const pending = cookiesSetBy(start).get('salesops_oidc');
      expect(pending).toBeDefined();
      const callback = await followOidcLogin(authorizationUrl, login);
      expect(callback.origin).toBe(serverUrl);
      return fetch(callback, { redirect: 'manual', headers: { cookie: pending ?? '' } });
    }

    it('signs in the user whose email the provider verified, and /api/auth/me answers that user', async () => {
      const user = await createUser(ctx.store, CLI_ACTOR, { email: 'ada.lovelace@example.com', displayName: 'Ada Lovelace', role: 'finance', personId: null });

      const callback = await signInAs('ada', '/pipeline');

      expect(callback.status).toBe(302);
      expect(callback.headers.get('location')).toBe('/pipeline');
      const session = cookiesSetBy(callback).get('salesops_session');
      expect(session).toBeDefined();
      const me = await fetch(`${serverUrl}/api/auth/me`, { headers: { cookie: session ?? '' } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ id: user.id, email: 'ada.lovelace@example.com', role: 'finance' });
    });

    it('ends at /sign-in?error=sso_unknown_user with no session, and audits the failure, for an email no user has', async () => {
      await createUser(ctx.store, CLI_ACTOR, { email: 'ada.lovelace@example.com', displayName: 'Ada Lovelace', role: 'finance', personId: null });

      const callback = await signInAs('stranger', '/pipeline');

      expect(callback.status).toBe(302);
      expect(callback.headers.get('location')).toBe('/sign-in?error=sso_unknown_user');
      expect(cookiesSetBy(callback).has('salesops_session')).toBe(false);
      const failures = await listAuditPage(ctx.store, CLI_ACTOR, auditQuery.parse({ action: 'sign_in_failed' }));
      expect(failures.items.map((event) => event.after)).toEqual([expect.objectContaining({ email: 'stranger@example.com', reason: 'sso_unknown_user' })]);
    });

    it('ends at /sign-in?error=sso_failed with no session when the callback comes without the pending sign-in cookie', async () => {
      await createUser(ctx.store, CLI_ACTOR, { email: 'ada.lovelace@example.com', displayName: 'Ada Lovelace', role: 'finance', personId: null });
      const start = await fetch(`${serverUrl}/api/auth/oidc/start`, { redirect: 'manual' });
      const callbackUrl = await followOidcLogin(start.headers.get('location') ?? '', 'ada');

      const callback = await fetch(callbackUrl, { redirect: 'manual' });

      expect(callback.status).toBe(302);
      expect(callback.headers.get('location')).toBe('/sign-in?error=sso_failed');
      expect(cookiesSetBy(callback).has('salesops_session')).toBe(false);
    });
  });
}
