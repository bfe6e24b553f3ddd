import ExcelJS from 'exceljs';
import type { DownloadFile } from '../download-file.ts';

/**
 * The records of a downloaded CSV file as cells, header first, for tests. Splits on CRLF and
 * commas, so it reads only files whose cells hold neither (quoted cells keep their quotes).
 */
export function csvRowsOf(file: DownloadFile): string[][] {
  const text = file.body.toString('utf8');
  if (!text.startsWith('\uFEFF')) throw new Error(`${file.fileName} does not start with a byte-order mark`);
  return text
    .slice(1)
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));
}

/** A downloaded workbook's only sheet name, title and rows of text cells (header first), for tests. */
export async function xlsxContentOf(file: DownloadFile): Promise<{ sheetName: string; title: string; rows: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  // exceljs types its input as its own Buffer type, which Node's Buffer satisfies at run time.
  await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
  const [sheet, ...others] = workbook.worksheets;
  if (sheet === undefined || others.length > 0) throw new Error(`${file.fileName} holds ${workbook.worksheets.length} sheets, not one`);
  const rows: string[][] = [];
  sheet.eachRow((row, rowNumber) => {
    rows.push(
      Array.from({ length: sheet.columnCount }, (_, index) => {
        const value = row.getCell(index + 1).value;
        if (value === null || value === undefined) return '';
        // The exports write every cell as text; anything else is a finding for the test.
        if (typeof value !== 'string') throw new Error(`${file.fileName} row ${rowNumber} column ${index + 1} is not a text cell: ${JSON.stringify(value)}`);
        return value;
      }),
    );
  });
  return { sheetName: sheet.name, title: workbook.title, rows };
}
