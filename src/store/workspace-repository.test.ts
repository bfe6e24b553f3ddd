import { describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../core/shared/currency.ts';
import { TEST_ENGINES } from './testing/test-stores.ts';
import { useTestStore } from './testing/use-test-store.ts';
import { createWorkspace, getWorkspace, updateWorkspaceSettings } from './workspace-repository.ts';

const USD = 'USD' as CurrencyCode;

for (const engine of TEST_ENGINES) {
  describe(`workspace repository on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('finds no workspace in a new database', async () => {
      expect(await getWorkspace(ctx.store.db)).toBeNull();
    });

    it('creates the workspace with calendar-year defaults', async () => {
      const created = await createWorkspace(ctx.store.db, { name: 'Acme', corporateCurrency: USD });
      expect(created.id).toMatch(/^ws_[0-9A-Z]{26}$/);
      expect(await getWorkspace(ctx.store.db)).toEqual({
        id: created.id,
        name: 'Acme',
        corporateCurrency: 'USD',
        fiscalYearStartMonth: 1,
        fiscalPattern: 'calendar',
        fiscalYearNaming: 'end',
        bookingBasis: 'acv',
        isDemo: false,
        managersSeePay: false,
        createdAt: created.createdAt,
      });
    });

    it('refuses a second workspace', async () => {
      await createWorkspace(ctx.store.db, { name: 'Acme', corporateCurrency: USD });
      await expect(createWorkspace(ctx.store.db, { name: 'Other', corporateCurrency: USD })).rejects.toMatchObject({ code: 'conflict' });
    });

    it('updates only the settings given', async () => {
      await createWorkspace(ctx.store.db, { name: 'Acme', corporateCurrency: USD });
      const updated = await updateWorkspaceSettings(ctx.store.db, { fiscalYearStartMonth: 2, fiscalPattern: '4-4-5', isDemo: true });
      expect(updated).toMatchObject({ name: 'Acme', fiscalYearStartMonth: 2, fiscalPattern: '4-4-5', isDemo: true });
      expect(await getWorkspace(ctx.store.db)).toEqual(updated);
    });

    it('refuses to update a workspace that does not exist', async () => {
      await expect(updateWorkspaceSettings(ctx.store.db, { name: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    });
  });
}
