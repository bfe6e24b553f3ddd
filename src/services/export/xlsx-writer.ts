import ExcelJS from 'exceljs';
import type { ExportTable } from './export-entity.ts';

export interface XlsxOptions {
  /** Worksheet name (Excel allows 31 characters and no []:*?/\). */
  readonly sheetName: string;
  /** The workbook's title property (File > Info in Excel). */
  readonly title?: string | undefined;
}

const INVALID_SHEET_CHARS = /[[\]:*?/\\]/g;

/**
 * Streams a table to an .xlsx file with exceljs's streaming writer: each row is committed as it
 * is written, so memory stays flat however long the table. Every cell is written as a text
 * cell, which Excel displays and never evaluates; that is why, unlike CSV, no quote is prefixed
 * in spreadsheet mode (it would show as part of the value), and raw and spreadsheet output agree.
 * Money keeps its exact decimal string beside its currency column.
 */
export async function writeXlsx(table: ExportTable, file: string, options: XlsxOptions): Promise<{ rows: number }> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  if (options.title !== undefined) workbook.title = options.title;
  const name = options.sheetName.replace(INVALID_SHEET_CHARS, ' ').slice(0, 31) || 'Sheet1';
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const header = sheet.addRow([...table.header]);
  header.font = { bold: true };
  header.commit();
  let rows = 0;
  for await (const cells of table.rows) {
    sheet.addRow([...cells]).commit();
    rows += 1;
  }
  sheet.commit();
  await workbook.commit();
  return { rows };
}
