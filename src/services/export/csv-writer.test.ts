import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { csvRecord, writeCsv } from './csv-writer.ts';
import { exportEntity, type ExportTable } from './export-entity.ts';
import { tableOf } from './testing/table-of.ts';

/** A strict RFC 4180 reader, independent of the writer, to check what a spreadsheet or script would read back. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      i += 1;
      for (;;) {
        const next = text[i];
        if (next === undefined) throw new Error('unterminated quote');
        if (next === '"' && text[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (next === '"') {
          i += 1;
          break;
        } else {
          field += next;
          i += 1;
        }
      }
    } else if (ch === ',') {
      record.push(field);
      field = '';
      i += 1;
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 2;
    } else {
      field += ch;
      i += 1;
    }
  }
  if (field !== '' || record.length > 0) throw new Error('last record does not end in CRLF');
  return records;
}

async function csvText(table: ExportTable, mode: 'raw' | 'spreadsheet', byteOrderMark = false): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeCsv(table, out, { mode, byteOrderMark });
  out.end();
  return Buffer.concat(chunks).toString('utf8');
}

describe('csvRecord', () => {
  it('quotes fields holding commas, quotes and line breaks, doubling the quotes', () => {
    expect(csvRecord(['a,b', 'say "hi"', 'two\nlines', 'plain'], 'raw')).toBe('"a,b","say ""hi""","two\nlines",plain\r\n');
  });

  it('prefixes a quote to cells that a spreadsheet would evaluate', () => {
    expect(csvRecord(['=SUM(A1)', '+1', '-cmd', '@x', '\tx', '\rx'], 'spreadsheet')).toBe(`'=SUM(A1),'+1,'-cmd,'@x,'\tx,"'\rx"\r\n`);
  });

  it('leaves negative decimal amounts as numbers in spreadsheet mode', () => {
    expect(csvRecord(['-1234.50', '-3'], 'spreadsheet')).toBe('-1234.50,-3\r\n');
  });

  it('keeps formula-like cells exactly in raw mode', () => {
    expect(csvRecord(['=SUM(A1)', '+1'], 'raw')).toBe('=SUM(A1),+1\r\n');
  });
});

describe('writeCsv', () => {
  it('writes the header alone for an empty table', async () => {
    expect(await csvText(tableOf(['id', 'name'], []), 'spreadsheet')).toBe('id,name\r\n');
  });

  it('starts with a UTF-8 byte-order mark when asked, so Excel reads accented names correctly', async () => {
    const text = await csvText(tableOf(['name'], [['Müller AG']]), 'spreadsheet', true);
    expect(text).toBe('\uFEFFname\r\nMüller AG\r\n');
  });

  it('streams tables larger than one write chunk whole', async () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [String(i), `name ${i} with some padding to fill the chunk`]);
    const parsed = parseCsv(await csvText(tableOf(['id', 'name'], rows), 'raw'));
    expect(parsed).toHaveLength(5001);
    expect(parsed.at(-1)).toEqual(['4999', 'name 4999 with some padding to fill the chunk']);
  });
});

for (const engine of TEST_ENGINES) {
  describe(`raw CSV export on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('re-parses to the exact stored text, formulas and line breaks included', async () => {
      await ctx.make.workspace();
      const tricky = ['=SUM(A1)', '+1', '-2+3', '@cmd', ' padded ', 'say "hi", then leave', 'line one\nline two\r\nline three', 'Zürich 北京'];
      for (const [i, name] of tricky.entries()) await ctx.make.opportunity({ name, nextStep: `${name}\n(step ${i})` });
      const parsed = parseCsv(await csvText(exportEntity(ctx.store, 'opportunities', { pageSize: 3 }), 'raw'));
      const header = parsed[0] ?? [];
      const nameAt = header.indexOf('name');
      const stepAt = header.indexOf('next_step');
      const rows = parsed.slice(1);
      expect(rows.map((r) => r[nameAt]).sort()).toEqual([...tricky].sort());
      for (const row of rows) expect(row[stepAt]).toBe(`${row[nameAt]}\n(step ${tricky.indexOf(row[nameAt] ?? '')})`);
    });
  });
}
