import { describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../core/shared/currency.ts';
import type { PlainDate } from '../core/shared/plain-date.ts';
import {
  accountsOwnedOn,
  addAccountOwner,
  closeAccountOwner,
  findAccountByExternalId,
  findAccountByName,
  insertAccount,
  listAccountOwnerLines,
  ownerOn,
  updateAccount,
} from './account-repository.ts';
import { TEST_ENGINES } from './testing/test-stores.ts';
import { useTestStore } from './testing/use-test-store.ts';

const d = (text: string): PlainDate => text as PlainDate;

for (const engine of TEST_ENGINES) {
  describe(`account repository on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('reads back an inserted account by external id', async () => {
      const account = await insertAccount(ctx.store.db, {
        name: 'Globex',
        externalId: '001X',
        employees: 1200,
        annualRevenueMinor: 9_000_000_000_000,
        annualRevenueCurrency: 'EUR' as CurrencyCode,
        createdDate: d('2023-04-05'),
      });
      expect(await findAccountByExternalId(ctx.store.db, '001X')).toEqual(account);
      expect(account.annualRevenueMinor).toBe(9_000_000_000_000);
    });

    it('updates the fields given', async () => {
      const account = await ctx.make.account({ industry: 'Retail' });
      const updated = await updateAccount(ctx.store.db, account.id, { segment: 'Enterprise' });
      expect(updated).toMatchObject({ industry: 'Retail', segment: 'Enterprise', name: account.name });
    });

    it('finds an account by exact name and reports a conflict when the name is shared', async () => {
      const account = await ctx.make.account({ name: 'Initech' });
      expect((await findAccountByName(ctx.store.db, 'Initech'))?.id).toBe(account.id);
      await ctx.make.account({ name: 'Initech' });
      await expect(findAccountByName(ctx.store.db, 'Initech')).rejects.toMatchObject({ code: 'conflict' });
    });

    it('answers who owned an account on a date, with valid_to exclusive', async () => {
      const [account, first, second] = [await ctx.make.account(), await ctx.make.person(), await ctx.make.person()];
      const line = await addAccountOwner(ctx.store.db, { accountId: account.id, ownerId: first.id, validFrom: d('2025-01-01') });
      await closeAccountOwner(ctx.store.db, line.id, d('2025-04-01'));
      await addAccountOwner(ctx.store.db, { accountId: account.id, ownerId: second.id, validFrom: d('2025-04-01') });
      expect(await ownerOn(ctx.store.db, account.id, d('2025-03-31'))).toBe(first.id);
      expect(await ownerOn(ctx.store.db, account.id, d('2025-04-01'))).toBe(second.id);
      expect(await listAccountOwnerLines(ctx.store.db, account.id)).toHaveLength(2);
    });

    it('refuses two owners over the same days', async () => {
      const [account, first, second] = [await ctx.make.account(), await ctx.make.person(), await ctx.make.person()];
      await addAccountOwner(ctx.store.db, { accountId: account.id, ownerId: first.id, validFrom: d('2025-01-01') });
      await expect(addAccountOwner(ctx.store.db, { accountId: account.id, ownerId: second.id, validFrom: d('2024-06-01') })).rejects.toMatchObject({ code: 'conflict' });
    });

    it('lists the accounts a person owned on a date', async () => {
      const [a, b, c, owner] = [await ctx.make.account(), await ctx.make.account(), await ctx.make.account(), await ctx.make.person()];
      await addAccountOwner(ctx.store.db, { accountId: a.id, ownerId: owner.id, validFrom: d('2025-01-01') });
      await addAccountOwner(ctx.store.db, { accountId: b.id, ownerId: owner.id, validFrom: d('2025-01-01'), validTo: d('2025-02-01') });
      await addAccountOwner(ctx.store.db, { accountId: c.id, ownerId: owner.id, validFrom: d('2025-03-01') });
      expect(await accountsOwnedOn(ctx.store.db, owner.id, d('2025-02-15'))).toEqual([a.id]);
      expect(await accountsOwnedOn(ctx.store.db, owner.id, d('2025-03-01'))).toEqual([a.id, c.id].sort());
    });
  });
}
