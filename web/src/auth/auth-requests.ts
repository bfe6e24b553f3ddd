import type { Me, SignInProviders } from '../../../src/contracts/auth.ts';
import { getJson, request, sendJson } from '../lib/http-client.ts';

export function fetchSignInProviders(): Promise<SignInProviders> {
  return getJson<SignInProviders>('/api/auth/providers');
}

/** Who is signed in; an HttpError with status 401 when nobody is. */
export function fetchMe(): Promise<Me> {
  return request<Me>('GET', '/api/auth/me', { expectUnauthenticated: true });
}

export function requestSignIn(email: string, password: string): Promise<Me> {
  return request<Me>('POST', '/api/auth/sign-in', { json: { email, password }, expectUnauthenticated: true });
}

export function requestSignOut(): Promise<void> {
  return sendJson<undefined>('POST', '/api/auth/sign-out');
}
