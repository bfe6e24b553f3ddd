import { beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../core/shared/plain-date.ts';
import { addAccountOwner } from '../../store/account-repository.ts';
import { listAuditEvents } from '../../store/audit-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { actorOf, buildTestOrg, type TestOrg } from '../testing/access-fixtures.ts';
import { getAccountDetail } from './get-account.ts';

for (const engine of TEST_ENGINES) {
  describe(`getAccountDetail on ${engine}`, () => {
    const ctx = useTestStore(engine);
    let org: TestOrg;
    beforeEach(async () => {
      await ctx.make.workspace();
      org = await buildTestOrg(ctx.store, ctx.make);
    });

    const accountOwnedBy = async (owner: { id: string }, fields: Record<string, unknown> = {}) => {
      const account = await ctx.make.account({ name: 'Initech', ...fields });
      await addAccountOwner(ctx.store.db, { accountId: account.id, ownerId: owner.id, validFrom: addDays(org.today, -100) });
      return account;
    };

    it('lists only the opportunities the caller reaches, latest close date first', async () => {
      const account = await accountOwnedBy(org.sam, { employees: 250, state: 'CA', postalCode: '94016' });
      await ctx.make.opportunity({ name: 'Raj early', accountId: account.id, ownerId: org.raj.id, closeDate: addDays(org.today, 10) });
      await ctx.make.opportunity({ name: 'Rita late', accountId: account.id, ownerId: org.rita.id, closeDate: addDays(org.today, 90) });
      await ctx.make.opportunity({ name: 'Sam', accountId: account.id, ownerId: org.sam.id });
      const detail = await getAccountDetail(ctx.store, actorOf('manager', org.alice), account.id);
      expect(detail.opportunities.map((o) => o.name)).toEqual(['Rita late', 'Raj early']);
      expect(detail).toMatchObject({ employees: 250, state: 'CA', postalCode: '94016', owner: { id: org.sam.id }, openOpportunities: 2 });
    });

    it('answers not_found to a rep opening an account they neither own nor sell into, and audits it', async () => {
      const account = await accountOwnedBy(org.sam);
      const rita = actorOf('rep', org.rita);
      await expect(getAccountDetail(ctx.store, rita, account.id)).rejects.toMatchObject({ code: 'not_found' });
      expect(await listAuditEvents(ctx.store.db, { action: 'denied', objectId: account.id })).toEqual([expect.objectContaining({ actor: rita.userId, objectType: 'account' })]);
    });
  });
}
