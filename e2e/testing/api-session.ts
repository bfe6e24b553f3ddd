import type { Role } from '../../src/core/access/role.ts';
import { demoCredentials } from './sign-in.ts';

/** A signed-in API caller outside the browser: the session cookie the sign-in set, sent back on reads. */
export interface ApiSession {
  get(path: string): Promise<{ readonly status: number; readonly body: unknown }>;
}

/** Signs in as the demo user of `role` through POST /api/auth/sign-in. */
export async function apiSessionAs(baseUrl: string, role: Role): Promise<ApiSession> {
  const response = await fetch(new URL('/api/auth/sign-in', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: demoCredentials(role).email, password: demoCredentials(role).password }),
  });
  if (!response.ok) throw new Error(`Signing in as ${role} answered ${response.status}: ${await response.text()}`);
  // Only each cookie's name=value goes back; its attributes are for the browser.
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0] ?? '')
    .filter((pair) => pair !== '')
    .join('; ');
  return {
    get: async (path) => {
      const answer = await fetch(new URL(path, baseUrl), { headers: { cookie, accept: 'application/json' } });
      const text = await answer.text();
      return { status: answer.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
    },
  };
}
