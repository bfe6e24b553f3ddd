/**
 * Reads the first worksheet of an .xlsx file as a stream of text rows (exceljs's streaming reader,
 * so a large workbook is never held whole). Cells become the text a CSV export of the sheet would
 * hold: dates as ISO, numbers as plain decimals, formulas as their last computed result.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { Decimal } from 'decimal.js';
import ExcelJS from 'exceljs';
import { ImportError } from './import-error.ts';
import { isEmptyRow, type SourceRow, type TableSource } from './table-source.ts';

const BATCH_ROWS = 2000;

/** Excel's own test for a date format: date/time letters outside quoted text and [brackets]. */
function isDateFormat(numFmt: string | undefined): boolean {
  if (numFmt === undefined || numFmt === '') return false;
  const bare = numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhs]/i.test(bare);
}

function isPercentFormat(numFmt: string | undefined): boolean {
  return numFmt !== undefined && numFmt.replace(/"[^"]*"/g, '').includes('%');
}

/** A number as Excel shows it: at most 15 significant digits, so 0.1 + 0.2 reads "0.3". */
export function plainNumberText(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  return new Decimal(value.toPrecision(15)).toFixed();
}

/** A date cell: a calendar date when it has no time of day, else a UTC timestamp to the second. */
export function dateCellText(date: Date): string {
  const ms = Math.round(date.getTime() / 1000) * 1000;
  const rounded = new Date(ms);
  const iso = rounded.toISOString();
  return ms % 86_400_000 === 0 ? iso.slice(0, 10) : iso;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

function serialToDate(serial: number): Date {
  return new Date(EXCEL_EPOCH_MS + serial * 86_400_000);
}

type CellInput = ExcelJS.CellValue | undefined;

/** The text of a cell value; `numFmt` tells dates and percentages from plain numbers. */
export function cellText(value: CellInput, numFmt: string | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (isDateFormat(numFmt)) return dateCellText(serialToDate(value));
    if (isPercentFormat(numFmt)) return `${new Decimal(value.toPrecision(15)).times(100).toFixed()}%`;
    return plainNumberText(value);
  }
  if (value instanceof Date) return dateCellText(value);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) return value.error;
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (typeof result === 'number' && Number.isNaN(result)) return '#VALUE!';
    return cellText(result, numFmt);
  }
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellText(value.text, numFmt);
  return '';
}

function rowCells(row: ExcelJS.Row): string[] {
  const cells: string[] = [];
  row.eachCell((cell, column) => {
    while (cells.length < column - 1) cells.push('');
    cells[column - 1] = cellText(cell.value, cell.numFmt);
  });
  return cells;
}

class XlsxSource implements TableSource {
  readonly encoding = 'xlsx';
  readonly delimiter = null;
  private consumed = false;

  constructor(
    readonly headers: readonly string[],
    readonly totalBytes: number,
    private readonly rest: AsyncGenerator<SourceRow>,
    private readonly counter: { bytes: number },
    private readonly file: { destroy(): void },
  ) {}

  bytesRead(): number {
    return this.counter.bytes;
  }

  async *batches(): AsyncGenerator<readonly SourceRow[]> {
    if (this.consumed) throw new Error('The rows of an import file can be read only once');
    this.consumed = true;
    let batch: SourceRow[] = [];
    try {
      for await (const row of this.rest) {
        batch.push(row);
        if (batch.length >= BATCH_ROWS) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    await this.rest.return(undefined);
    this.file.destroy();
  }
}

async function* firstSheetRows(reader: ExcelJS.stream.xlsx.WorkbookReader, path: string): AsyncGenerator<SourceRow> {
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const cells = rowCells(row);
        if (!isEmptyRow(cells)) yield { row: row.number, cells };
      }
      // Only the first worksheet is read; later sheets (notes, pivots) are not data.
      return;
    }
  } catch (error) {
    throw new ImportError('file_unreadable', `${path} is not a readable .xlsx workbook: ${(error as Error).message}`, { path });
  }
}

/** Opens an .xlsx file: the first non-empty row of its first worksheet is the header. */
export async function openXlsx(path: string): Promise<TableSource> {
  let totalBytes: number;
  try {
    totalBytes = (await stat(path)).size;
  } catch (error) {
    throw new ImportError('file_unreadable', `Cannot read ${path}: ${(error as Error).message}`, { path });
  }
  const counter = { bytes: 0 };
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const counting = new PassThrough();
  file.on('data', (chunk) => {
    counter.bytes += chunk.length;
  });
  file.on('error', (error) => counting.destroy(error));
  file.pipe(counting);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(counting, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    // Styles carry the number formats that tell a date or a percentage from a plain number.
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  const rows = firstSheetRows(reader, path);
  const first = await rows.next();
  if (first.done === true) {
    file.destroy();
    throw new ImportError('empty_file', `${path} has no header row in its first worksheet`, { path });
  }
  const header = first.value;
  return new XlsxSource(header.cells ?? [], totalBytes, rows, counter, file);
}
