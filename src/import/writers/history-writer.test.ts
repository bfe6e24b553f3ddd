import { afterEach, describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../../core/shared/currency.ts';
import { openTestStore, TEST_ENGINES, type TestStore } from '../../store/testing/test-stores.ts';
import { commitImport } from '../commit-import.ts';
import type { OpportunityHistoryRecord } from '../records.ts';
import { date, opportunity, person, recordSource, seedWorkspace, usd } from '../testing/record-sources.ts';

function state(opportunityId: string, changedAt: string, stageName: string, amount: number | null, closeDate = '2026-03-31'): OpportunityHistoryRecord {
  return { externalId: null, opportunityRef: { externalId: opportunityId }, changedAt, stageName, amount: amount === null ? null : usd(amount), closeDate: date(closeDate), forecastCategory: null };
}

async function history(store: TestStore): Promise<{ field: string; old_value: string | null; new_value: string | null; changed_at: string }[]> {
  return store.db
    .selectFrom('opportunity_history')
    .select(['field', 'old_value', 'new_value', 'changed_at'])
    .orderBy('changed_at')
    .orderBy('field')
    .execute();
}

async function stageIds(store: TestStore): Promise<Record<string, string>> {
  const rows = await store.db.selectFrom('stage').innerJoin('sales_process', 'sales_process.id', 'stage.process_id').select(['stage.id', 'stage.name']).where('sales_process.name', '=', 'New Business').execute();
  return Object.fromEntries(rows.map((r) => [r.name, r.id]));
}

for (const engine of TEST_ENGINES) {
  describe(`history import on ${engine}`, () => {
    let store: TestStore;
    afterEach(async () => store.dispose());

    async function seed(): Promise<void> {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      await commitImport(store, recordSource('person', [person('005A', 'Ana Alves'), person('005B', 'Ben Brown')]), { actor: 'test' });
      await commitImport(store, recordSource('opportunity', [opportunity('006A'), opportunity('006B')]), { actor: 'test' });
    }

    it('full-state history rows in any order become the field changes between consecutive rows', async () => {
      await seed();
      const rows = [
        state('006A', '2026-01-20T10:00:00.000Z', 'Closed Won', 1500, '2026-01-20'),
        state('006A', '2026-01-05T09:00:00Z', 'Prospecting', 1000),
        state('006A', '2026-01-10T09:00:00.000Z', 'Qualification', 1000),
      ];
      const result = await commitImport(store, recordSource('opportunity_history', rows), { actor: 'test' });
      expect(result).toMatchObject({ status: 'committed', inserted: 3 });
      const s = await stageIds(store);
      expect(await history(store)).toEqual([
        { field: 'amount', old_value: null, new_value: '100000', changed_at: '2026-01-05T09:00:00.000Z' },
        { field: 'close_date', old_value: null, new_value: '2026-03-31', changed_at: '2026-01-05T09:00:00.000Z' },
        { field: 'stage', old_value: null, new_value: s.Prospecting, changed_at: '2026-01-05T09:00:00.000Z' },
        { field: 'stage', old_value: s.Prospecting, new_value: s.Qualification, changed_at: '2026-01-10T09:00:00.000Z' },
        { field: 'amount', old_value: '100000', new_value: '150000', changed_at: '2026-01-20T10:00:00.000Z' },
        { field: 'close_date', old_value: '2026-03-31', new_value: '2026-01-20', changed_at: '2026-01-20T10:00:00.000Z' },
        { field: 'stage', old_value: s.Qualification, new_value: s['Closed Won'], changed_at: '2026-01-20T10:00:00.000Z' },
      ]);
    });

    it('importing the same history again adds nothing', async () => {
      await seed();
      const rows = [state('006A', '2026-01-05T09:00:00.000Z', 'Prospecting', 1000), state('006B', '2026-01-06T09:00:00.000Z', 'Qualification', null)];
      await commitImport(store, recordSource('opportunity_history', rows), { actor: 'test' });
      const before = await history(store);
      const again = await commitImport(store, recordSource('opportunity_history', rows), { actor: 'test' });
      expect(again).toMatchObject({ status: 'committed', inserted: 0, unchanged: 2 });
      expect(await history(store)).toEqual(before);
    });

    it('field history values are stored in canonical form', async () => {
      await seed();
      const at = '2026-01-07T08:00:00.000Z';
      const ref = { externalId: '006A' };
      const rows = [
        { externalId: 'h1', opportunityRef: ref, changedAt: at, field: 'stage' as const, oldValue: 'Prospecting', newValue: 'negotiation' },
        { externalId: 'h2', opportunityRef: ref, changedAt: at, field: 'amount' as const, oldValue: '1,000.00', newValue: '1250.5' },
        { externalId: 'h3', opportunityRef: ref, changedAt: at, field: 'owner' as const, oldValue: '005A', newValue: 'Ben Brown' },
        { externalId: 'h4', opportunityRef: ref, changedAt: at, field: 'forecast_category' as const, oldValue: 'Pipeline', newValue: 'Best Case' },
      ];
      const result = await commitImport(store, recordSource('opportunity_field_history', rows), { actor: 'test' });
      expect(result).toMatchObject({ status: 'committed', inserted: 4 });
      const s = await stageIds(store);
      const people = Object.fromEntries((await store.db.selectFrom('person').select(['id', 'name']).execute()).map((p) => [p.name, p.id]));
      expect((await history(store)).map((h) => [h.field, h.old_value, h.new_value])).toEqual([
        ['amount', '100000', '125050'],
        ['forecast_category', 'pipeline', 'best_case'],
        ['owner', people['Ana Alves'], people['Ben Brown']],
        ['stage', s.Prospecting, s['Negotiation/Review']],
      ]);
    });

    it('a history row for an unknown opportunity rejects the file', async () => {
      await seed();
      const result = await commitImport(store, recordSource('opportunity_history', [state('006A', '2026-01-05T09:00:00.000Z', 'Prospecting', 1), state('006Z', '2026-01-05T09:00:00.000Z', 'Prospecting', 1)]), {
        actor: 'test',
      });
      expect(result.status).toBe('rejected');
      expect(result.errors).toEqual([expect.objectContaining({ row: 3, column: 'OpportunityId', value: '006Z' })]);
      expect(await history(store)).toEqual([]);
    });

    it('line items without a total get quantity times unit price, rounded half-up', async () => {
      await seed();
      await commitImport(store, recordSource('product', [{ externalId: '01tA', name: 'Seats', code: 'S', family: null, active: true }]), { actor: 'test' });
      const items = [
        { externalId: 'oliA', opportunityRef: { externalId: '006A' }, productRef: { externalId: '01tA' }, quantity: '2.5', unitPrice: { minor: 333, currency: 'USD' as CurrencyCode }, totalPrice: null },
        { externalId: 'oliB', opportunityRef: { externalId: '006B' }, productRef: { name: 'seats' }, quantity: '3', unitPrice: usd(10), totalPrice: usd(29) },
      ];
      const result = await commitImport(store, recordSource('line_item', items), { actor: 'test' });
      expect(result).toMatchObject({ status: 'committed', inserted: 2 });
      const rows = await store.db.selectFrom('opportunity_line_item').select(['external_id', 'quantity', 'unit_price_minor', 'total_minor']).orderBy('external_id').execute();
      expect(rows).toEqual([
        { external_id: 'oliA', quantity: '2.5', unit_price_minor: 333, total_minor: 833 },
        { external_id: 'oliB', quantity: '3', unit_price_minor: 1000, total_minor: 2900 },
      ]);
    });
  });
}
