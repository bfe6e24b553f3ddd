import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, TEST_ENGINES, type TestStore } from '../../store/testing/test-stores.ts';
import { commitImport } from '../commit-import.ts';
import { opportunity, person, recordSource, seedWorkspace, usd } from '../testing/record-sources.ts';

const NOW = '2026-02-01T09:00:00.000Z';
const LATER = '2026-02-03T10:30:00.000Z';

async function stageId(store: TestStore, process: string, name: string): Promise<string> {
  const row = await store.db
    .selectFrom('stage')
    .innerJoin('sales_process', 'sales_process.id', 'stage.process_id')
    .select('stage.id')
    .where('sales_process.name', '=', process)
    .where('stage.name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

for (const engine of TEST_ENGINES) {
  describe(`opportunity import on ${engine}`, () => {
    let store: TestStore;
    afterEach(async () => store.dispose());

    it('an owner name that matches no one creates that person and says so', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      await commitImport(store, recordSource('person', [person('005A', 'Ana Alves')]), { actor: 'test', now: NOW });
      const result = await commitImport(
        store,
        recordSource('opportunity', [
          opportunity(null, { name: 'Big deal', ownerRef: { name: 'ana  alves' }, accountRef: { name: 'Acme' } }),
          opportunity(null, { name: 'Small deal', ownerRef: { name: 'Carl Cruz' }, accountRef: { name: 'Acme' } }),
        ]),
        { actor: 'test', now: NOW },
      );
      expect(result).toMatchObject({ status: 'committed', inserted: 2 });
      const people = await store.db.selectFrom('person').select(['id', 'name', 'external_id']).orderBy('name').execute();
      expect(people.map((p) => p.name)).toEqual(['Ana Alves', 'Carl Cruz']);
      const deals = await store.db.selectFrom('opportunity').select(['name', 'owner_id', 'account_id']).orderBy('name').execute();
      expect(deals.map((d) => d.owner_id)).toEqual([people[0]!.id, people[1]!.id]);
      expect(new Set(deals.map((d) => d.account_id)).size).toBe(1);
      expect(result.notes).toEqual(expect.arrayContaining([expect.stringContaining('"Carl Cruz"'), expect.stringContaining('"Acme"')]));
    });

    it('an unknown stage is rejected naming the process and its stages', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      const result = await commitImport(store, recordSource('opportunity', [opportunity('006A', { stageName: 'Verbal Yes' })], { headers: ['Id', 'Name', 'StageName'] }), {
        actor: 'test',
      });
      expect(result.status).toBe('rejected');
      expect(result.errors).toHaveLength(1);
      expect(result.errors[0]).toMatchObject({ row: 2, column: 'StageName', value: 'Verbal Yes' });
      expect(result.errors[0]!.reason).toContain('"New Business"');
      expect(result.errors[0]!.reason).toContain('Prospecting, Qualification, Needs Analysis');
      expect(result.errors[0]!.reason).toContain('Closed Lost');
    });

    it('stages resolve by alias in any case and give the category and probability', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      await commitImport(store, recordSource('opportunity', [opportunity('006A', { stageName: 'proposal' }), opportunity('006B', { stageName: 'Negotiation', forecastCategory: 'best_case', probabilityBps: 8000 })]), {
        actor: 'test',
      });
      const rows = await store.db.selectFrom('opportunity').select(['external_id', 'stage_id', 'forecast_category', 'forecast_category_override', 'probability_bps']).orderBy('external_id').execute();
      expect(rows).toEqual([
        { external_id: '006A', stage_id: await stageId(store, 'New Business', 'Proposal/Price Quote'), forecast_category: 'best_case', forecast_category_override: 0, probability_bps: 7500 },
        { external_id: '006B', stage_id: await stageId(store, 'New Business', 'Negotiation/Review'), forecast_category: 'best_case', forecast_category_override: 1, probability_bps: 8000 },
      ]);
    });

    it('HubSpot deals get the HubSpot process, created on first use', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      const deals = [opportunity('1', { processName: 'HubSpot Deals', stageName: 'contractsent' }), opportunity('2', { processName: 'hubspot deals', stageName: 'Closed Won' })];
      const result = await commitImport(store, recordSource('opportunity', deals, { preset: 'hubspot' }), { actor: 'test' });
      expect(result.status).toBe('committed');
      const stages = await store.db.selectFrom('opportunity').innerJoin('stage', 'stage.id', 'opportunity.stage_id').select(['stage.name', 'opportunity.is_won']).orderBy('opportunity.external_id').execute();
      expect(stages).toEqual([{ name: 'Contract Sent', is_won: 0 }, { name: 'Closed Won', is_won: 1 }]);
      const processes = await store.db.selectFrom('sales_process').select('name').where('name', '=', 'HubSpot Deals').execute();
      expect(processes).toHaveLength(1);
    });

    it('text that starts with = is stored exactly as given', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      await commitImport(store, recordSource('opportunity', [opportunity('006A', { name: '=HYPERLINK("http://x")', nextStep: '+1 call, "then" @ops\nline two' })]), { actor: 'test' });
      const row = await store.db.selectFrom('opportunity').select(['name', 'next_step']).executeTakeFirstOrThrow();
      expect(row).toEqual({ name: '=HYPERLINK("http://x")', next_step: '+1 call, "then" @ops\nline two' });
    });

    it('an update writes the history of each tracked field that changed', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      await commitImport(store, recordSource('person', [person('005A', 'Ana'), person('005B', 'Ben')]), { actor: 'test', now: NOW });
      await commitImport(store, recordSource('opportunity', [opportunity('006A', { ownerRef: { externalId: '005A' } })]), { actor: 'test', now: NOW });
      const changed = opportunity('006A', { ownerRef: { externalId: '005B' }, stageName: 'Closed Won', amount: usd(1250.5), nextStep: 'Invoice' });
      const result = await commitImport(store, recordSource('opportunity', [changed]), { actor: 'test', now: LATER });
      expect(result).toMatchObject({ updated: 1, inserted: 0, unchanged: 0 });
      const history = await store.db.selectFrom('opportunity_history').select(['field', 'old_value', 'new_value', 'changed_at']).orderBy('field').execute();
      const ids = Object.fromEntries((await store.db.selectFrom('person').select(['id', 'external_id']).execute()).map((p) => [p.external_id ?? '', p.id] as const));
      expect(history).toEqual([
        { field: 'amount', old_value: '100000', new_value: '125050', changed_at: LATER },
        { field: 'forecast_category', old_value: 'pipeline', new_value: 'closed', changed_at: LATER },
        { field: 'owner', old_value: ids['005A'], new_value: ids['005B'], changed_at: LATER },
        { field: 'stage', old_value: await stageId(store, 'New Business', 'Prospecting'), new_value: await stageId(store, 'New Business', 'Closed Won'), changed_at: LATER },
      ]);
      const row = await store.db.selectFrom('opportunity').select(['updated_at', 'created_at', 'next_step']).executeTakeFirstOrThrow();
      expect(row).toEqual({ updated_at: LATER, created_at: NOW, next_step: 'Invoice' });
    });

    it('an id given twice in one file rejects the second row', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      const result = await commitImport(store, recordSource('opportunity', [opportunity('006A'), opportunity('006B'), opportunity('006A')]), { actor: 'test' });
      expect(result.status).toBe('rejected');
      expect(result.errors).toEqual([expect.objectContaining({ row: 4, value: '006A', reason: expect.stringContaining('row 2') as string })]);
    });

    it('a repeated id is caught however far back in a long sorted file it first appeared', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      const ids = Array.from({ length: 1_100 }, (_, i) => `006${String(i).padStart(5, '0')}`);
      const rows = [...ids, ids[3]!, ids[1_099]!, '006X'].map((id) => opportunity(id));
      const result = await commitImport(store, recordSource('opportunity', rows), { actor: 'test' });
      expect(result.status).toBe('rejected');
      expect(result.errors).toEqual([
        expect.objectContaining({ row: 1_102, value: ids[3], reason: expect.stringContaining('row 5') as string }),
        expect.objectContaining({ row: 1_103, value: ids[1_099], reason: expect.stringContaining('row 1101') as string }),
      ]);
    });

    it('a report export without ids updates the deal with the same name at the same account', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      const first = [opportunity(null, { name: 'Renewal 2026', accountRef: { name: 'Acme' } }), opportunity(null, { name: 'Renewal 2026', accountRef: { name: 'Globex' } })];
      await commitImport(store, recordSource('opportunity', first, { preset: 'salesforce-report' }), { actor: 'test', now: NOW });
      const second = [opportunity(null, { name: 'Renewal 2026', accountRef: { name: 'acme' }, amount: usd(2000) })];
      const result = await commitImport(store, recordSource('opportunity', second, { preset: 'salesforce-report' }), { actor: 'test', now: LATER });
      expect(result).toMatchObject({ status: 'committed', updated: 1, inserted: 0 });
      expect(await store.db.selectFrom('opportunity').select('amount_minor').orderBy('amount_minor').execute()).toEqual([{ amount_minor: 100000 }, { amount_minor: 200000 }]);
    });
  });
}
