import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../store/audit-repository.ts';
import { listSessionsOfUser } from '../../store/session-repository.ts';
import { listSignInAttempts } from '../../store/sign-in-attempt-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { CLI_ACTOR } from '../access/actor.ts';
import { ServiceError } from '../service-error.ts';
import { updateUser } from './manage-users.ts';
import { resolveSession } from './resolve-session.ts';
import { hashSecretToken } from './secret-token.ts';
import { MAX_FAILED_SIGN_INS_PER_ADDRESS, MAX_FAILED_SIGN_INS_PER_EMAIL, signInWithPassword, SIGN_IN_WINDOW_MS, startSessionFor } from './sign-in.ts';
import { makeTestUser } from './testing/make-test-user.ts';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const later = (ms: number): Date => new Date(NOW.getTime() + ms);
const ADDRESS = '203.0.113.7';

async function failureOf(work: Promise<unknown>): Promise<ServiceError> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ServiceError) return error;
    throw error;
  }
  throw new Error('expected a ServiceError');
}

for (const engine of TEST_ENGINES) {
  describe(`signInWithPassword on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('starts a session whose token only the caller holds: the database keeps its SHA-256', async () => {
      const { user, password } = await makeTestUser(ctx.store, { role: 'manager' });
      const signedIn = await signInWithPassword(ctx.store, { email: user.email, password, remoteAddress: ADDRESS }, NOW);
      expect(signedIn.actor).toEqual({ userId: user.id, role: 'manager', personId: null, displayName: user.displayName, via: 'session' });
      expect(signedIn.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const [stored] = await listSessionsOfUser(ctx.store.db, user.id);
      expect(stored).toMatchObject({ tokenHash: hashSecretToken(signedIn.sessionToken), csrfToken: signedIn.csrfToken, lastSeenAt: NOW.toISOString() });
      expect(stored?.tokenHash).not.toContain(signedIn.sessionToken);
    });

    it('ends the session 7 days after sign-in at the latest', async () => {
      const { user, password } = await makeTestUser(ctx.store);
      const signedIn = await signInWithPassword(ctx.store, { email: user.email, password, remoteAddress: ADDRESS }, NOW);
      expect(signedIn.expiresAt).toBe('2026-03-09T09:00:00.000Z');
    });

    it('gives a new session token and CSRF token at every sign-in', async () => {
      const { user, password } = await makeTestUser(ctx.store);
      const first = await signInWithPassword(ctx.store, { email: user.email, password, remoteAddress: ADDRESS }, NOW);
      const second = await signInWithPassword(ctx.store, { email: user.email, password, remoteAddress: ADDRESS }, NOW);
      expect(second.sessionToken).not.toBe(first.sessionToken);
      expect(second.csrfToken).not.toBe(first.csrfToken);
      expect(await listSessionsOfUser(ctx.store.db, user.id)).toHaveLength(2);
    });

    it('matches the email ignoring case and surrounding spaces', async () => {
      const { user, password } = await makeTestUser(ctx.store, { email: 'Grace.Hopper@Example.test' });
      const signedIn = await signInWithPassword(ctx.store, { email: '  GRACE.HOPPER@example.test ', password, remoteAddress: ADDRESS }, NOW);
      expect(signedIn.actor.userId).toBe(user.id);
    });

    it('audits a successful sign-in against the user', async () => {
      const { user, password } = await makeTestUser(ctx.store);
      await signInWithPassword(ctx.store, { email: user.email, password, remoteAddress: ADDRESS, userAgent: 'test-browser' }, NOW);
      expect(await listAuditEvents(ctx.store.db, { action: 'sign_in' })).toEqual([
        expect.objectContaining({ actor: user.id, objectType: 'user', objectId: user.id, occurredAt: NOW.toISOString(), after: { via: 'session', remoteAddress: ADDRESS, userAgent: 'test-browser' } }),
      ]);
    });

    it('refuses a wrong password as unauthenticated and audits the failure', async () => {
      const { user } = await makeTestUser(ctx.store);
      const error = await failureOf(signInWithPassword(ctx.store, { email: user.email, password: 'not the password', remoteAddress: ADDRESS }, NOW));
      expect(error).toMatchObject({ code: 'unauthenticated', message: 'Email or password is wrong' });
      expect(await listSessionsOfUser(ctx.store.db, user.id)).toEqual([]);
      expect(await listAuditEvents(ctx.store.db, { action: 'sign_in_failed' })).toEqual([
        expect.objectContaining({ actor: 'anonymous', objectType: 'user', objectId: user.id, after: { email: user.email, remoteAddress: ADDRESS, reason: 'wrong_password' } }),
      ]);
    });

    it('answers an unknown email exactly as a wrong password, audited with no user', async () => {
      const error = await failureOf(signInWithPassword(ctx.store, { email: 'nobody@example.test', password: 'whatever it is', remoteAddress: ADDRESS }, NOW));
      expect(error).toMatchObject({ code: 'unauthenticated', message: 'Email or password is wrong' });
      expect(await listAuditEvents(ctx.store.db, { action: 'sign_in_failed' })).toEqual([
        expect.objectContaining({ objectId: null, after: { email: 'nobody@example.test', remoteAddress: ADDRESS, reason: 'unknown_email' } }),
      ]);
    });

    it('refuses a deactivated user even with the right password', async () => {
      const { user, password } = await makeTestUser(ctx.store);
      await updateUser(ctx.store, CLI_ACTOR, user.id, { active: false });
      const error = await failureOf(signInWithPassword(ctx.store, { email: user.email, password, remoteAddress: ADDRESS }, NOW));
      expect(error).toMatchObject({ code: 'unauthenticated', message: 'Email or password is wrong' });
    });

    it('refuses a user who has no password (single sign-on only) like a wrong password', async () => {
      const { user } = await makeTestUser(ctx.store, { password: null });
      const error = await failureOf(signInWithPassword(ctx.store, { email: user.email, password: 'any password at all', remoteAddress: ADDRESS }, NOW));
      expect(error).toMatchObject({ code: 'unauthenticated', message: 'Email or password is wrong' });
    });

    it('refuses even the right password after 5 failures for the email in 15 minutes, and says when to retry', async () => {
      const { user, password } = await makeTestUser(ctx.store);
      for (let i = 0; i < MAX_FAILED_SIGN_INS_PER_EMAIL; i += 1) {
        await failureOf(signInWithPassword(ctx.store, { email: user.email, password: `wrong ${i}`, remoteAddress: `198.51.100.${i}` }, later(i * 60_000)));
      }
      const error = await failureOf(signInWithPassword(ctx.store, { email: user.email, password, remoteAddress: ADDRESS }, later(5 * 60_000)));
      // The first failure (at NOW) leaves the window 15 minutes after it: 10 minutes from the refused attempt.
      expect(error).toMatchObject({ code: 'throttled', details: { retryAfterSeconds: 600 } });
      expect(await listSessionsOfUser(ctx.store.db, user.id)).toEqual([]);
      const audits = await listAuditEvents(ctx.store.db, { action: 'sign_in_failed' });
      expect(audits.at(-1)).toMatchObject({ objectId: user.id, after: { reason: 'throttled', remoteAddress: ADDRESS } });
    });

    it('records every attempt, refused ones included', async () => {
      const { user, password } = await makeTestUser(ctx.store);
      for (let i = 0; i < MAX_FAILED_SIGN_INS_PER_EMAIL + 1; i += 1) {
        await failureOf(signInWithPassword(ctx.store, { email: user.email, password: `wrong ${i}`, remoteAddress: ADDRESS }, NOW));
      }
      await failureOf(signInWithPassword(ctx.store, { email: user.email, password, remoteAddress: ADDRESS }, NOW));
      const attempts = await listSignInAttempts(ctx.store.db);
      expect(attempts).toHaveLength(MAX_FAILED_SIGN_INS_PER_EMAIL + 2);
      expect(attempts.every((a) => !a.succeeded && a.email === user.email)).toBe(true);
    });

    it('lets the user in again once the failures have left the 15-minute window', async () => {
      const { user, password } = await makeTestUser(ctx.store);
      for (let i = 0; i < MAX_FAILED_SIGN_INS_PER_EMAIL; i += 1) {
        await failureOf(signInWithPassword(ctx.store, { email: user.email, password: `wrong ${i}`, remoteAddress: ADDRESS }, NOW));
      }
      const signedIn = await signInWithPassword(ctx.store, { email: user.email, password, remoteAddress: ADDRESS }, later(SIGN_IN_WINDOW_MS + 1));
      expect(signedIn.actor.userId).toBe(user.id);
    });

    it('refuses an address after 20 failures from it, whichever emails they tried, and only that address', async () => {
      const { user, password } = await makeTestUser(ctx.store);
      for (let i = 0; i < MAX_FAILED_SIGN_INS_PER_ADDRESS; i += 1) {
        await failureOf(signInWithPassword(ctx.store, { email: `guess${i}@example.test`, password: 'wrong guess', remoteAddress: ADDRESS }, NOW));
      }
      const refused = await failureOf(signInWithPassword(ctx.store, { email: user.email, password, remoteAddress: ADDRESS }, NOW));
      expect(refused.code).toBe('throttled');
      const elsewhere = await signInWithPassword(ctx.store, { email: user.email, password, remoteAddress: '192.0.2.1' }, NOW);
      expect(elsewhere.actor.userId).toBe(user.id);
    });
  });

  describe(`startSessionFor on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('starts a session for a user single sign-on has matched, and audits how', async () => {
      const { user } = await makeTestUser(ctx.store, { password: null });
      const signedIn = await startSessionFor(ctx.store, user.id, 'oidc', NOW);
      expect(signedIn.actor).toMatchObject({ userId: user.id, via: 'oidc' });
      expect((await resolveSession(ctx.store, signedIn.sessionToken, NOW))?.actor.userId).toBe(user.id);
      expect(await listAuditEvents(ctx.store.db, { action: 'sign_in' })).toEqual([expect.objectContaining({ actor: user.id, objectId: user.id, after: { via: 'oidc' } })]);
    });

    it('refuses a deactivated user', async () => {
      const { user } = await makeTestUser(ctx.store);
      await updateUser(ctx.store, CLI_ACTOR, user.id, { active: false });
      await expect(startSessionFor(ctx.store, user.id, 'oidc', NOW)).rejects.toMatchObject({ code: 'unauthenticated' });
      expect(await listSessionsOfUser(ctx.store.db, user.id)).toEqual([]);
    });
  });
}
