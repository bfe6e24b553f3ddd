import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertContact, listContactsOfAccount } from './contact-repository.ts';
import { createFactories, type Factories } from './testing/factories.ts';
import { openTestStore, TEST_ENGINES, type TestStore } from './testing/test-stores.ts';

for (const engine of TEST_ENGINES) {
  describe(`contact repository on ${engine}`, () => {
    let store: TestStore;
    let make: Factories;
    beforeEach(async () => {
      store = await openTestStore(engine);
      make = createFactories(store);
    });
    afterEach(async () => {
      await store.dispose();
    });

    it("lists an account's contacts by name", async () => {
      const account = await make.account();
      const other = await make.account();
      await insertContact(store.db, { lastName: 'Okafor', firstName: 'Ada', accountId: account.id, email: 'ada@example.com' });
      await insertContact(store.db, { lastName: 'Berg', accountId: account.id, title: 'CFO' });
      await insertContact(store.db, { lastName: 'Elsewhere', accountId: other.id });
      const contacts = await listContactsOfAccount(store.db, account.id);
      expect(contacts.map((c) => [c.lastName, c.title])).toEqual([['Berg', 'CFO'], ['Okafor', null]]);
    });
  });
}
