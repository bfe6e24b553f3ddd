import { describe, expect, it } from 'vitest';
import { findApiTokenByHash, findApiTokenById, insertApiToken, listApiTokens, recordApiTokenUse, revokeApiToken } from './api-token-repository.ts';
import { TEST_ENGINES } from './testing/test-stores.ts';
import { useTestStore } from './testing/use-test-store.ts';
import { insertUser } from './user-repository.ts';

for (const engine of TEST_ENGINES) {
  describe(`API token repository on ${engine}`, () => {
    const ctx = useTestStore(engine);
    const user = (email: string) => insertUser(ctx.store.db, { email, displayName: email, role: 'admin' });

    it('reads back a token by id and by hash, without the hash', async () => {
      const ada = await user('ada@example.com');
      const token = await insertApiToken(ctx.store.db, { userId: ada.id, name: 'CI', tokenHash: 'hash-1', role: 'ops' }, '2026-03-01T08:00:00.000Z');
      expect(token).toEqual({ id: token.id, userId: ada.id, name: 'CI', role: 'ops', createdAt: '2026-03-01T08:00:00.000Z', lastUsedAt: null, revokedAt: null });
      expect(token.id).toMatch(/^tok_/);
      expect(await findApiTokenById(ctx.store.db, token.id)).toEqual(token);
      expect(await findApiTokenByHash(ctx.store.db, 'hash-1')).toEqual(token);
      expect(await findApiTokenByHash(ctx.store.db, 'hash-2')).toBeNull();
    });

    it("lists one user's tokens, or everyone's, oldest first", async () => {
      const [ada, bob] = [await user('ada@example.com'), await user('bob@example.com')];
      await insertApiToken(ctx.store.db, { userId: ada.id, name: 'first', tokenHash: 'h1', role: 'rep' }, '2026-03-01T08:00:00.000Z');
      await insertApiToken(ctx.store.db, { userId: bob.id, name: 'second', tokenHash: 'h2', role: 'rep' }, '2026-03-02T08:00:00.000Z');
      await insertApiToken(ctx.store.db, { userId: ada.id, name: 'third', tokenHash: 'h3', role: 'rep' }, '2026-03-03T08:00:00.000Z');
      expect((await listApiTokens(ctx.store.db, { userId: ada.id })).map((t) => t.name)).toEqual(['first', 'third']);
      expect((await listApiTokens(ctx.store.db)).map((t) => t.name)).toEqual(['first', 'second', 'third']);
    });

    it('stamps a revocation once and refuses a second one', async () => {
      const ada = await user('ada@example.com');
      const token = await insertApiToken(ctx.store.db, { userId: ada.id, name: 'CI', tokenHash: 'h1', role: 'rep' });
      expect((await revokeApiToken(ctx.store.db, token.id, '2026-03-05T00:00:00.000Z')).revokedAt).toBe('2026-03-05T00:00:00.000Z');
      await expect(revokeApiToken(ctx.store.db, token.id, '2026-03-06T00:00:00.000Z')).rejects.toMatchObject({ code: 'conflict' });
      expect((await findApiTokenById(ctx.store.db, token.id))?.revokedAt).toBe('2026-03-05T00:00:00.000Z');
    });

    it('refuses to revoke a token that does not exist', async () => {
      await expect(revokeApiToken(ctx.store.db, 'tok_missing', '2026-03-05T00:00:00.000Z')).rejects.toMatchObject({ code: 'not_found' });
    });

    it('records the last use', async () => {
      const ada = await user('ada@example.com');
      const token = await insertApiToken(ctx.store.db, { userId: ada.id, name: 'CI', tokenHash: 'h1', role: 'rep' });
      await recordApiTokenUse(ctx.store.db, token.id, '2026-03-05T10:00:00.000Z');
      expect((await findApiTokenById(ctx.store.db, token.id))?.lastUsedAt).toBe('2026-03-05T10:00:00.000Z');
    });
  });
}
