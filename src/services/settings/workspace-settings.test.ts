import { beforeEach, describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../../core/shared/currency.ts';
import { listAuditEvents } from '../../store/audit-repository.ts';
import { upsertCurrencyRates } from '../../store/currency-rate-repository.ts';
import { getWorkspace } from '../../store/workspace-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { actorOf } from '../testing/access-fixtures.ts';
import { changeWorkspaceSettings, getWorkspaceSettings } from './workspace-settings.ts';

for (const engine of TEST_ENGINES) {
  describe(`workspace settings on ${engine}`, () => {
    const ctx = useTestStore(engine);
    beforeEach(async () => {
      await ctx.make.workspace({ name: 'Acme', fiscalYearStartMonth: 2 });
    });

    it('reads the settings in the contract’s shape', async () => {
      expect(await getWorkspaceSettings(ctx.store, actorOf('rep'))).toEqual({
        name: 'Acme', corporateCurrency: 'USD', fiscalYearStartMonth: 2, fiscalPattern: 'calendar', fiscalYearNaming: 'end', bookingBasis: 'acv', managersSeePay: false, isDemo: false,
      });
    });

    it('lets ops change the fiscal calendar and audits the changed settings only', async () => {
      const ops = actorOf('ops');
      const settings = await changeWorkspaceSettings(ctx.store, ops, { fiscalPattern: '4-4-5', fiscalYearStartMonth: 2, name: 'Acme Inc' });
      expect(settings).toMatchObject({ fiscalPattern: '4-4-5', name: 'Acme Inc' });
      const events = await listAuditEvents(ctx.store.db, { action: 'update', objectType: 'workspace' });
      expect(events).toEqual([expect.objectContaining({ actor: ops.userId, before: { name: 'Acme', fiscalPattern: 'calendar' }, after: { name: 'Acme Inc', fiscalPattern: '4-4-5' } })]);
    });

    it('forbids a rep to change settings', async () => {
      await expect(changeWorkspaceSettings(ctx.store, actorOf('rep'), { name: 'Mine' })).rejects.toMatchObject({ code: 'forbidden' });
      expect((await getWorkspace(ctx.store.db))?.name).toBe('Acme');
    });

    it('forbids ops to let managers see pay, naming the field and auditing the refusal', async () => {
      await expect(changeWorkspaceSettings(ctx.store, actorOf('ops'), { managersSeePay: true })).rejects.toMatchObject({ code: 'forbidden', details: { field: 'managersSeePay' } });
      expect(await listAuditEvents(ctx.store.db, { action: 'denied', objectType: 'workspace' })).toHaveLength(1);
      expect((await getWorkspace(ctx.store.db))?.managersSeePay).toBe(false);
    });

    it('lets an administrator let managers see pay', async () => {
      expect((await changeWorkspaceSettings(ctx.store, actorOf('admin'), { managersSeePay: true })).managersSeePay).toBe(true);
    });

    it('refuses a new corporate currency while rates are quoted against the old one', async () => {
      await upsertCurrencyRates(ctx.store.db, [{ currency: 'EUR' as CurrencyCode, startDate: null, rate: '0.9' }]);
      await expect(changeWorkspaceSettings(ctx.store, actorOf('admin'), { corporateCurrency: 'EUR' })).rejects.toMatchObject({ code: 'conflict' });
    });

    it('writes no audit event for a change to the values already set', async () => {
      await changeWorkspaceSettings(ctx.store, actorOf('ops'), { name: 'Acme', managersSeePay: false });
      expect(await listAuditEvents(ctx.store.db, { action: 'update' })).toEqual([]);
    });
  });
}
