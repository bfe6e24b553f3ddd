import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SourceRow } from './table-source.ts';
import { cellText, dateCellText, openXlsx, plainNumberText } from './xlsx-reader.ts';

let dir: string;
let workbookPath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'salesops-xlsx-'));
  workbookPath = join(dir, 'opportunities.xlsx');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Opportunities');
  // The header sits on row 3, below a title and an empty row, as in many hand-made sheets.
  sheet.getCell('A1').value = 'Pipeline export';
  sheet.spliceRows(1, 1);
  sheet.getRow(3).values = ['Name', 'Amount', 'Close Date', 'Probability', 'Total', 'Note', 'Won'];
  const row = sheet.getRow(4);
  row.values = ['Acme', 0.1 + 0.2, new Date(Date.UTC(2025, 6, 4)), 0.2, { formula: 'B4*2', result: 0.6 }, { richText: [{ text: '=not ' }, { text: 'a formula', font: { bold: true } }] }, true];
  row.getCell(3).numFmt = 'yyyy-mm-dd';
  row.getCell(4).numFmt = '0%';
  sheet.getRow(6).values = ['Globex', 1234567.5, new Date(Date.UTC(2025, 6, 4, 10, 15)), null, null, null, false];
  sheet.getRow(6).getCell(3).numFmt = 'yyyy-mm-dd hh:mm';
  workbook.addWorksheet('Notes').getCell('A1').value = 'not data';
  await workbook.xlsx.writeFile(workbookPath);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readAll(path: string): Promise<{ headers: readonly string[]; rows: SourceRow[] }> {
  const source = await openXlsx(path);
  const rows: SourceRow[] = [];
  for await (const batch of source.batches()) rows.push(...batch);
  return { headers: source.headers, rows };
}

describe('openXlsx', () => {
  it('takes the first non-empty row of the first worksheet as the header', async () => {
    const { headers } = await readAll(workbookPath);
    expect(headers).toEqual(['Name', 'Amount', 'Close Date', 'Probability', 'Total', 'Note', 'Won']);
  });

  it('numbers rows as the sheet does and leaves out empty rows', async () => {
    const { rows } = await readAll(workbookPath);
    expect(rows.map((r) => r.row)).toEqual([4, 6]);
  });

  it('turns cells into the text a CSV export would hold', async () => {
    const { rows } = await readAll(workbookPath);
    expect(rows[0]?.cells).toEqual(['Acme', '0.3', '2025-07-04', '20%', '0.6', '=not a formula', 'true']);
    expect(rows[1]?.cells).toEqual(['Globex', '1234567.5', '2025-07-04T10:15:00.000Z', '', '', '', 'false']);
  });

  it('counts the bytes of the workbook read', async () => {
    const source = await openXlsx(workbookPath);
    for await (const _batch of source.batches()) {
      // drain
    }
    expect(source.bytesRead()).toBe(source.totalBytes);
  });

  it('refuses a file that is not a workbook', async () => {
    await expect(openXlsx(join(dir, 'missing.xlsx'))).rejects.toMatchObject({ code: 'file_unreadable' });
  });
});

describe('cell text', () => {
  it('writes numbers without float noise or exponents', () => {
    expect(plainNumberText(0.1 + 0.2)).toBe('0.3');
    expect(plainNumberText(1e21)).toBe('1000000000000000000000');
    expect(plainNumberText(-0.000001)).toBe('-0.000001');
  });

  it('writes a date at midnight as a calendar date and one with a time as a UTC timestamp', () => {
    expect(dateCellText(new Date(Date.UTC(2025, 6, 4)))).toBe('2025-07-04');
    expect(dateCellText(new Date(Date.UTC(2025, 6, 4, 10, 15, 0, 2)))).toBe('2025-07-04T10:15:00.000Z');
  });

  it('writes a formula as its cached result, formatted by the cell', () => {
    expect(cellText({ formula: 'TODAY()', result: 45842 }, 'd/m/yyyy')).toBe('2025-07-04');
  });

  it('writes an error cell as its error text', () => {
    expect(cellText({ error: '#N/A' }, undefined)).toBe('#N/A');
  });
});
