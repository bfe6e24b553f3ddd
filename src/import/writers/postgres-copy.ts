import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { SqlValue } from './import-transaction.ts';

/** Characters COPY's text format gives a meaning to; anything else is sent as it is. */
const SPECIAL = /[\\\t\n\r]/;
const SPECIAL_ALL = /[\\\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function field(value: SqlValue | undefined): string {
  if (value === null || value === undefined) return '\\N';
  const text = typeof value === 'string' ? value : String(value);
  // Most cells hold none of the special characters: testing first skips building a new string.
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ESCAPES[c] ?? c) : text;
}

/**
 * Rows in COPY's text format: tab between fields, newline after each row, `\N` for NULL. A
 * backslash, tab, CR or LF inside a value is escaped, so the server stores the text exactly as
 * given; an empty string stays an empty string, distinct from NULL. Text format rather than CSV:
 * CSV would need every value quoted to tell an empty string from NULL.
 */
export function copyText(width: number, rows: readonly (readonly SqlValue[])[]): string {
  const lines = new Array<string>(rows.length);
  const fields = new Array<string>(width);
  rows.forEach((row, r) => {
    for (let c = 0; c < width; c++) fields[c] = field(row[c]);
    lines[r] = fields.join('\t');
  });
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * Runs `COPY … FROM STDIN` with the payload. Resolves once the server has ended the statement
 * (the stream finishes only then), so the next statement on the connection sees the rows.
 */
export function copyInto(client: pg.PoolClient, sqlText: string, payload: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const stream = client.query(copyFrom(sqlText));
    stream.on('error', reject);
    stream.on('finish', () => resolve());
    stream.end(payload);
  });
}
