import { describe, expect, it } from 'vitest';
import { defaultSalesProcesses, hubspotSalesProcess } from '../core/pipeline/default-processes.ts';
import { createSalesProcess, findSalesProcessByName, findStage, getDefaultSalesProcess, listAllStages, listSalesProcesses } from './sales-process-repository.ts';
import { TEST_ENGINES } from './testing/test-stores.ts';
import { useTestStore } from './testing/use-test-store.ts';

for (const engine of TEST_ENGINES) {
  describe(`sales process repository on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('creates a process with its stages in order, with their settings and aliases', async () => {
      const hubspot = await createSalesProcess(ctx.store.db, hubspotSalesProcess());
      expect(hubspot.stages.map((s) => s.name)).toEqual(hubspotSalesProcess().stages.map((s) => s.name));
      expect(hubspot.stages[5]).toMatchObject({ name: 'Closed Won', sortOrder: 6, probabilityBps: 10_000, forecastCategory: 'closed', isClosed: true, isWon: true, aliases: ['closedwon'] });
      expect(await findSalesProcessByName(ctx.store.db, 'HubSpot Deals')).toEqual(hubspot);
    });

    it('lists the processes, the default first', async () => {
      for (const definition of [...defaultSalesProcesses()].reverse()) await createSalesProcess(ctx.store.db, definition);
      const processes = await listSalesProcesses(ctx.store.db);
      expect(processes.map((p) => [p.name, p.isDefault, p.stages.length])).toEqual([
        ['New Business', true, 10],
        ['Renewal', false, 6],
      ]);
    });

    it('moves the default to a newly created default process', async () => {
      const [first] = defaultSalesProcesses();
      await createSalesProcess(ctx.store.db, first!);
      const other = await createSalesProcess(ctx.store.db, { ...first!, name: 'Enterprise' });
      expect((await getDefaultSalesProcess(ctx.store.db))?.id).toBe(other.id);
    });

    it('refuses a second process with the same name', async () => {
      await createSalesProcess(ctx.store.db, hubspotSalesProcess());
      await expect(createSalesProcess(ctx.store.db, hubspotSalesProcess())).rejects.toMatchObject({ code: 'conflict' });
    });

    it('finds a stage by name or alias ignoring case', async () => {
      const process = await createSalesProcess(ctx.store.db, hubspotSalesProcess());
      expect((await findStage(ctx.store.db, process.id, 'contract sent'))?.name).toBe('Contract Sent');
      expect((await findStage(ctx.store.db, process.id, ' ContractSent '))?.name).toBe('Contract Sent');
      expect(await findStage(ctx.store.db, process.id, 'Negotiation')).toBeNull();
    });

    it('finds stages only within the process asked about', async () => {
      const [newBusiness, renewal] = defaultSalesProcesses();
      await createSalesProcess(ctx.store.db, newBusiness!);
      const renewals = await createSalesProcess(ctx.store.db, renewal!);
      const stage = await findStage(ctx.store.db, renewals.id, 'Closed Won');
      expect(stage?.processId).toBe(renewals.id);
      expect((await listAllStages(ctx.store.db)).length).toBe(16);
    });
  });
}
