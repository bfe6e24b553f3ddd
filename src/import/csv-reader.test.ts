import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvParser, decodeWindows1252, detectDelimiter, openCsv } from './csv-reader.ts';
import type { SourceRow } from './table-source.ts';

let dir: string;
let counter = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'salesops-csv-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeCsv(content: string | Buffer): Promise<string> {
  counter += 1;
  const path = join(dir, `file-${counter}.csv`);
  await writeFile(path, content);
  return path;
}

async function readAll(path: string, chunkBytes?: number): Promise<{ headers: readonly string[]; rows: SourceRow[]; encoding: string; delimiter: string | null }> {
  const source = await openCsv(path, chunkBytes === undefined ? {} : { chunkBytes });
  const rows: SourceRow[] = [];
  for await (const batch of source.batches()) rows.push(...batch);
  return { headers: source.headers, rows, encoding: source.encoding, delimiter: source.delimiter };
}

describe('openCsv', () => {
  it('reads headers and numbers data rows from 2', async () => {
    const { headers, rows } = await readAll(await writeCsv('a,b\n1,2\n3,4\n'));
    expect(headers).toEqual(['a', 'b']);
    expect(rows).toEqual([{ row: 2, cells: ['1', '2'] }, { row: 3, cells: ['3', '4'] }]);
  });

  it('strips a UTF-8 byte order mark from the first header', async () => {
    const { headers, encoding } = await readAll(await writeCsv('\uFEFFId,Name\n1,Zoë\n'));
    expect(headers).toEqual(['Id', 'Name']);
    expect(encoding).toBe('utf-8');
  });

  it('reads UTF-8 without a byte order mark', async () => {
    const { rows } = await readAll(await writeCsv('Name\nMüller – Zoë\n'));
    expect(rows[0]?.cells).toEqual(['Müller – Zoë']);
  });

  it('reads bytes that are not valid UTF-8 as Windows-1252', async () => {
    const bytes = Buffer.from([...Buffer.from('Name\n'), 0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72, 0x20, 0x96, 0x20, 0x80, 0x0a]);
    const { rows, encoding } = await readAll(await writeCsv(bytes));
    expect(encoding).toBe('windows-1252');
    expect(rows[0]?.cells).toEqual(['Müller – €']);
  });

  it('detects Windows-1252 when the first invalid byte comes after the first chunk', async () => {
    const filler = 'x\n'.repeat(5000);
    const bytes = Buffer.concat([Buffer.from(`Name\n${filler}`), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x0a])]);
    const { rows, encoding } = await readAll(await writeCsv(bytes), 1024);
    expect(encoding).toBe('windows-1252');
    expect(rows.at(-1)?.cells).toEqual(['Café']);
  });

  it('keeps multi-byte UTF-8 characters split across chunks intact', async () => {
    const name = 'é'.repeat(3000);
    const { rows, encoding } = await readAll(await writeCsv(`Name\n${name}\n`), 1001);
    expect(encoding).toBe('utf-8');
    expect(rows[0]?.cells).toEqual([name]);
  });

  it.each([
    [',', 'a,b;c\n1,2;3\n', ['a', 'b;c']],
    [';', 'a;b,c;d\n1;2,3;4\n', ['a', 'b,c', 'd']],
    ['\t', 'a\tb\tc\n1\t2\t3\n', ['a', 'b', 'c']],
  ])('detects the %j delimiter from the header line', async (delimiter, content, headers) => {
    const result = await readAll(await writeCsv(content));
    expect(result.delimiter).toBe(delimiter);
    expect(result.headers).toEqual(headers);
  });

  it('reads CRLF line ends', async () => {
    const { rows } = await readAll(await writeCsv('a,b\r\n1,2\r\n3,4\r\n'));
    expect(rows.map((r) => r.cells)).toEqual([['1', '2'], ['3', '4']]);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks', async () => {
    const { rows } = await readAll(await writeCsv('a,b,c\r\n"x, y","say ""hi""","line 1\r\nline 2"\r\n'));
    expect(rows).toEqual([{ row: 2, cells: ['x, y', 'say "hi"', 'line 1\r\nline 2'] }]);
  });

  it('numbers a record after a multi-line record by record, as a spreadsheet shows it', async () => {
    const { rows } = await readAll(await writeCsv('a,b\n"one\ntwo\nthree",1\nnext,2\n'));
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it('tolerates a trailing empty line', async () => {
    const { rows } = await readAll(await writeCsv('a,b\n1,2\n\n'));
    expect(rows).toEqual([{ row: 2, cells: ['1', '2'] }]);
  });

  it('skips blank rows but still counts them in the row numbers', async () => {
    const { rows } = await readAll(await writeCsv('a,b\n1,2\n\n,\n3,4\n'));
    expect(rows).toEqual([{ row: 2, cells: ['1', '2'] }, { row: 5, cells: ['3', '4'] }]);
  });

  it('reads a last record without a line end', async () => {
    const { rows } = await readAll(await writeCsv('a,b\n1,'));
    expect(rows).toEqual([{ row: 2, cells: ['1', ''] }]);
  });

  it('reports an unterminated quote at the end of the file on the row where it opens', async () => {
    const { rows } = await readAll(await writeCsv('a,b\n1,2\n3,"never closed\n4,5\n'));
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
    expect(rows[1]?.error).toContain('never closed');
  });

  it('reports text after a closing quote as a row error', async () => {
    const { rows } = await readAll(await writeCsv('a,b\n"x"y,2\n3,4\n'));
    expect(rows[0]?.error).toContain('closing quote');
    expect(rows[1]).toEqual({ row: 3, cells: ['3', '4'] });
  });

  it('reads lines ended by a bare carriage return', async () => {
    const { rows } = await readAll(await writeCsv('a,b\r1,2\r3,4\r'));
    expect(rows.map((r) => r.cells)).toEqual([['1', '2'], ['3', '4']]);
  });

  it('keeps cell text exactly, including leading equals signs and spaces', async () => {
    const { rows } = await readAll(await writeCsv('a,b\n=SUM(A1), padded \n'));
    expect(rows[0]?.cells).toEqual(['=SUM(A1)', ' padded ']);
  });

  it('refuses an empty file', async () => {
    await expect(openCsv(await writeCsv(''))).rejects.toMatchObject({ code: 'empty_file' });
  });

  it('refuses UTF-16 text', async () => {
    await expect(openCsv(await writeCsv(Buffer.from([0xff, 0xfe, 0x61, 0x00])))).rejects.toMatchObject({ code: 'unsupported_file' });
  });

  it('refuses a missing file as unreadable', async () => {
    await expect(openCsv(join(dir, 'missing.csv'))).rejects.toMatchObject({ code: 'file_unreadable' });
  });

  it('counts every byte read for the progress bar', async () => {
    const content = 'a,b\n1,2\n3,4\n';
    const source = await openCsv(await writeCsv(content));
    for await (const _batch of source.batches()) {
      // drain
    }
    expect(source.bytesRead()).toBe(Buffer.byteLength(content));
    expect(source.totalBytes).toBe(Buffer.byteLength(content));
  });

  it('refuses to read the rows twice', async () => {
    const source = await openCsv(await writeCsv('a\n1\n'));
    for await (const _batch of source.batches()) {
      // drain
    }
    await expect(async () => {
      for await (const _batch of source.batches()) {
        // second read
      }
    }).rejects.toThrow(/only once/);
  });
});

function toCsv(rows: readonly (readonly string[])[], lineEnd: string): string {
  const quote = (cell: string): string => (/[",\r\n]/.test(cell) || cell === '' ? `"${cell.replaceAll('"', '""')}"` : cell);
  return rows.map((row) => row.map(quote).join(',')).join(lineEnd) + lineEnd;
}

describe('CsvParser', () => {
  it('reads any table back as written, however the text is cut into chunks', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'é', ',', '"', '\n', '\r\n', ' ', '1'), maxLength: 6 });
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((width) => fc.array(fc.array(cell, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 8 })),
        fc.constantFrom('\n', '\r\n'),
        fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }),
        (table, lineEnd, cuts) => {
          const text = toCsv(table, lineEnd);
          const parser = new CsvParser(',');
          const out: SourceRow[] = [];
          let carry = '';
          let offset = 0;
          let cutIndex = 0;
          while (offset < text.length) {
            const size = cuts[cutIndex++ % cuts.length] ?? 1;
            const s = carry + text.slice(offset, offset + size);
            offset += size;
            carry = s.slice(parser.parse(s, false, out));
          }
          parser.parse(carry, true, out);
          // Rows whose cells are all empty are left out by design; every other row comes back intact.
          const expected = table.map((cells, i) => ({ row: i + 1, cells })).filter((r) => r.cells.some((c) => c.trim() !== ''));
          expect(out).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('detectDelimiter', () => {
  it('ignores delimiters inside quotes', () => {
    expect(detectDelimiter('"a;b;c";"d,e",f,g')).toBe(',');
  });

  it('falls back to a comma for a single column', () => {
    expect(detectDelimiter('Name')).toBe(',');
  });
});

describe('decodeWindows1252', () => {
  it('maps the euro sign and curly quotes that Latin-1 lacks', () => {
    expect(decodeWindows1252(Buffer.from([0x80, 0x93, 0x94, 0xe9]))).toBe('€“”é');
  });
});
