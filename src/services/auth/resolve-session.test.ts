import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../store/audit-repository.ts';
import { listSessionsOfUser } from '../../store/session-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { CLI_ACTOR } from '../access/actor.ts';
import { updateUser } from './manage-users.ts';
import { resolveSession, signOut } from './resolve-session.ts';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './session-lifetime.ts';
import { signInWithPassword } from './sign-in.ts';
import { makeTestUser } from './testing/make-test-user.ts';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const later = (ms: number): Date => new Date(NOW.getTime() + ms);
const HOUR = 60 * 60 * 1000;

for (const engine of TEST_ENGINES) {
  describe(`resolveSession and signOut on ${engine}`, () => {
    const ctx = useTestStore(engine);

    const signedInUser = async (role: 'rep' | 'manager' = 'rep') => {
      const test = await makeTestUser(ctx.store, { role });
      const signedIn = await signInWithPassword(ctx.store, { email: test.user.email, password: test.password, remoteAddress: '127.0.0.1' }, NOW);
      return { ...test, signedIn };
    };

    it("resolves a session token to its user's actor and CSRF token", async () => {
      const { user, signedIn } = await signedInUser('manager');
      expect(await resolveSession(ctx.store, signedIn.sessionToken, later(HOUR))).toEqual({
        actor: { userId: user.id, role: 'manager', personId: null, displayName: user.displayName, via: 'session' },
        csrfToken: signedIn.csrfToken,
      });
    });

    it('answers null for a token it never issued', async () => {
      await signedInUser();
      expect(await resolveSession(ctx.store, 'made-up-token', NOW)).toBeNull();
      expect(await resolveSession(ctx.store, '', NOW)).toBeNull();
    });

    it('answers null after sign-out, which deletes the session and is audited', async () => {
      const { user, signedIn } = await signedInUser();
      await signOut(ctx.store, signedIn.sessionToken);
      expect(await resolveSession(ctx.store, signedIn.sessionToken, NOW)).toBeNull();
      expect(await listSessionsOfUser(ctx.store.db, user.id)).toEqual([]);
      expect(await listAuditEvents(ctx.store.db, { action: 'sign_out' })).toEqual([expect.objectContaining({ actor: user.id, objectType: 'user', objectId: user.id })]);
    });

    it('changes nothing when signing out with an unknown token', async () => {
      await signedInUser();
      const before = await listAuditEvents(ctx.store.db);
      await signOut(ctx.store, 'made-up-token');
      expect(await listAuditEvents(ctx.store.db)).toEqual(before);
    });

    it('answers null once the session has been idle for 12 hours', async () => {
      const { signedIn } = await signedInUser();
      expect(await resolveSession(ctx.store, signedIn.sessionToken, later(SESSION_IDLE_MS - 1))).not.toBeNull();
      const { signedIn: other } = await signedInUser();
      expect(await resolveSession(ctx.store, other.sessionToken, later(SESSION_IDLE_MS))).toBeNull();
    });

    it('slides the idle limit with every use', async () => {
      const { signedIn } = await signedInUser();
      expect(await resolveSession(ctx.store, signedIn.sessionToken, later(10 * HOUR))).not.toBeNull();
      expect(await resolveSession(ctx.store, signedIn.sessionToken, later(20 * HOUR))).not.toBeNull();
    });

    it('answers null 7 days after sign-in however busy the session was', async () => {
      const { signedIn } = await signedInUser();
      for (let hours = 10; hours < 7 * 24; hours += 10) {
        expect(await resolveSession(ctx.store, signedIn.sessionToken, later(hours * HOUR))).not.toBeNull();
      }
      expect(await resolveSession(ctx.store, signedIn.sessionToken, later(SESSION_ABSOLUTE_MS))).toBeNull();
    });

    it('answers null once the user is deactivated', async () => {
      const { user, signedIn } = await signedInUser();
      await updateUser(ctx.store, CLI_ACTOR, user.id, { active: false });
      expect(await resolveSession(ctx.store, signedIn.sessionToken, NOW)).toBeNull();
    });

    it("reads the user's role as it is now, so a change of role applies at once", async () => {
      const { user, signedIn } = await signedInUser('manager');
      await updateUser(ctx.store, CLI_ACTOR, user.id, { role: 'rep' });
      expect((await resolveSession(ctx.store, signedIn.sessionToken, NOW))?.actor.role).toBe('rep');
    });

    it('writes the last use at most once a minute', async () => {
      const { user, signedIn } = await signedInUser();
      await resolveSession(ctx.store, signedIn.sessionToken, later(30_000));
      expect((await listSessionsOfUser(ctx.store.db, user.id))[0]?.lastSeenAt).toBe(NOW.toISOString());
      await resolveSession(ctx.store, signedIn.sessionToken, later(90_000));
      expect((await listSessionsOfUser(ctx.store.db, user.id))[0]?.lastSeenAt).toBe(later(90_000).toISOString());
    });
  });
}
