import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../core/shared/currency.ts';
import { isImportFileOf, openImportFile, previewImportFile, type ImportFile, type OpenImportOptions, type ParsedRowResult } from './open-import-file.ts';
import type { ImportEntity } from './records.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url).pathname;
const fixture = (path: string): string => join(FIXTURES, path);

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'salesops-open-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(path: string, options: OpenImportOptions = {}): Promise<{ file: ImportFile; results: ParsedRowResult<ImportEntity>[] }> {
  const file = await openImportFile(path, options);
  const results: ParsedRowResult<ImportEntity>[] = [];
  for await (const result of file.rows()) results.push(result);
  return { file, results };
}

/** Sum of opportunity amounts in minor units per currency: the figures in fixtures/README.md. */
async function opportunityTotals(path: string, options: OpenImportOptions = {}): Promise<{ rows: number; withoutAmount: number; minorByCurrency: Record<string, number> }> {
  const file = await openImportFile(path, options);
  if (!isImportFileOf(file, 'opportunity')) throw new Error(`${path} is not opportunities`);
  const minorByCurrency: Record<string, number> = {};
  let rows = 0;
  let withoutAmount = 0;
  for await (const result of file.rows()) {
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    rows += 1;
    const amount = result.record.amount;
    if (amount === null) withoutAmount += 1;
    else minorByCurrency[amount.currency] = (minorByCurrency[amount.currency] ?? 0) + amount.minor;
  }
  return { rows, withoutAmount, minorByCurrency };
}

describe('openImportFile on the fixtures', () => {
  it.each([
    ['salesforce/User.csv', 'person', 6],
    ['salesforce/Account.csv', 'account', 8],
    ['salesforce/Opportunity.csv', 'opportunity', 12],
    ['salesforce/OpportunityHistory.csv', 'opportunity_history', 15],
    ['salesforce/OpportunityFieldHistory.csv', 'opportunity_field_history', 5],
    ['salesforce/OpportunityLineItem.csv', 'line_item', 10],
    ['salesforce/OpportunitySplit.csv', 'split', 8],
    ['salesforce/Product2.csv', 'product', 6],
    ['salesforce/CurrencyType.csv', 'currency_rate', 4],
    ['salesforce/DatedConversionRate.csv', 'currency_rate', 6],
    ['salesforce-report/opportunities-report.csv', 'opportunity', 8],
    ['hubspot/hubspot-deals.csv', 'opportunity', 7],
    ['hubspot/hubspot-companies.csv', 'account', 5],
  ])('reads %s as %i valid %s rows', async (path, entity, count) => {
    const { file, results } = await readAll(fixture(path));
    expect(file.entity).toBe(entity);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results).toHaveLength(count);
  });

  it('sums the Data Loader opportunities per currency', async () => {
    expect(await opportunityTotals(fixture('salesforce/Opportunity.csv'))).toEqual({ rows: 12, withoutAmount: 1, minorByCurrency: { USD: 133890050, EUR: 10750000, GBP: 4000000 } });
  });

  it('sums the report opportunities per currency', async () => {
    expect(await opportunityTotals(fixture('salesforce-report/opportunities-report.csv'))).toEqual({ rows: 8, withoutAmount: 1, minorByCurrency: { USD: 55300000, EUR: 9500000, GBP: 4000000 } });
  });

  it('sums the HubSpot deals per currency', async () => {
    expect(await opportunityTotals(fixture('hubspot/hubspot-deals.csv'))).toEqual({ rows: 7, withoutAmount: 1, minorByCurrency: { USD: 3850050, EUR: 5600000 } });
  });

  it('reports each bad row with its row, column, value and reason', async () => {
    const { results } = await readAll(fixture('other/bad-rows.csv'));
    expect(results.filter((r) => r.ok).map((r) => r.row)).toEqual([2, 6]);
    expect(results.flatMap((r) => (r.ok ? [] : r.errors))).toEqual([
      { row: 3, column: 'CloseDate', value: '2025-02-30', reason: '"2025-02-30" is not a real date' },
      { row: 4, column: 'Amount', value: 'NaN', reason: '"NaN" is not a number' },
      { row: 5, column: 'CurrencyIsoCode', value: 'XYZ', reason: 'Unknown currency code "XYZ"' },
      { row: 7, column: 'StageName', value: null, reason: 'A value is required' },
      { row: 8, column: 'Amount', value: '1e309', reason: '"1e309" uses exponent notation; write the number out in full' },
    ]);
  });

  it('reads the Windows-1252 semicolon report with its multi-line field in the eu locale', async () => {
    const { file, results } = await readAll(fixture('other/windows-1252-report.csv'), { locale: 'eu' });
    expect([file.encoding, file.delimiter, file.presetLabel]).toEqual(['windows-1252', ';', 'Salesforce report: Opportunities']);
    expect(results[0]).toMatchObject({
      ok: true,
      row: 2,
      record: { name: 'Müller AG – Rahmenvertrag', amount: { minor: 1250000, currency: 'EUR' }, closeDate: '2025-07-31', nextStep: 'Angebot senden;\r\nDanach: Workshop „Kick-off“' },
    });
    expect(results.map((r) => r.row)).toEqual([2, 3, 4]);
    expect(await opportunityTotals(fixture('other/windows-1252-report.csv'), { locale: 'eu' })).toMatchObject({ minorByCurrency: { EUR: 2173456 } });
  });

  it('reads a file described by a mapping file', async () => {
    const totals = await opportunityTotals(fixture('other/custom-deals.csv'), { preset: fixture('other/custom-deals.mapping.yaml') });
    expect(totals).toEqual({ rows: 3, withoutAmount: 0, minorByCurrency: { EUR: 2040050 } });
    const { results } = await readAll(fixture('other/custom-deals.csv'), { preset: fixture('other/custom-deals.mapping.yaml') });
    expect(results[1]).toMatchObject({ ok: true, record: { stageName: 'Closed Won', processName: 'New Business', ownerRef: { email: 'priya.raman@example.com' }, closeDate: '2025-05-15' } });
  });

  it('notes the rows it skipped on purpose once they are read', async () => {
    const { file } = await readAll(fixture('salesforce/OpportunityFieldHistory.csv'));
    expect(file.notes()).toContain('Skipped 2 rows: history rows for fields salesops does not track (Description, created).');
  });

  it('counts bytes read up to the file size', async () => {
    const { file } = await readAll(fixture('salesforce/Account.csv'));
    expect(file.bytesRead()).toBe(file.totalBytes);
  });
});

describe('openImportFile with options and bad input', () => {
  it('names the missing columns when an explicit preset does not fit', async () => {
    await expect(openImportFile(fixture('hubspot/hubspot-deals.csv'), { preset: 'salesforce' })).rejects.toMatchObject({ code: 'missing_columns' });
  });

  it('refuses an unknown preset name', async () => {
    await expect(openImportFile(fixture('salesforce/User.csv'), { preset: 'pipedrive' })).rejects.toMatchObject({ code: 'unknown_preset' });
  });

  it('refuses a file no preset recognises, listing what was expected', async () => {
    const path = join(dir, 'unknown.csv');
    await writeFile(path, 'Foo,Bar\n1,2\n');
    await expect(openImportFile(path)).rejects.toMatchObject({ code: 'unknown_format' });
    await expect(openImportFile(path)).rejects.toThrow(/Expected one of/);
  });

  it('refuses an empty file', async () => {
    const path = join(dir, 'empty.csv');
    await writeFile(path, '\n\n');
    await expect(openImportFile(path)).rejects.toMatchObject({ code: 'empty_file' });
  });

  it('refuses an Excel 97-2003 workbook', async () => {
    const path = join(dir, 'old.xls');
    await writeFile(path, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
    await expect(openImportFile(path)).rejects.toMatchObject({ code: 'unsupported_file' });
  });

  it('uses the default currency for amounts that name none', async () => {
    const path = join(dir, 'no-currency.csv');
    await writeFile(path, 'Id,Name,StageName,CloseDate,Amount\n0065g000aB001xQ,Deal,Prospecting,2025-07-31,10\n');
    const { results } = await readAll(path, { defaultCurrency: 'GBP' as CurrencyCode });
    expect(results[0]).toMatchObject({ ok: true, record: { amount: { minor: 1000, currency: 'GBP' }, currency: 'GBP' } });
  });

  it('reports cells beyond the header as a row error', async () => {
    const path = join(dir, 'wide.csv');
    await writeFile(path, 'Id,Name,StageName,CloseDate\n0065g000aB001xQ,Deal,Prospecting,2025-07-31,extra\n');
    const { results } = await readAll(path);
    expect(results[0]).toMatchObject({ ok: false, errors: [{ row: 2, column: null, value: 'extra' }] });
  });

  it('reads an XLSX export, whose number cells are plain decimals even in the eu locale', async () => {
    const path = join(dir, 'deals.xlsx');
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Deals');
    sheet.addRow(['Record ID', 'Deal Name', 'Deal Stage', 'Amount', 'Close Date']);
    sheet.addRow([5001, 'Northwind', 'closedwon', 1234.5, new Date(Date.UTC(2025, 6, 4))]);
    await workbook.xlsx.writeFile(path);
    const { file, results } = await readAll(path, { locale: 'eu' });
    expect([file.encoding, file.delimiter, file.presetLabel]).toEqual(['xlsx', null, 'HubSpot: Deals']);
    expect(results[0]).toMatchObject({ ok: true, row: 2, record: { externalId: '5001', amount: { minor: 123450 }, closeDate: '2025-07-04' } });
  });
});

describe('previewImportFile', () => {
  it('returns the first rows as raw cells beside their parse results', async () => {
    const preview = await previewImportFile(fixture('other/bad-rows.csv'), {}, 3);
    expect(preview.file).toMatchObject({ entity: 'opportunity', preset: 'salesforce', presetLabel: 'Salesforce Data Loader: Opportunity' });
    expect(preview.rows.map((r) => [r.row, r.result.ok])).toEqual([[2, true], [3, false], [4, false]]);
    expect(preview.rows[1]?.cells).toMatchObject({ Name: 'Bad - Impossible Date', CloseDate: '2025-02-30' });
  });
});
