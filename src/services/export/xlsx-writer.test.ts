import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeXlsx } from './xlsx-writer.ts';
import { tableOf } from './testing/table-of.ts';

describe('writeXlsx', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'salesops-xlsx-'));
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes the header and every row to one worksheet', async () => {
    const file = join(folder, 'out.xlsx');
    const result = await writeXlsx(tableOf(['id', 'amount', 'currency'], [['a1', '1234.50', 'USD'], ['a2', '', 'EUR']]), file, { sheetName: 'opportunities' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('opportunities');
    expect(result.rows).toBe(2);
    expect(sheet?.getRow(1).values).toEqual([undefined, 'id', 'amount', 'currency']);
    expect(sheet?.getRow(2).getCell(2).value).toBe('1234.50');
    expect(sheet?.rowCount).toBe(3);
  });

  it('stores formula-like values as text cells that are never evaluated', async () => {
    const file = join(folder, 'formula.xlsx');
    await writeXlsx(tableOf(['name'], [['=SUM(A1)'], ['+1'], ['two\nlines']]), file, { sheetName: 'accounts' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet('accounts');
    const cells = [2, 3, 4].map((r) => sheet?.getRow(r).getCell(1));
    expect(cells.map((c) => c?.value)).toEqual(['=SUM(A1)', '+1', 'two\nlines']);
    expect(cells.every((c) => c?.type === ExcelJS.ValueType.String)).toBe(true);
  });

  it('records the title it is given in the workbook', async () => {
    const file = join(folder, 'titled.xlsx');
    await writeXlsx(tableOf(['name'], [['Acme']]), file, { sheetName: 'accounts (demo data)', title: 'Generated demo data' });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.title).toBe('Generated demo data');
    expect(workbook.getWorksheet('accounts (demo data)')).toBeDefined();
  });
});
