/**
 * A streaming CSV reader (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes).
 * It reads the file in large chunks and cuts cells out with `slice` between indices, so a million
 * rows take seconds and memory stays at a few chunks whatever the file size.
 */
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { isAscii, isUtf8 } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import { ImportError } from './import-error.ts';
import { isEmptyRow, type SourceRow, type TableSource } from './table-source.ts';

export type CsvDelimiter = ',' | ';' | '\t';
export type CsvEncoding = 'utf-8' | 'windows-1252';

export interface OpenCsvOptions {
  /** Bytes read from disk at a time; 1 MiB by default. */
  readonly chunkBytes?: number;
}

const QUOTE = 34;
const LF = 10;
const CR = 13;
const DEFAULT_CHUNK_BYTES = 1 << 20;

/**
 * Splits text into records. It keeps the count of records seen, so each record gets the row number
 * a spreadsheet shows for it (record index + 1, a multi-line record counting once), and blank lines
 * still advance the count.
 *
 * Most lines hold no quote at all; those are cut with one native `split`. Only a line with a quote
 * goes through the character-by-character RFC 4180 path.
 */
export class CsvParser {
  private recordCount = 0;
  private readonly delimiter: number;
  private readonly delimiterText: string;

  /** `bareCarriageReturns`: lines end in CR alone (old Mac exports), so LF cannot find line ends. */
  constructor(
    delimiter: CsvDelimiter,
    private readonly bareCarriageReturns = false,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
    this.delimiterText = delimiter;
  }

  /**
   * Parses every complete record in `s` into `out` and returns where the first incomplete one
   * starts; with `final`, the text is the end of the file and everything is consumed.
   */
  parse(s: string, final: boolean, out: SourceRow[]): number {
    const len = s.length;
    let pos = 0;
    let nextQuote = -1;
    while (pos < len) {
      if (!this.bareCarriageReturns) {
        if (nextQuote !== Infinity && nextQuote < pos) {
          const q = s.indexOf('"', pos);
          nextQuote = q === -1 ? Infinity : q;
        }
        const lf = s.indexOf('\n', pos);
        if (lf === -1 && !final) return pos;
        const lineEnd = lf === -1 ? len : lf;
        if (nextQuote > lineEnd) {
          const row = ++this.recordCount;
          const end = lineEnd > pos && s.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
          const cells = s.slice(pos, end).split(this.delimiterText);
          if (!isEmptyRow(cells)) out.push({ row, cells });
          pos = lf === -1 ? len : lf + 1;
          continue;
        }
      }
      const next = this.parseQuotedRecord(s, pos, final, out);
      if (next === -1) return pos;
      pos = next;
    }
    return pos;
  }

  /** One record the RFC 4180 way; returns where the next record starts, or -1 if `s` ends inside it. */
  private parseQuotedRecord(s: string, start: number, final: boolean, out: SourceRow[]): number {
    const len = s.length;
    const delimiter = this.delimiter;
    const row = this.recordCount + 1;
    const cells: string[] = [];
    let error: string | null = null;
    let i = start;
    for (;;) {
      if (i >= len) {
        // Only reached after a delimiter: the record's last field is empty.
        if (!final) return -1;
        cells.push('');
        break;
      }
      let c = s.charCodeAt(i);
      if (c === QUOTE) {
        let segmentStart = i + 1;
        let j = segmentStart;
        let value = '';
        let closed = false;
        for (;;) {
          const q = s.indexOf('"', j);
          if (q === -1) break;
          if (q + 1 < len && s.charCodeAt(q + 1) === QUOTE) {
            value += s.slice(segmentStart, q + 1);
            j = q + 2;
            segmentStart = j;
            continue;
          }
          if (q + 1 >= len && !final) break;
          value += s.slice(segmentStart, q);
          i = q + 1;
          closed = true;
          break;
        }
        if (!closed) {
          if (!final) return -1;
          out.push({ row, error: 'A quoted field that starts on this row is never closed before the end of the file' });
          this.recordCount += 1;
          return len;
        }
        if (i < len) {
          c = s.charCodeAt(i);
          if (c !== delimiter && c !== LF && c !== CR) {
            let j2 = i;
            while (j2 < len && (c = s.charCodeAt(j2)) !== delimiter && c !== LF && c !== CR) j2++;
            if (j2 >= len && !final) return -1;
            value += s.slice(i, j2);
            error ??= `Text follows the closing quote in field ${cells.length + 1}`;
            i = j2;
          }
        }
        cells.push(value);
      } else {
        let j = i;
        while (j < len) {
          c = s.charCodeAt(j);
          if (c === delimiter || c === LF || c === CR) break;
          j++;
        }
        if (j >= len && !final) return -1;
        cells.push(s.slice(i, j));
        i = j;
      }
      if (i >= len) break;
      c = s.charCodeAt(i);
      if (c === delimiter) {
        i++;
        continue;
      }
      if (c === CR) {
        if (i + 1 >= len && !final) return -1;
        i += s.charCodeAt(i + 1) === LF ? 2 : 1;
      } else {
        i++;
      }
      break;
    }
    this.recordCount += 1;
    if (error !== null) out.push({ row, error });
    else if (!isEmptyRow(cells)) out.push({ row, cells });
    return i;
  }
}

// Windows-1252 differs from Latin-1 only in 0x80-0x9F. Node's TextDecoder('windows-1252') decodes
// those bytes as Latin-1 control characters, so the euro sign and curly quotes are mapped here.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const CP1252_RANGE = /[\u0080-\u009f]/g;

export function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(CP1252_RANGE, (c) => CP1252_HIGH.charAt(c.charCodeAt(0) - 0x80));
}

/** Bytes at the end of `chunk` that begin a UTF-8 sequence the chunk does not finish. */
function incompleteUtf8Tail(chunk: Buffer): number {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const byte = chunk[chunk.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? back : 0;
  }
  return 0;
}

/** How the bytes are decoded: pure ASCII is decoded byte for byte, the fastest way, and reported as UTF-8. */
type ByteEncoding = 'ascii' | CsvEncoding;

/**
 * UTF-8 unless some byte sequence is not valid UTF-8, in which case the file is Windows-1252 (what
 * Excel on Windows writes for "CSV"). The whole file is checked, because one accented name deep
 * in a large export decides it; the check runs natively at disk speed.
 */
async function detectEncoding(path: string, chunkBytes: number): Promise<ByteEncoding> {
  let carry: Buffer = Buffer.alloc(0);
  let ascii = true;
  for await (const piece of createReadStream(path, { highWaterMark: chunkBytes * 4 })) {
    const chunk = carry.length > 0 ? Buffer.concat([carry, piece as Buffer]) : (piece as Buffer);
    if (ascii && isAscii(chunk)) continue;
    ascii = false;
    const tail = incompleteUtf8Tail(chunk);
    if (!isUtf8(chunk.subarray(0, chunk.length - tail))) return 'windows-1252';
    carry = Buffer.from(chunk.subarray(chunk.length - tail));
  }
  if (ascii) return 'ascii';
  return carry.length === 0 || isUtf8(carry) ? 'utf-8' : 'windows-1252';
}

async function readPrefix(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The end of the first non-blank line outside quotes, or -1 if the text does not reach it yet. */
function headerLineEnd(text: string): number {
  let inQuotes = false;
  let seenContent = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) inQuotes = !inQuotes;
    if (!inQuotes && (c === LF || c === CR)) {
      if (seenContent) return i;
    } else {
      seenContent = true;
    }
  }
  return -1;
}

/** The delimiter used most often in the header line outside quotes; comma when there is none. */
export function detectDelimiter(headerLine: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let inQuotes = false;
  for (const ch of headerLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && (ch === ',' || ch === ';' || ch === '\t')) counts[ch] += 1;
  }
  const order: CsvDelimiter[] = [',', ';', '\t'];
  return order.reduce((best, next) => (counts[next] > counts[best] ? next : best), ',' as CsvDelimiter);
}

class CsvSource implements TableSource {
  readonly delimiter: CsvDelimiter;
  private consumed = false;
  private closed = false;

  constructor(
    readonly headers: readonly string[],
    readonly encoding: CsvEncoding,
    delimiter: CsvDelimiter,
    readonly totalBytes: number,
    private readonly firstRows: readonly SourceRow[],
    private readonly rest: AsyncGenerator<SourceRow[]>,
    private readonly counter: { bytes: number },
  ) {
    this.delimiter = delimiter;
  }

  bytesRead(): number {
    return this.counter.bytes;
  }

  async *batches(): AsyncGenerator<readonly SourceRow[]> {
    if (this.consumed) throw new Error('The rows of an import file can be read only once');
    this.consumed = true;
    try {
      if (this.firstRows.length > 0) yield this.firstRows;
      for await (const batch of this.rest) {
        if (this.closed) return;
        yield batch;
      }
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.rest.return([]);
  }
}

async function* decodedChunks(path: string, encoding: ByteEncoding, chunkBytes: number, counter: { bytes: number }): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let first = true;
  for await (const piece of createReadStream(path, { highWaterMark: chunkBytes })) {
    const bytes = piece as Buffer;
    counter.bytes += bytes.length;
    let text = encoding === 'utf-8' ? decoder.write(bytes) : encoding === 'ascii' ? bytes.toString('latin1') : decodeWindows1252(bytes);
    if (first) {
      // A byte order mark says "UTF-8" to Excel; it is not part of the first header.
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    yield text;
  }
  const last = decoder.end();
  if (last !== '') yield last;
}

/**
 * Parses decoded text into batches of rows, one batch per chunk. An unfinished record waits for
 * more text; the wait doubles each time so a record longer than a chunk is not re-scanned per chunk.
 */
async function* parseRows(texts: AsyncIterable<string>, parser: CsvParser): AsyncGenerator<SourceRow[]> {
  let pending: string[] = [];
  let pendingLength = 0;
  let threshold = 1;
  for await (const text of texts) {
    pending.push(text);
    pendingLength += text.length;
    if (pendingLength < threshold) continue;
    const s = pending.join('');
    const out: SourceRow[] = [];
    const consumed = parser.parse(s, false, out);
    const carry = s.slice(consumed);
    pending = carry === '' ? [] : [carry];
    pendingLength = carry.length;
    threshold = Math.max(1, carry.length * 2);
    if (out.length > 0) yield out;
  }
  const out: SourceRow[] = [];
  parser.parse(pending.join(''), true, out);
  if (out.length > 0) yield out;
}

/**
 * Opens a CSV file: detects its encoding (UTF-8 with or without BOM, else Windows-1252) and its
 * delimiter (comma, semicolon or tab, from the header line), reads the header row and leaves the
 * data rows to `batches()`.
 */
export async function openCsv(path: string, options: OpenCsvOptions = {}): Promise<TableSource> {
  const chunkBytes = options.chunkBytes ?? DEFAULT_CHUNK_BYTES;
  let totalBytes: number;
  let prefix: Buffer;
  try {
    totalBytes = (await stat(path)).size;
    prefix = await readPrefix(path, 4);
  } catch (error) {
    throw new ImportError('file_unreadable', `Cannot read ${path}: ${(error as Error).message}`, { path });
  }
  if ((prefix[0] === 0xff && prefix[1] === 0xfe) || (prefix[0] === 0xfe && prefix[1] === 0xff)) {
    throw new ImportError('unsupported_file', `${path} is UTF-16 text; save it as "CSV UTF-8" instead`, { path });
  }
  const encoding = await detectEncoding(path, chunkBytes);
  const counter = { bytes: 0 };
  const texts = decodedChunks(path, encoding, chunkBytes, counter);

  // Read until the header line is complete, to see its delimiter before parsing anything.
  let head = '';
  let exhausted = false;
  while (headerLineEnd(head) === -1) {
    const next = await texts.next();
    if (next.done === true) {
      exhausted = true;
      break;
    }
    head += next.value;
  }
  const lineEnd = headerLineEnd(head);
  const delimiter = detectDelimiter(head.slice(0, lineEnd === -1 ? head.length : lineEnd));
  const bareCarriageReturns = lineEnd !== -1 && lineEnd + 1 < head.length && head.charCodeAt(lineEnd) === CR && head.charCodeAt(lineEnd + 1) !== LF;
  const parser = new CsvParser(delimiter, bareCarriageReturns);
  const rest = parseRows(
    (async function* () {
      yield head;
      if (!exhausted) yield* texts;
    })(),
    parser,
  );

  // The first non-blank record is the header.
  const firstRows: SourceRow[] = [];
  let headerRow: SourceRow | undefined;
  while (headerRow === undefined) {
    const next = await rest.next();
    if (next.done === true) break;
    const [first, ...others] = next.value;
    headerRow = first;
    firstRows.push(...others);
  }
  if (headerRow === undefined) throw new ImportError('empty_file', `${path} has no header row`, { path });
  if (headerRow.error !== undefined) {
    await rest.return([]);
    throw new ImportError('file_unreadable', `${path}: the header row cannot be read: ${headerRow.error}`, { path, row: headerRow.row });
  }
  return new CsvSource(headerRow.cells, encoding === 'ascii' ? 'utf-8' : encoding, delimiter, totalBytes, firstRows, rest, counter);
}
