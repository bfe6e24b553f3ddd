import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../services/access/actor.ts';
import { recordDenied } from '../services/access/authorize.ts';
import { resolveApiToken } from '../services/auth/api-tokens.ts';
import { resolveSession } from '../services/auth/resolve-session.ts';
import { ServiceError } from '../services/service-error.ts';
import type { ApiDeps } from './api-deps.ts';

export const SESSION_COOKIE = 'salesops_session';
export const CSRF_HEADER = 'x-csrf-token';

/** How the caller proved who it is. Only cookie callers need the CSRF header: a script's bearer token is not sent by browsers on their own. */
export interface RequestAuth {
  readonly actor: Actor;
  readonly via: 'cookie' | 'token';
  /** The session's CSRF token (cookie callers only). */
  readonly csrfToken: string | null;
  readonly sessionToken: string | null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearerSecret(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

/** Reads the caller from the Authorization header or the session cookie; null when neither is valid. */
export async function authenticate(request: FastifyRequest, deps: ApiDeps): Promise<RequestAuth | null> {
  const secret = bearerSecret(request);
  if (secret !== null) {
    const actor = await resolveApiToken(deps.store, secret);
    if (actor === null) throw new ServiceError('unauthenticated', 'The API token is unknown, revoked or its user is inactive');
    return { actor, via: 'token', csrfToken: null, sessionToken: null };
  }
  const sessionToken = request.cookies[SESSION_COOKIE];
  if (sessionToken === undefined || sessionToken === '') return null;
  const session = await resolveSession(deps.store, sessionToken);
  if (session === null) return null;
  return { actor: session.actor, via: 'cookie', csrfToken: session.csrfToken, sessionToken };
}

/**
 * Refuses a cookie-authenticated mutation without the session's CSRF token in the X-CSRF-Token
 * header. A page on another site can make the browser send the cookie, but cannot read the token.
 */
export async function checkCsrf(request: FastifyRequest, auth: RequestAuth, deps: ApiDeps): Promise<void> {
  if (auth.via !== 'cookie' || SAFE_METHODS.has(request.method)) return;
  const sent = request.headers[CSRF_HEADER];
  if (typeof sent === 'string' && auth.csrfToken !== null && sent === auth.csrfToken) return;
  await recordDenied(deps.store, auth.actor, 'csrf', 'request', `${request.method} ${request.url}`);
  throw new ServiceError('forbidden', 'The request lacks the CSRF token; reload the page and try again', { reason: 'csrf' });
}

export function setSessionCookie(reply: FastifyReply, deps: ApiDeps, request: FastifyRequest, token: string, expiresAt: string): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: deps.config.secureCookies || request.protocol === 'https',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  void reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
