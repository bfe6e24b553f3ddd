import { describe, expect, it } from 'vitest';
import { addDays, parsePlainDate } from '../../core/shared/plain-date.ts';
import { listSnapshotDates, readSnapshot } from '../../store/snapshot-repository.ts';
import { loadPipelineHistory } from '../load-pipeline-history.ts';
import { pipelineAsOf } from '../pipeline-as-of.ts';
import { mondaysBetween } from '../refresh-snapshots.ts';
import type { Database } from '../../store/schema.ts';
import { TEST_ENGINES, type TestStore } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { getWorkspace } from '../../store/workspace-repository.ts';
import { initialiseWorkspace } from '../initialise-workspace.ts';
import { ServiceError } from '../service-error.ts';
import { createDemoWorkspace } from './create-demo-workspace.ts';
import { generateDemoCompany, type DemoCompany } from './generate-demo-company.ts';

const TODAY = parsePlainDate('2025-06-15');
const SMALL = { seed: 11, today: TODAY, scale: 0.05 } as const;
/** The Mondays of the year up to TODAY: the demo keeps a snapshot for each. */
const SNAPSHOT_MONDAYS = mondaysBetween(addDays(TODAY, -52 * 7), TODAY).length;

async function rowCount(store: TestStore, table: keyof Database): Promise<number> {
  const row = await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * History is imported as full-state rows and stored as one row per changed field: the first row
 * of a deal sets all four fields, each later row only those it changes.
 */
function fieldChanges(company: DemoCompany): number {
  const last = new Map<string, string[]>();
  let changes = 0;
  for (const row of company.history) {
    const id = 'externalId' in row.opportunityRef ? row.opportunityRef.externalId : '';
    const next = [row.stageName ?? '', String(row.amount?.minor ?? ''), row.closeDate ?? '', row.forecastCategory ?? ''];
    const previous = last.get(id);
    changes += next.filter((value, i) => previous?.[i] !== value).length;
    last.set(id, next);
  }
  return changes;
}

async function tableCounts(store: TestStore): Promise<Record<string, number>> {
  const tables = ['currency_rate', 'person', 'reporting_line', 'product', 'account', 'account_owner', 'opportunity', 'opportunity_history', 'opportunity_line_item', 'opportunity_split'] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = await rowCount(store, table);
  return counts;
}

for (const engine of TEST_ENGINES) {
  describe(`createDemoWorkspace on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('writes every generated record, so the database holds exactly what was generated', async () => {
      const company = generateDemoCompany(SMALL);
      const { counts } = await createDemoWorkspace(ctx.store, SMALL);
      expect(counts).toEqual({
        currency_rate: company.currencyRates.length,
        person: company.people.length,
        product: company.products.length,
        account: company.accounts.length,
        opportunity: company.opportunities.length,
        opportunity_history: company.history.length,
        line_item: company.lineItems.length,
        split: company.splits.length,
        pipeline_snapshot: SNAPSHOT_MONDAYS,
      });
      expect(await tableCounts(ctx.store)).toEqual({
        currency_rate: company.currencyRates.length,
        person: company.people.length,
        reporting_line: company.people.filter((p) => p.managerRef !== null).length,
        product: company.products.length,
        account: company.accounts.length,
        account_owner: company.accounts.length,
        opportunity: company.opportunities.length,
        opportunity_history: fieldChanges(company),
        opportunity_line_item: company.lineItems.length,
        opportunity_split: company.splits.length,
      });
    });

    it('keeps a year of weekly pipeline snapshots that match the pipeline rebuilt from history', async () => {
      await createDemoWorkspace(ctx.store, SMALL);
      const dates = await listSnapshotDates(ctx.store.db);
      expect(dates).toHaveLength(SNAPSHOT_MONDAYS);
      const lastMonday = dates[dates.length - 1]!;
      const rebuilt = await loadPipelineHistory(ctx.store.db, lastMonday);
      expect(await pipelineAsOf(ctx.store, lastMonday, { openOnly: true })).toEqual(rebuilt.rowsAsOf(lastMonday, { openOnly: true }));
      expect((await readSnapshot(ctx.store.db, lastMonday)).length).toBeGreaterThan(0);
    });

    it('labels the workspace as demo data in US dollars', async () => {
      await createDemoWorkspace(ctx.store, SMALL);
      expect(await getWorkspace(ctx.store.db)).toMatchObject({ name: 'Demo company (generated data)', corporateCurrency: 'USD', isDemo: true });
    });

    it('reports progress for each entity in import order, ending with all rows done', async () => {
      const finished = new Map<string, [number, number]>();
      await createDemoWorkspace(ctx.store, { ...SMALL, onProgress: (step, done, total) => finished.set(step, [done, total]) });
      expect([...finished.keys()]).toEqual(['currency_rate', 'person', 'product', 'account', 'opportunity', 'opportunity_history', 'line_item', 'split', 'pipeline_snapshot']);
      expect([...finished.values()].every(([done, total]) => done === total)).toBe(true);
    });

    it('changes nothing when the same demo is created again', async () => {
      await createDemoWorkspace(ctx.store, SMALL);
      const before = await tableCounts(ctx.store);
      const audits = await rowCount(ctx.store, 'audit_event');
      const again = await createDemoWorkspace(ctx.store, SMALL);
      expect(again.counts.opportunity).toBe(before.opportunity);
      expect(await tableCounts(ctx.store)).toEqual(before);
      // Each committed entity logs its import run, and the snapshot refresh logs itself; nothing else is written.
      expect(await rowCount(ctx.store, 'audit_event')).toBe(audits + 9);
    });

    it('refuses a database whose workspace is not a demo and writes nothing into it', async () => {
      await initialiseWorkspace(ctx.store, { name: 'Real company', corporateCurrency: 'USD' });
      const refused = createDemoWorkspace(ctx.store, SMALL);
      await expect(refused).rejects.toBeInstanceOf(ServiceError);
      await expect(refused).rejects.toMatchObject({ code: 'database_has_data' });
      expect(await rowCount(ctx.store, 'person')).toBe(0);
      expect(await rowCount(ctx.store, 'currency_rate')).toBe(0);
    });

    it('refuses a different demo over an existing one and leaves it as it was', async () => {
      await createDemoWorkspace(ctx.store, SMALL);
      const before = await tableCounts(ctx.store);
      await expect(createDemoWorkspace(ctx.store, { ...SMALL, seed: 12 })).rejects.toMatchObject({ code: 'database_has_data' });
      expect(await tableCounts(ctx.store)).toEqual(before);
    });
  });
}
