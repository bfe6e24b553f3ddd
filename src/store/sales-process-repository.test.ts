import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSalesProcesses, hubspotSalesProcess } from '../core/pipeline/default-processes.ts';
import { createSalesProcess, findSalesProcessByName, findStage, getDefaultSalesProcess, listAllStages, listSalesProcesses } from './sales-process-repository.ts';
import { openTestStore, TEST_ENGINES, type TestStore } from './testing/test-stores.ts';

for (const engine of TEST_ENGINES) {
  describe(`sales process repository on ${engine}`, () => {
    let store: TestStore;
    beforeEach(async () => {
      store = await openTestStore(engine);
    });
    afterEach(async () => {
      await store.dispose();
    });

    it('creates a process with its stages in order, with their settings and aliases', async () => {
      const hubspot = await createSalesProcess(store.db, hubspotSalesProcess());
      expect(hubspot.stages.map((s) => s.name)).toEqual(hubspotSalesProcess().stages.map((s) => s.name));
      expect(hubspot.stages[5]).toMatchObject({ name: 'Closed Won', sortOrder: 6, probabilityBps: 10_000, forecastCategory: 'closed', isClosed: true, isWon: true, aliases: ['closedwon'] });
      expect(await findSalesProcessByName(store.db, 'HubSpot Deals')).toEqual(hubspot);
    });

    it('lists the processes, the default first', async () => {
      for (const definition of [...defaultSalesProcesses()].reverse()) await createSalesProcess(store.db, definition);
      const processes = await listSalesProcesses(store.db);
      expect(processes.map((p) => [p.name, p.isDefault, p.stages.length])).toEqual([
        ['New Business', true, 10],
        ['Renewal', false, 6],
      ]);
    });

    it('moves the default to a newly created default process', async () => {
      const [first] = defaultSalesProcesses();
      await createSalesProcess(store.db, first!);
      const other = await createSalesProcess(store.db, { ...first!, name: 'Enterprise' });
      expect((await getDefaultSalesProcess(store.db))?.id).toBe(other.id);
    });

    it('refuses a second process with the same name', async () => {
      await createSalesProcess(store.db, hubspotSalesProcess());
      await expect(createSalesProcess(store.db, hubspotSalesProcess())).rejects.toMatchObject({ code: 'conflict' });
    });

    it('finds a stage by name or alias ignoring case', async () => {
      const process = await createSalesProcess(store.db, hubspotSalesProcess());
      expect((await findStage(store.db, process.id, 'contract sent'))?.name).toBe('Contract Sent');
      expect((await findStage(store.db, process.id, ' ContractSent '))?.name).toBe('Contract Sent');
      expect(await findStage(store.db, process.id, 'Negotiation')).toBeNull();
    });

    it('finds stages only within the process asked about', async () => {
      const [newBusiness, renewal] = defaultSalesProcesses();
      await createSalesProcess(store.db, newBusiness!);
      const renewals = await createSalesProcess(store.db, renewal!);
      const stage = await findStage(store.db, renewals.id, 'Closed Won');
      expect(stage?.processId).toBe(renewals.id);
      expect((await listAllStages(store.db)).length).toBe(16);
    });
  });
}
