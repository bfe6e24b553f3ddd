import { beforeEach, describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../../core/shared/currency.ts';
import type { PlainDate } from '../../core/shared/plain-date.ts';
import { addAccountOwner, closeAccountOwner } from '../../store/account-repository.ts';
import { updateOpportunity } from '../../store/opportunity-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { ServiceError } from '../service-error.ts';
import { exportEntity, type ExportTable } from './export-entity.ts';

async function collect(table: ExportTable): Promise<Record<string, string>[]> {
  const records: Record<string, string>[] = [];
  for await (const cells of table.rows) {
    records.push(Object.fromEntries(table.header.map((name, i) => [name, cells[i] ?? ''])));
  }
  return records;
}

for (const engine of TEST_ENGINES) {
  describe(`exportEntity on ${engine}`, () => {
    const ctx = useTestStore(engine);

    beforeEach(async () => {
      await ctx.make.workspace();
    });

    it('exports an opportunity amount as a decimal string beside its currency', async () => {
      await ctx.make.opportunity({ name: 'Big deal', amountMinor: 123_456, currency: 'EUR' as CurrencyCode });
      await ctx.make.opportunity({ name: 'Yen deal', amountMinor: 5000, currency: 'JPY' as CurrencyCode });
      const rows = await collect(exportEntity(ctx.store, 'opportunities'));
      const byName = new Map(rows.map((r) => [r.name, r]));
      expect(byName.get('Big deal')).toMatchObject({ amount: '1234.56', currency: 'EUR', stage: 'Prospecting' });
      expect(byName.get('Yen deal')).toMatchObject({ amount: '5000', currency: 'JPY' });
    });

    it('exports each account with the owner it had on the as-of date', async () => {
      const ann = await ctx.make.person({ name: 'Ann' });
      const bob = await ctx.make.person({ name: 'Bob' });
      const account = await ctx.make.account({ name: 'Globex' });
      const first = await addAccountOwner(ctx.store.db, { accountId: account.id, ownerId: ann.id, validFrom: '2025-01-01' as PlainDate });
      await closeAccountOwner(ctx.store.db, first.id, '2025-07-01' as PlainDate);
      await addAccountOwner(ctx.store.db, { accountId: account.id, ownerId: bob.id, validFrom: '2025-07-01' as PlainDate });
      const then = await collect(exportEntity(ctx.store, 'accounts', { asOf: '2025-03-15' as PlainDate }));
      const now = await collect(exportEntity(ctx.store, 'accounts'));
      expect(then[0]?.owner_name).toBe('Ann');
      expect(now[0]?.owner_name).toBe('Bob');
    });

    it('reads every row when the table spans several pages', async () => {
      for (let i = 0; i < 7; i += 1) await ctx.make.account({ name: `Account ${i}` });
      const rows = await collect(exportEntity(ctx.store, 'accounts', { pageSize: 3 }));
      expect(rows.map((r) => r.name).sort()).toEqual(['Account 0', 'Account 1', 'Account 2', 'Account 3', 'Account 4', 'Account 5', 'Account 6']);
    });

    it('exports history amounts as decimals and stages by name', async () => {
      await ctx.make.opportunity({ amountMinor: 250_000, currency: 'USD' as CurrencyCode }, { historyAt: '2026-01-05T10:00:00.000Z' });
      const rows = await collect(exportEntity(ctx.store, 'history'));
      expect(rows.find((r) => r.field === 'amount')).toMatchObject({ new_value: '2500.00', currency: 'USD' });
      expect(rows.find((r) => r.field === 'stage')).toMatchObject({ new_value: 'Prospecting', currency: '' });
    });

    it('exports the pipeline as it stood on the as-of date, with stage names', async () => {
      const opp = await ctx.make.opportunity({ name: 'Moving deal', createdDate: '2026-01-05' as PlainDate, amountMinor: 100_000 }, { historyAt: '2026-01-05T09:00:00.000Z' });
      const later = await ctx.make.stage('Negotiation/Review');
      await updateOpportunity(ctx.store.db, opp.id, { stageId: later.id, amountMinor: 300_000 }, { historyAt: '2026-03-01T09:00:00.000Z' });
      const then = await collect(exportEntity(ctx.store, 'pipeline', { asOf: '2026-02-01' as PlainDate }));
      const now = await collect(exportEntity(ctx.store, 'pipeline', { asOf: '2026-03-02' as PlainDate }));
      expect(then[0]).toMatchObject({ name: 'Moving deal', stage: 'Prospecting', amount: '1000.00', as_of: '2026-02-01' });
      expect(now[0]).toMatchObject({ stage: 'Negotiation/Review', amount: '3000.00' });
    });

    it('refuses an as-of date for opportunities, which are exported as they are now', () => {
      expect(() => exportEntity(ctx.store, 'opportunities', { asOf: '2025-01-01' as PlainDate })).toThrow(ServiceError);
    });
  });
}
