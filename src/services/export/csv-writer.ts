import type { Writable } from 'node:stream';
import type { ExportTable } from './export-entity.ts';
import { spreadsheetSafeCell } from './spreadsheet-safe-cell.ts';

/** 'spreadsheet': safe to open in Excel (formula-like cells escaped); 'raw': every value exactly as stored. */
export type CellMode = 'spreadsheet' | 'raw';

const NEEDS_QUOTES = /[",\r\n]/;
/** Bytes gathered before each write: large enough to cut syscalls, small enough to stream. */
const CHUNK_CHARS = 64 * 1024;

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break, quotes doubled. */
export function csvField(value: string): string {
  return NEEDS_QUOTES.test(value) || value.startsWith(' ') || value.endsWith(' ') ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One CSV record ending in CRLF (RFC 4180). Line breaks inside a value are kept as they are, inside quotes. */
export function csvRecord(cells: readonly string[], mode: CellMode): string {
  const fields = cells.map((cell) => csvField(mode === 'spreadsheet' ? spreadsheetSafeCell(cell) : cell));
  return `${fields.join(',')}\r\n`;
}

function write(out: Writable, chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    out.once('error', onError);
    const flushed = out.write(chunk, 'utf8', () => out.off('error', onError));
    if (flushed) {
      resolve();
    } else {
      // Backpressure: wait until the reader has taken what is buffered.
      out.once('drain', () => resolve());
    }
  });
}

/**
 * Streams a table as UTF-8 CSV to `out` (not ended: the caller owns it) and returns the number
 * of data rows written. `byteOrderMark` starts the file with U+FEFF, which Excel needs to read a
 * CSV file as UTF-8 rather than the local code page (accented names would show garbled).
 */
export async function writeCsv(
  table: ExportTable,
  out: Writable,
  options: { readonly mode: CellMode; readonly byteOrderMark?: boolean },
): Promise<{ rows: number }> {
  let buffer = (options.byteOrderMark === true ? '\uFEFF' : '') + csvRecord(table.header, options.mode);
  let rows = 0;
  for await (const cells of table.rows) {
    buffer += csvRecord(cells, options.mode);
    rows += 1;
    if (buffer.length >= CHUNK_CHARS) {
      await write(out, buffer);
      buffer = '';
    }
  }
  if (buffer.length > 0) await write(out, buffer);
  return { rows };
}
