import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { me, signInBody, signInProviders } from '../../contracts/auth.ts';
import { recordSignInFailure } from '../../services/auth/record-sign-in-failure.ts';
import { findActiveUserByEmail, getMe } from '../../services/auth/manage-users.ts';
import { signOut } from '../../services/auth/resolve-session.ts';
import { demoSignIns } from '../../services/demo/demo-sign-ins.ts';
import { signInWithPassword, startSessionFor } from '../../services/auth/sign-in.ts';
import { ServiceError } from '../../services/service-error.ts';
import type { ApiDeps } from '../api-deps.ts';
import { defineRoute } from '../define-route.ts';
import { clearSessionCookie, setSessionCookie } from '../request-auth.ts';

const OIDC_COOKIE = 'salesops_oidc';
const OIDC_COOKIE_MAX_AGE_SECONDS = 600;

const pendingCookie = z.object({ state: z.string(), nonce: z.string(), codeVerifier: z.string(), returnTo: z.string() });

/** Only a same-origin path may be a redirect target after sign-in: never another site. */
export function safeReturnPath(value: string | undefined): string {
  if (value === undefined || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}

function publicBaseUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

async function finishOidc(request: FastifyRequest, reply: FastifyReply, deps: ApiDeps): Promise<void> {
  const oidc = deps.oidc;
  if (oidc === null) throw new ServiceError('not_found', 'Single sign-on is not configured');
  const raw = request.cookies[OIDC_COOKIE];
  void reply.clearCookie(OIDC_COOKIE, { path: '/api/auth/oidc' });
  // Signed, so the pending state is the one this server issued, not one planted in the browser.
  const unsigned = raw === undefined ? null : request.unsignCookie(raw);
  const parsed = unsigned === null || !unsigned.valid || unsigned.value === null ? null : pendingCookie.safeParse(safeJson(unsigned.value));
  if (parsed === null || !parsed.success) {
    await recordSignInFailure(deps.store, { email: null, remoteAddress: request.ip, reason: 'sso_no_pending_state' });
    return void reply.redirect('/sign-in?error=sso_failed', 302);
  }
  let identity: { email: string; name: string | null };
  try {
    identity = await oidc.finish(new URL(request.url, publicBaseUrl(request)), parsed.data);
  } catch (error) {
    request.log.warn({ err: error }, 'single sign-on failed');
    await recordSignInFailure(deps.store, { email: null, remoteAddress: request.ip, reason: 'sso_failed' });
    return void reply.redirect('/sign-in?error=sso_failed', 302);
  }
  const user = await findActiveUserByEmail(deps.store, identity.email);
  if (user === null) {
    await recordSignInFailure(deps.store, { email: identity.email, remoteAddress: request.ip, reason: 'sso_unknown_user' });
    return void reply.redirect('/sign-in?error=sso_unknown_user', 302);
  }
  const signedIn = await startSessionFor(deps.store, user.id, 'oidc');
  setSessionCookie(reply, deps, request, signedIn.sessionToken, signedIn.expiresAt);
  return void reply.redirect(safeReturnPath(parsed.data.returnTo), 302);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export const AUTH_ROUTES = [
  defineRoute({
    method: 'GET',
    url: '/api/auth/providers',
    area: 'auth',
    summary: 'How one can sign in: password, and single sign-on when configured',
    auth: 'public',
    response: { kind: 'json', schema: signInProviders },
    handler: async ({ deps }) => {
      const demo = await demoSignIns(deps.store);
      return {
        password: true,
        oidc: deps.oidc === null ? null : { label: deps.oidc.label, startUrl: '/api/auth/oidc/start' },
        demoSignIns: demo === null ? null : demo.map((d) => ({ ...d })),
      };
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/auth/sign-in',
    area: 'auth',
    summary: 'Sign in with email and password; sets the session cookie (a new session id each time)',
    auth: 'public',
    body: signInBody,
    response: { kind: 'json', schema: me },
    handler: async ({ deps, body, request, reply }) => {
      const signedIn = await signInWithPassword(deps.store, {
        email: body.email,
        password: body.password,
        remoteAddress: request.ip,
        ...(request.headers['user-agent'] === undefined ? {} : { userAgent: request.headers['user-agent'] }),
      });
      setSessionCookie(reply, deps, request, signedIn.sessionToken, signedIn.expiresAt);
      return getMe(deps.store, signedIn.actor, signedIn.csrfToken);
    },
  }),
  defineRoute({
    method: 'POST',
    url: '/api/auth/sign-out',
    area: 'auth',
    summary: 'End this session',
    auth: 'signed-in',
    response: { kind: 'empty' },
    handler: async ({ deps, request, reply }) => {
      const token = request.auth?.sessionToken ?? null;
      if (token !== null) await signOut(deps.store, token);
      clearSessionCookie(reply);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/auth/me',
    area: 'auth',
    summary: 'The signed-in user, their role and permissions, and the CSRF token for mutations',
    auth: 'signed-in',
    response: { kind: 'json', schema: me },
    handler: ({ deps, actor, request }) => getMe(deps.store, actor, request.auth?.csrfToken ?? null),
  }),
  defineRoute({
    method: 'GET',
    url: '/api/auth/oidc/start',
    area: 'auth',
    summary: 'Start single sign-on: redirects to the identity provider',
    auth: 'public',
    query: z.object({ returnTo: z.string().max(500).optional() }),
    response: { kind: 'raw' },
    handler: async ({ deps, query, reply }) => {
      if (deps.oidc === null) throw new ServiceError('not_found', 'Single sign-on is not configured');
      const { url, pending } = await deps.oidc.start(safeReturnPath(query.returnTo));
      void reply.setCookie(OIDC_COOKIE, JSON.stringify(pending), {
        httpOnly: true,
        sameSite: 'lax',
        path: '/api/auth/oidc',
        maxAge: OIDC_COOKIE_MAX_AGE_SECONDS,
        secure: deps.config.secureCookies,
        signed: true,
      });
      void reply.redirect(url, 302);
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/auth/oidc/callback',
    area: 'auth',
    summary: 'Single sign-on callback: matches the user by email, sets the session cookie and redirects',
    auth: 'public',
    query: z.object({}).loose(),
    response: { kind: 'raw' },
    handler: ({ deps, request, reply }) => finishOidc(request, reply, deps),
  }),
];
