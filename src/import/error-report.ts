import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { RowError } from './records.ts';

/** Streams row errors to a CSV file: row, column, value, reason. */
export interface ErrorReportWriter {
  readonly path: string;
  /** Errors written so far. */
  readonly count: number;
  write(error: RowError): void;
  /** Flushes and closes the file. */
  close(): Promise<void>;
}

/** Characters that make a spreadsheet read a cell as a formula (or strip it): =, +, -, @, tab, CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV cell: a value a spreadsheet would evaluate gets a leading apostrophe (the error report
 * repeats values straight from untrusted files), then RFC 4180 quoting when the cell holds a
 * comma, quote or line break.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const HEADER = 'row,column,value,reason\r\n';

/** Lines are collected and handed to the stream in 64 KiB chunks rather than one write per error. */
const FLUSH_CHARS = 1 << 16;

/**
 * Opens `path` for writing (replacing it) and writes the header.
 *
 * @example
 *   const report = createErrorReportWriter('Opportunity.csv.errors.csv');
 *   report.write({ row: 7, column: 'StageName', value: 'Won-ish', reason: 'Unknown stage' });
 *   await report.close();
 */
export function createErrorReportWriter(path: string): ErrorReportWriter {
  const out: WriteStream = createWriteStream(path, { encoding: 'utf8' });
  let failure: Error | null = null;
  out.on('error', (error) => {
    failure = error;
  });
  let buffer = HEADER;
  let count = 0;

  const flush = (): void => {
    if (buffer === '') return;
    out.write(buffer);
    buffer = '';
  };

  return {
    path,
    get count() {
      return count;
    },
    write(error: RowError): void {
      count += 1;
      buffer += `${[csvCell(error.row), csvCell(error.column), csvCell(error.value), csvCell(error.reason)].join(',')}\r\n`;
      if (buffer.length >= FLUSH_CHARS) flush();
    },
    async close(): Promise<void> {
      flush();
      out.end();
      if (!out.writableFinished && failure === null) await once(out, 'finish').catch(() => undefined);
      if (failure !== null) throw failure;
    },
  };
}
