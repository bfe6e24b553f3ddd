import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../store/audit-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { CLI_ACTOR } from '../access/actor.ts';
import { createApiToken, listApiTokens, resolveApiToken, revokeApiToken } from './api-tokens.ts';
import { updateUser } from './manage-users.ts';
import { hashSecretToken } from './secret-token.ts';
import { makeTestUser } from './testing/make-test-user.ts';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const later = (ms: number): Date => new Date(NOW.getTime() + ms);

for (const engine of TEST_ENGINES) {
  describe(`API tokens on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it("opens the API with the token's role once created", async () => {
      const { user, actor } = await makeTestUser(ctx.store, { role: 'manager' });
      const { token, secret } = await createApiToken(ctx.store, actor, { name: 'Forecast sync', role: 'rep' }, NOW);
      expect(secret).toMatch(/^so_[A-Za-z0-9_-]{43}$/);
      expect(token).toEqual({ id: token.id, userId: user.id, name: 'Forecast sync', role: 'rep', createdAt: NOW.toISOString(), lastUsedAt: null, revokedAt: null });
      expect(await resolveApiToken(ctx.store, secret, NOW)).toEqual({ userId: user.id, role: 'rep', personId: null, displayName: user.displayName, via: 'token' });
    });

    it('keeps only the SHA-256 of the secret: no column of the table holds the secret', async () => {
      const { actor } = await makeTestUser(ctx.store, { role: 'ops' });
      const { secret } = await createApiToken(ctx.store, actor, { name: 'CI', role: 'ops' }, NOW);
      const rows = await ctx.store.db.selectFrom('api_token').selectAll().execute();
      expect(rows).toHaveLength(1);
      expect(rows[0]?.token_hash).toBe(hashSecretToken(secret));
      expect(JSON.stringify(rows)).not.toContain(secret.slice(3));
    });

    it('audits the creation without the secret', async () => {
      const { actor } = await makeTestUser(ctx.store, { role: 'ops' });
      const { token, secret } = await createApiToken(ctx.store, actor, { name: 'CI', role: 'ops' }, NOW);
      const [event] = await listAuditEvents(ctx.store.db, { objectType: 'api_token' });
      expect(event).toMatchObject({ actor: actor.userId, action: 'create', objectId: token.id, after: token });
      expect(JSON.stringify(event)).not.toContain(secret.slice(3));
    });

    it("refuses a role wider than the user's", async () => {
      const { actor } = await makeTestUser(ctx.store, { role: 'manager' });
      await expect(createApiToken(ctx.store, actor, { name: 'Too wide', role: 'admin' }, NOW)).rejects.toMatchObject({ code: 'forbidden' });
      expect(await ctx.store.db.selectFrom('api_token').selectAll().execute()).toEqual([]);
    });

    it('refuses a token to the command line, which is no user', async () => {
      await expect(createApiToken(ctx.store, CLI_ACTOR, { name: 'CLI', role: 'admin' }, NOW)).rejects.toMatchObject({ code: 'invalid_argument' });
    });

    it('answers null for a revoked token', async () => {
      const { actor } = await makeTestUser(ctx.store);
      const { token, secret } = await createApiToken(ctx.store, actor, { name: 'CI', role: 'rep' }, NOW);
      const revoked = await revokeApiToken(ctx.store, actor, token.id, later(1000));
      expect(revoked.revokedAt).toBe(later(1000).toISOString());
      expect(await resolveApiToken(ctx.store, secret, later(2000))).toBeNull();
    });

    it('refuses to revoke a token twice', async () => {
      const { actor } = await makeTestUser(ctx.store);
      const { token } = await createApiToken(ctx.store, actor, { name: 'CI', role: 'rep' }, NOW);
      await revokeApiToken(ctx.store, actor, token.id, NOW);
      await expect(revokeApiToken(ctx.store, actor, token.id, NOW)).rejects.toMatchObject({ code: 'conflict' });
    });

    it("answers not_found to someone revoking another user's token, and lets an administrator revoke it", async () => {
      const owner = await makeTestUser(ctx.store);
      const other = await makeTestUser(ctx.store);
      const admin = await makeTestUser(ctx.store, { role: 'admin' });
      const { token } = await createApiToken(ctx.store, owner.actor, { name: 'CI', role: 'rep' }, NOW);
      await expect(revokeApiToken(ctx.store, other.actor, token.id, NOW)).rejects.toMatchObject({ code: 'not_found' });
      expect((await revokeApiToken(ctx.store, admin.actor, token.id, NOW)).revokedAt).toBe(NOW.toISOString());
    });

    it("lists one's own tokens, and everyone's for an administrator", async () => {
      const ada = await makeTestUser(ctx.store);
      const bob = await makeTestUser(ctx.store);
      const admin = await makeTestUser(ctx.store, { role: 'admin' });
      await createApiToken(ctx.store, ada.actor, { name: 'ada token', role: 'rep' }, NOW);
      await createApiToken(ctx.store, bob.actor, { name: 'bob token', role: 'rep' }, later(1000));
      expect((await listApiTokens(ctx.store, ada.actor)).map((t) => t.name)).toEqual(['ada token']);
      expect((await listApiTokens(ctx.store, admin.actor)).map((t) => t.name)).toEqual(['ada token', 'bob token']);
    });

    it('records the last use, at most once a minute', async () => {
      const { actor } = await makeTestUser(ctx.store);
      const { secret } = await createApiToken(ctx.store, actor, { name: 'CI', role: 'rep' }, NOW);
      await resolveApiToken(ctx.store, secret, later(1000));
      await resolveApiToken(ctx.store, secret, later(30_000));
      expect((await listApiTokens(ctx.store, actor))[0]?.lastUsedAt).toBe(later(1000).toISOString());
      await resolveApiToken(ctx.store, secret, later(61_000));
      expect((await listApiTokens(ctx.store, actor))[0]?.lastUsedAt).toBe(later(61_000).toISOString());
    });

    it('answers null for a token whose user is deactivated', async () => {
      const { user, actor } = await makeTestUser(ctx.store);
      const { secret } = await createApiToken(ctx.store, actor, { name: 'CI', role: 'rep' }, NOW);
      await updateUser(ctx.store, CLI_ACTOR, user.id, { active: false });
      expect(await resolveApiToken(ctx.store, secret, NOW)).toBeNull();
    });

    it('answers null for a token above the role its user has been moved down to', async () => {
      const { user, actor } = await makeTestUser(ctx.store, { role: 'ops' });
      const { secret } = await createApiToken(ctx.store, actor, { name: 'CI', role: 'ops' }, NOW);
      await updateUser(ctx.store, CLI_ACTOR, user.id, { role: 'rep' });
      expect(await resolveApiToken(ctx.store, secret, NOW)).toBeNull();
    });

    it('answers null for a secret it never issued', async () => {
      expect(await resolveApiToken(ctx.store, 'so_made-up', NOW)).toBeNull();
      expect(await resolveApiToken(ctx.store, 'not-even-the-prefix', NOW)).toBeNull();
    });
  });
}
