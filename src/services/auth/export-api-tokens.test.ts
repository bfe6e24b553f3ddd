import { describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { todayUtc } from '../access/today.ts';
import { csvRowsOf } from '../export/testing/read-download.ts';
import { createApiToken, revokeApiToken } from './api-tokens.ts';
import { exportApiTokens } from './export-api-tokens.ts';
import { makeTestUser } from './testing/make-test-user.ts';

const NOW = new Date('2026-03-02T09:00:00.000Z');
const later = (ms: number): Date => new Date(NOW.getTime() + ms);
const HEADER = ['id', 'name', 'role', 'user_id', 'user_email', 'created_at', 'last_used_at', 'revoked_at'];

for (const engine of TEST_ENGINES) {
  describe(`exportApiTokens on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('writes one’s own tokens with their user’s email, and no secret or hash', async () => {
      await ctx.make.workspace();
      const ada = await makeTestUser(ctx.store, { role: 'ops', email: 'ada@example.test' });
      const { token, secret } = await createApiToken(ctx.store, ada.actor, { name: 'Nightly BI', role: 'rep' }, NOW);
      await revokeApiToken(ctx.store, ada.actor, token.id, later(1000));
      const file = await exportApiTokens(ctx.store, ada.actor, 'csv');
      const text = file.body.toString('utf8');
      const { token_hash: hash } = await ctx.store.db.selectFrom('api_token').select('token_hash').executeTakeFirstOrThrow();
      expect(file.fileName).toBe(`api-tokens-${todayUtc()}.csv`);
      expect(csvRowsOf(file)).toEqual([HEADER, [token.id, 'Nightly BI', 'rep', ada.user.id, 'ada@example.test', NOW.toISOString(), '', later(1000).toISOString()]]);
      expect(text).not.toContain(secret.slice(3));
      expect(text).not.toContain(hash);
    });

    it('neutralises a token name a spreadsheet would run as a formula', async () => {
      await ctx.make.workspace();
      const ada = await makeTestUser(ctx.store);
      await createApiToken(ctx.store, ada.actor, { name: '=HYPERLINK("x")', role: 'rep' }, NOW);
      expect(csvRowsOf(await exportApiTokens(ctx.store, ada.actor, 'csv'))[1]?.[1]).toBe(`"'=HYPERLINK(""x"")"`);
    });

    it('leaves out other users’ tokens, which only an administrator exports', async () => {
      await ctx.make.workspace();
      const ada = await makeTestUser(ctx.store);
      const bob = await makeTestUser(ctx.store);
      const admin = await makeTestUser(ctx.store, { role: 'admin' });
      await createApiToken(ctx.store, ada.actor, { name: 'ada token', role: 'rep' }, NOW);
      await createApiToken(ctx.store, bob.actor, { name: 'bob token', role: 'rep' }, later(1000));
      const names = async (actor: typeof ada.actor) => csvRowsOf(await exportApiTokens(ctx.store, actor, 'csv')).slice(1).map((r) => r[1]);
      expect(await names(ada.actor)).toEqual(['ada token']);
      expect(await names(admin.actor)).toEqual(['ada token', 'bob token']);
    });
  });
}
