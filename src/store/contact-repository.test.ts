import { describe, expect, it } from 'vitest';
import { insertContact, listContactsOfAccount } from './contact-repository.ts';
import { TEST_ENGINES } from './testing/test-stores.ts';
import { useTestStore } from './testing/use-test-store.ts';

for (const engine of TEST_ENGINES) {
  describe(`contact repository on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it("lists an account's contacts by name", async () => {
      const account = await ctx.make.account();
      const other = await ctx.make.account();
      await insertContact(ctx.store.db, { lastName: 'Okafor', firstName: 'Ada', accountId: account.id, email: 'ada@example.com' });
      await insertContact(ctx.store.db, { lastName: 'Berg', accountId: account.id, title: 'CFO' });
      await insertContact(ctx.store.db, { lastName: 'Elsewhere', accountId: other.id });
      const contacts = await listContactsOfAccount(ctx.store.db, account.id);
      expect(contacts.map((c) => [c.lastName, c.title])).toEqual([['Berg', 'CFO'], ['Okafor', null]]);
    });
  });
}
