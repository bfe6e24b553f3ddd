import { describe, expect, it } from 'vitest';
import { hubspotSalesProcess } from '../core/pipeline/default-processes.ts';
import { listAuditEvents } from '../store/audit-repository.ts';
import { createSalesProcess, getDefaultSalesProcess, listSalesProcesses } from '../store/sales-process-repository.ts';
import { TEST_ENGINES } from '../store/testing/test-stores.ts';
import { useTestStore } from '../store/testing/use-test-store.ts';
import { getWorkspace } from '../store/workspace-repository.ts';
import { initialiseWorkspace } from './initialise-workspace.ts';

for (const engine of TEST_ENGINES) {
  describe(`initialiseWorkspace on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('creates the workspace with its fiscal settings and the default processes', async () => {
      const result = await initialiseWorkspace(ctx.store, { name: 'Acme', corporateCurrency: 'eur', fiscal: { startMonth: 2, pattern: '4-4-5', yearNaming: 'end' } });
      expect(result.created).toBe(true);
      expect(await getWorkspace(ctx.store.db)).toMatchObject({ name: 'Acme', corporateCurrency: 'EUR', fiscalYearStartMonth: 2, fiscalPattern: '4-4-5', isDemo: false });
      expect((await listSalesProcesses(ctx.store.db)).map((p) => [p.name, p.isDefault])).toEqual([
        ['New Business', true],
        ['Renewal', false],
      ]);
    });

    it('changes nothing when called again and returns the existing workspace', async () => {
      const first = await initialiseWorkspace(ctx.store, { name: 'Acme', corporateCurrency: 'USD' });
      const second = await initialiseWorkspace(ctx.store, { name: 'Other', corporateCurrency: 'GBP', isDemo: true });
      expect(second).toEqual({ workspace: first.workspace, created: false, processesCreated: [] });
      expect(await listSalesProcesses(ctx.store.db)).toHaveLength(2);
      expect(await listAuditEvents(ctx.store.db)).toHaveLength(1);
    });

    it('writes one audit event when it creates', async () => {
      const { workspace } = await initialiseWorkspace(ctx.store, { name: 'Acme', corporateCurrency: 'USD', actor: 'ada' });
      const events = await listAuditEvents(ctx.store.db);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor: 'ada', action: 'initialise', objectType: 'workspace', objectId: workspace.id });
    });

    it('keeps processes that already exist and their default', async () => {
      const hubspot = await createSalesProcess(ctx.store.db, { ...hubspotSalesProcess(), isDefault: true });
      const result = await initialiseWorkspace(ctx.store, { name: 'Acme', corporateCurrency: 'USD' });
      expect(result.processesCreated).toEqual(['New Business', 'Renewal']);
      expect((await getDefaultSalesProcess(ctx.store.db))?.id).toBe(hubspot.id);
    });

    it('creates one workspace when called twice at once', async () => {
      const results = await Promise.all([
        initialiseWorkspace(ctx.store, { name: 'A', corporateCurrency: 'USD' }),
        initialiseWorkspace(ctx.store, { name: 'B', corporateCurrency: 'USD' }),
      ]);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(await ctx.store.db.selectFrom('workspace').select('id').execute()).toHaveLength(1);
    });

    it('refuses an unknown currency and writes nothing', async () => {
      await expect(initialiseWorkspace(ctx.store, { name: 'Acme', corporateCurrency: 'XXX' })).rejects.toMatchObject({ code: 'unknown_currency' });
      expect(await getWorkspace(ctx.store.db)).toBeNull();
    });

    it('refuses a fiscal year starting in a month that does not exist', async () => {
      await expect(initialiseWorkspace(ctx.store, { name: 'Acme', corporateCurrency: 'USD', fiscal: { startMonth: 13, pattern: 'calendar', yearNaming: 'end' } })).rejects.toMatchObject({
        code: 'invalid_argument',
      });
    });
  });
}
