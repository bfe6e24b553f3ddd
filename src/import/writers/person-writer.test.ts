import { afterEach, describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../../core/shared/currency.ts';
import { openTestStore, TEST_ENGINES, type TestStore } from '../../store/testing/test-stores.ts';
import { commitImport } from '../commit-import.ts';
import type { AccountRecord, SplitRecord } from '../records.ts';
import { date, opportunity, person, recordSource, seedWorkspace } from '../testing/record-sources.ts';

const JAN = '2026-01-15T12:00:00.000Z';
const MAR = '2026-03-01T12:00:00.000Z';

function account(externalId: string, ownerId: string | null): AccountRecord {
  return { externalId, name: `Account ${externalId}`, industry: null, employees: null, annualRevenue: null, country: null, state: null, postalCode: null, segment: null, ownerRef: ownerId === null ? null : { externalId: ownerId }, createdDate: date('2025-06-01') };
}

function split(id: string, opportunityId: string, personId: string, percent: number, splitType: 'revenue' | 'overlay' = 'revenue'): SplitRecord {
  return { externalId: id, opportunityRef: { externalId: opportunityId }, personRef: { externalId: personId }, splitType, percentBps: percent * 100 };
}

for (const engine of TEST_ENGINES) {
  describe(`people, accounts and splits on ${engine}`, () => {
    let store: TestStore;
    afterEach(async () => store.dispose());

    async function lines(table: 'reporting_line' | 'account_owner'): Promise<{ who: string; to: string; valid_from: string; valid_to: string | null }[]> {
      const names = Object.fromEntries((await store.db.selectFrom('person').select(['id', 'name']).execute()).map((p) => [p.id, p.name]));
      if (table === 'reporting_line') {
        const rows = await store.db.selectFrom('reporting_line').selectAll().orderBy('valid_from').execute();
        return rows.map((r) => ({ who: names[r.person_id] ?? '?', to: names[r.manager_id] ?? '?', valid_from: r.valid_from, valid_to: r.valid_to }));
      }
      const rows = await store.db.selectFrom('account_owner').innerJoin('account', 'account.id', 'account_owner.account_id').select(['account.external_id', 'owner_id', 'valid_from', 'valid_to']).orderBy('valid_from').execute();
      return rows.map((r) => ({ who: r.external_id ?? '?', to: names[r.owner_id] ?? '?', valid_from: r.valid_from, valid_to: r.valid_to }));
    }

    it('a manager listed later in the file is found, and the line starts on the hire date', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      const people = [person('005B', 'Ben', { managerRef: { externalId: '005A' }, hireDate: date('2024-05-01') }), person('005A', 'Ana')];
      const result = await commitImport(store, recordSource('person', people), { actor: 'test', now: JAN });
      expect(result).toMatchObject({ status: 'committed', inserted: 2 });
      expect(await lines('reporting_line')).toEqual([{ who: 'Ben', to: 'Ana', valid_from: '2024-05-01', valid_to: null }]);
    });

    it('a new manager closes the open reporting line and opens another from the import date', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      const first = [person('005A', 'Ana'), person('005C', 'Cem'), person('005B', 'Ben', { managerRef: { externalId: '005A' }, hireDate: date('2024-05-01') })];
      await commitImport(store, recordSource('person', first), { actor: 'test', now: JAN });
      const second = [person('005A', 'Ana'), person('005C', 'Cem'), person('005B', 'Ben', { managerRef: { externalId: '005C' }, hireDate: date('2024-05-01') })];
      const result = await commitImport(store, recordSource('person', second), { actor: 'test', now: MAR });
      expect(result).toMatchObject({ updated: 1, unchanged: 2 });
      expect(await lines('reporting_line')).toEqual([
        { who: 'Ben', to: 'Ana', valid_from: '2024-05-01', valid_to: '2026-03-01' },
        { who: 'Ben', to: 'Cem', valid_from: '2026-03-01', valid_to: null },
      ]);
    });

    it('an unknown manager rejects the row on the manager column', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      const result = await commitImport(store, recordSource('person', [person('005B', 'Ben', { managerRef: { externalId: '005Q' } })], { headers: ['Id', 'Name', 'Email', 'ManagerId'] }), { actor: 'test' });
      expect(result).toMatchObject({ status: 'rejected', rejected: 1, inserted: 0, errors: [{ row: 2, column: 'ManagerId', value: '005Q' }] });
    });

    it('an account owner change closes the open owner line on the import date', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      await commitImport(store, recordSource('person', [person('005A', 'Ana'), person('005B', 'Ben')]), { actor: 'test' });
      await commitImport(store, recordSource('account', [account('001A', '005A')]), { actor: 'test', now: JAN });
      const again = await commitImport(store, recordSource('account', [account('001A', '005A')]), { actor: 'test', now: JAN });
      expect(again).toMatchObject({ unchanged: 1 });
      const moved = await commitImport(store, recordSource('account', [account('001A', '005B')]), { actor: 'test', now: MAR });
      expect(moved).toMatchObject({ updated: 1 });
      expect(await lines('account_owner')).toEqual([
        { who: '001A', to: 'Ana', valid_from: '2025-06-01', valid_to: '2026-03-01' },
        { who: '001A', to: 'Ben', valid_from: '2026-03-01', valid_to: null },
      ]);
    });

    it('revenue splits that do not sum to 100 % reject every row of that opportunity', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      await commitImport(store, recordSource('person', [person('005A', 'Ana'), person('005B', 'Ben')]), { actor: 'test' });
      await commitImport(store, recordSource('opportunity', [opportunity('006A'), opportunity('006B')]), { actor: 'test' });
      const splits = [split('s1', '006A', '005A', 60), split('s2', '006A', '005B', 40), split('s3', '006A', '005B', 25, 'overlay'), split('s4', '006B', '005A', 70), split('s5', '006B', '005B', 20)];
      const result = await commitImport(store, recordSource('split', splits, { headers: ['Id', 'OpportunityId', 'SplitOwnerId', 'SplitPercentage'] }), { actor: 'test' });
      expect(result).toMatchObject({ status: 'rejected', rejected: 2, inserted: 3 });
      expect(result.errors.map((e) => [e.row, e.column, e.value])).toEqual([
        [5, 'SplitPercentage', '70 %'],
        [6, 'SplitPercentage', '20 %'],
      ]);
      expect(result.errors[0]!.reason).toContain('90 %');
      expect(await store.db.selectFrom('opportunity_split').select('id').execute()).toEqual([]);
    });

    it('a corporate currency that differs is refused once the workspace has opportunities', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      const eur = { externalId: 'c1', currency: 'EUR' as CurrencyCode, startDate: null, rate: '1', isCorporate: true };
      const dry = await commitImport(store, recordSource('currency_rate', [eur]), { actor: 'test', dryRun: true });
      expect(dry).toMatchObject({ status: 'dry_run', inserted: 1 });
      await commitImport(store, recordSource('opportunity', [opportunity('006A')]), { actor: 'test' });
      const result = await commitImport(store, recordSource('currency_rate', [eur]), { actor: 'test' });
      expect(result).toMatchObject({ status: 'rejected', errors: [{ row: 2, column: 'IsCorporate' }] });
      expect(result.errors[0]!.reason).toContain('USD');
      const workspace = await store.db.selectFrom('workspace').select('corporate_currency').executeTakeFirstOrThrow();
      expect(workspace.corporate_currency).toBe('USD');
    });
  });
}
