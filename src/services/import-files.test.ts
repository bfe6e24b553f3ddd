import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../import/import-summary.ts';
import { openTestStore, TEST_ENGINES, type TestStore } from '../store/testing/test-stores.ts';
import { importFiles } from './import-files.ts';
import { initialiseWorkspace } from './initialise-workspace.ts';

const FIXTURES = join(import.meta.dirname, '..', 'import', 'fixtures');
const salesforce = readdirSync(join(FIXTURES, 'salesforce')).map((f) => join(FIXTURES, 'salesforce', f));
const report = join(FIXTURES, 'salesforce-report', 'opportunities-report.csv');
const hubspot = ['hubspot-deals.csv', 'hubspot-companies.csv'].map((f) => join(FIXTURES, 'hubspot', f));
const badRows = join(FIXTURES, 'other', 'bad-rows.csv');

/** Sum of amounts and number of opportunities with an amount, per currency, plus those without one. */
async function totals(store: TestStore): Promise<Record<string, [number, number]>> {
  const rows = await store.db.selectFrom('opportunity').select(['currency', 'amount_minor']).execute();
  const out: Record<string, [number, number]> = {};
  for (const r of rows) {
    const key = r.amount_minor === null ? 'none' : r.currency;
    const [sum, n] = out[key] ?? [0, 0];
    out[key] = [sum + (r.amount_minor ?? 0), n + 1];
  }
  return out;
}

for (const engine of TEST_ENGINES) {
  describe(`importFiles on ${engine}`, () => {
    let store: TestStore;
    const errorsDir = mkdtempSync(join(tmpdir(), 'salesops-import-errors-'));
    afterEach(async () => store.dispose());
    afterAll(() => rmSync(errorsDir, { recursive: true, force: true }));

    async function open(): Promise<void> {
      store = await openTestStore(engine);
      await initialiseWorkspace(store, { name: 'Test', corporateCurrency: 'USD' });
    }

    it('imports the Salesforce Data Loader set in dependency order with the expected totals', async () => {
      await open();
      const results = await importFiles(store, salesforce, { actor: 'test' });
      expect(results.map((r) => r.file)).toEqual(salesforce);
      expect(results.filter((r) => r.status !== 'committed').map((r) => [r.file, r.failure, r.errors])).toEqual([]);
      expect(await totals(store)).toEqual({ USD: [133890050, 8], EUR: [10750000, 2], GBP: [4000000, 1], none: [0, 1] });
      const won = await store.db.selectFrom('opportunity').select('is_won').where('is_closed', '=', 1).execute();
      expect(won.map((w) => w.is_won).sort()).toEqual([0, 1, 1, 1]);
      const counts = await Promise.all((['opportunity_line_item', 'opportunity_split', 'reporting_line', 'currency_rate', 'product'] as const).map(async (t) => (await store.db.selectFrom(t).select('id').execute()).length));
      expect(counts).toEqual([10, 8, 5, 10, 6]);
    });

    it('importing the Salesforce set a second time changes nothing', async () => {
      await open();
      await importFiles(store, salesforce, { actor: 'test' });
      const history = (await store.db.selectFrom('opportunity_history').select('id').execute()).length;
      const again = await importFiles(store, salesforce, { actor: 'test' });
      expect(again.map((r) => [r.status, r.inserted, r.updated])).toEqual(salesforce.map(() => ['committed', 0, 0]));
      expect((await store.db.selectFrom('opportunity_history').select('id').execute()).length).toBe(history);
    });

    it('imports the report export, creating the people and accounts it names', async () => {
      await open();
      const [result] = await importFiles(store, [report], { actor: 'test' });
      expect(result).toMatchObject({ status: 'committed', inserted: 8, entity: 'opportunity', preset: 'salesforce-report' });
      expect(await totals(store)).toEqual({ USD: [55300000, 5], EUR: [9500000, 1], GBP: [4000000, 1], none: [0, 1] });
      expect(result!.notes.some((n) => n.includes('no person is named'))).toBe(true);
      const formula = await store.db.selectFrom('opportunity').select('next_step').where('next_step', 'like', '=%').execute();
      expect(formula).toHaveLength(1);
    });

    it('imports the HubSpot export into the HubSpot process', async () => {
      await open();
      const results = await importFiles(store, hubspot, { actor: 'test' });
      expect(results.map((r) => [r.entity, r.status])).toEqual([['opportunity', 'committed'], ['account', 'committed']]);
      expect(await totals(store)).toEqual({ USD: [3850050, 5], EUR: [5600000, 1], none: [0, 1] });
      const byProcess = await store.db.selectFrom('opportunity').innerJoin('sales_process', 'sales_process.id', 'opportunity.process_id').select('sales_process.name').execute();
      expect(byProcess.filter((p) => p.name === 'HubSpot Deals')).toHaveLength(6);
      expect(byProcess.filter((p) => p.name === 'Renewal')).toHaveLength(1);
    });

    it('a file with bad rows writes nothing and lists every bad row in the error CSV', async () => {
      await open();
      await importFiles(store, salesforce.filter((f) => /(User|Account)\.csv$/.test(f)), { actor: 'test' });
      const errorsPath = join(errorsDir, `${engine}-bad-rows.errors.csv`);
      const [result] = await importFiles(store, [badRows], { actor: 'test', errorsPath });
      expect(result).toMatchObject({ status: 'rejected', errorReportPath: errorsPath, rowsRead: 7, inserted: 2, rejected: 5 });
      expect(await store.db.selectFrom('opportunity').select('id').execute()).toEqual([]);
      const lines = readFileSync(errorsPath, 'utf8').trim().split('\r\n');
      expect(lines[0]).toBe('row,column,value,reason');
      expect(new Set(lines.slice(1).map((l) => Number(l.split(',')[0])))).toEqual(new Set([3, 4, 5, 7, 8]));
    });

    it('an unreadable file fails alone while the others are imported', async () => {
      await open();
      const missing = join(errorsDir, 'no-such-file.csv');
      const progress: ImportProgress[] = [];
      const results = await importFiles(store, [missing, report], { actor: 'test', onProgress: (p) => progress.push(p) });
      expect(results[0]).toMatchObject({ file: missing, status: 'failed', entity: null });
      expect(results[0]!.failure).toContain('no-such-file.csv');
      expect(results[1]).toMatchObject({ status: 'committed', inserted: 8 });
      expect(progress.at(-1)).toMatchObject({ file: report, rowsDone: 8 });
      expect(progress.at(-1)!.bytesRead).toBe(progress.at(-1)!.totalBytes);
    });

    it('a dry run of several files checks them as a set, so later files resolve earlier files\' rows, and writes nothing', async () => {
      await open();
      const results = await importFiles(store, salesforce, { actor: 'test', dryRun: true, errorsPath: join(errorsDir, `${engine}-dry-run-set`) });
      expect(results.filter((r) => r.status !== 'dry_run').map((r) => [r.file, r.status, r.failure, r.errors])).toEqual([]);
      const opportunities = results.find((r) => r.entity === 'opportunity');
      expect(opportunities).toMatchObject({ inserted: 12, rejected: 0 });
      for (const table of ['person', 'account', 'opportunity', 'opportunity_history', 'opportunity_split', 'import_run'] as const) {
        expect(await store.db.selectFrom(table).select('id').execute()).toEqual([]);
      }
      expect(await store.db.selectFrom('audit_event').select('id').where('action', '=', 'import').execute()).toEqual([]);
      const committed = await importFiles(store, salesforce, { actor: 'test' });
      expect(committed.map((r) => [r.status, r.inserted])).toEqual(results.map((r) => ['committed', r.inserted]));
    });

    it('a dry run of several files writes nothing', async () => {
      await open();
      const results = await importFiles(store, hubspot, { actor: 'test', dryRun: true });
      expect(results.map((r) => r.status)).toEqual(['dry_run', 'dry_run']);
      expect(await store.db.selectFrom('opportunity').select('id').execute()).toEqual([]);
      expect(await store.db.selectFrom('account').select('id').execute()).toEqual([]);
    });
  });
}
