import { describe, expect, it } from 'vitest';
import {
  deleteEndedSessions,
  deleteSession,
  deleteSessionsOfUser,
  findSessionByTokenHash,
  insertSession,
  listSessionsOfUser,
  touchSession,
  type SessionRecord,
} from './session-repository.ts';
import { TEST_ENGINES } from './testing/test-stores.ts';
import { useTestStore } from './testing/use-test-store.ts';
import { insertUser } from './user-repository.ts';

const session = (userId: string, tokenHash: string, overrides: Partial<SessionRecord> = {}): SessionRecord => ({
  tokenHash,
  userId,
  csrfToken: `csrf-${tokenHash}`,
  createdAt: '2026-03-01T08:00:00.000Z',
  lastSeenAt: '2026-03-01T08:00:00.000Z',
  expiresAt: '2026-03-08T08:00:00.000Z',
  ...overrides,
});

for (const engine of TEST_ENGINES) {
  describe(`session repository on ${engine}`, () => {
    const ctx = useTestStore(engine);
    const user = (email: string) => insertUser(ctx.store.db, { email, displayName: email, role: 'rep' });

    it('reads back a session by its token hash', async () => {
      const ada = await user('ada@example.com');
      const stored = await insertSession(ctx.store.db, session(ada.id, 'h1'));
      expect(await findSessionByTokenHash(ctx.store.db, 'h1')).toEqual(stored);
      expect(await findSessionByTokenHash(ctx.store.db, 'h2')).toBeNull();
    });

    it('moves the last use when touched', async () => {
      const ada = await user('ada@example.com');
      await insertSession(ctx.store.db, session(ada.id, 'h1'));
      await touchSession(ctx.store.db, 'h1', '2026-03-01T09:00:00.000Z');
      expect((await findSessionByTokenHash(ctx.store.db, 'h1'))?.lastSeenAt).toBe('2026-03-01T09:00:00.000Z');
    });

    it('deletes one session and says whether there was one', async () => {
      const ada = await user('ada@example.com');
      await insertSession(ctx.store.db, session(ada.id, 'h1'));
      expect(await deleteSession(ctx.store.db, 'h1')).toBe(true);
      expect(await deleteSession(ctx.store.db, 'h1')).toBe(false);
      expect(await findSessionByTokenHash(ctx.store.db, 'h1')).toBeNull();
    });

    it("deletes every session of one user and leaves other users' sessions", async () => {
      const [ada, bob] = [await user('ada@example.com'), await user('bob@example.com')];
      await insertSession(ctx.store.db, session(ada.id, 'a1'));
      await insertSession(ctx.store.db, session(ada.id, 'a2'));
      await insertSession(ctx.store.db, session(bob.id, 'b1'));
      expect(await deleteSessionsOfUser(ctx.store.db, ada.id)).toBe(2);
      expect(await listSessionsOfUser(ctx.store.db, ada.id)).toEqual([]);
      expect((await listSessionsOfUser(ctx.store.db, bob.id)).map((s) => s.tokenHash)).toEqual(['b1']);
    });

    it('deletes the sessions past their absolute end or idle too long, and keeps the live ones', async () => {
      const ada = await user('ada@example.com');
      await insertSession(ctx.store.db, session(ada.id, 'expired', { expiresAt: '2026-03-02T00:00:00.000Z', lastSeenAt: '2026-03-01T23:00:00.000Z' }));
      await insertSession(ctx.store.db, session(ada.id, 'idle', { lastSeenAt: '2026-03-01T08:00:00.000Z' }));
      await insertSession(ctx.store.db, session(ada.id, 'live', { lastSeenAt: '2026-03-01T23:00:00.000Z' }));
      const removed = await deleteEndedSessions(ctx.store.db, { now: '2026-03-02T00:00:00.000Z', idleSince: '2026-03-01T12:00:00.000Z' });
      expect(removed).toBe(2);
      expect((await listSessionsOfUser(ctx.store.db, ada.id)).map((s) => s.tokenHash)).toEqual(['live']);
    });
  });
}
