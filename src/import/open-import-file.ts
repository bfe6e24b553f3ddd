/**
 * The entry point of parsing: open a CSV or XLSX export, recognise what it holds (preset and
 * entity) from its header row, and stream its rows as typed records or row errors. Nothing here
 * touches the database; the writer resolves references, stages and processes.
 *
 * @example
 * const file = await openImportFile('Opportunity.csv', { preset: 'auto', locale: 'us' });
 * if (isImportFileOf(file, 'opportunity')) {
 *   for await (const result of file.rows()) {
 *     if (result.ok) console.log(result.record.name);
 *     else console.log(result.errors);
 *   }
 * }
 */
import { open } from 'node:fs/promises';
import { type CurrencyCode } from '../core/shared/currency.ts';
import { openCsv } from './csv-reader.ts';
import { BUILT_IN_PRESETS, detectLayout, findPreset } from './detect-preset.ts';
import { ImportError } from './import-error.ts';
import { bindLayout, notesFor, type EntityLayout, type ImportPreset, type ParsedRowResult, type PresetId } from './presets/entity-layout.ts';
import { isMappingPath, loadMappingFile, type LoadedMapping } from './presets/mapping-file.ts';
import type { ImportEntity } from './records.ts';
import type { ParseContext } from './row-fields.ts';
import type { TableSource } from './table-source.ts';
import { dateOrderOf, type Locale } from './value-parsers.ts';
import { openXlsx } from './xlsx-reader.ts';

export { ImportError, type ImportErrorCode } from './import-error.ts';
export type { ParsedRowResult, PresetId } from './presets/entity-layout.ts';

/** What is known about a file once its header row is read. */
export interface ImportFileInfo<E extends ImportEntity = ImportEntity> {
  readonly path: string;
  readonly entity: E;
  readonly preset: PresetId;
  /** e.g. 'Salesforce Data Loader: Opportunity'. */
  readonly presetLabel: string;
  readonly headers: readonly string[];
  readonly encoding: 'utf-8' | 'windows-1252' | 'xlsx';
  readonly delimiter: ',' | ';' | '\t' | null;
  readonly totalBytes: number;
}

export interface ImportFile<E extends ImportEntity = ImportEntity> extends ImportFileInfo<E> {
  /** Bytes of the file consumed so far, for a progress bar (compressed bytes for XLSX). */
  bytesRead(): number;
  /** Streams the rows in file order; never holds the whole file. Callable once (this or `batches`). */
  rows(): AsyncIterable<ParsedRowResult<E>>;
  /** The same rows in the reader's batches (thousands at a time), for writers that insert in bulk. */
  batches(): AsyncIterable<readonly ParsedRowResult<E>[]>;
  /**
   * How the file is read (e.g. report exports match owners by name) and, once the rows have been
   * read, which rows were left out on purpose and why (footer rows, untracked history fields).
   */
  notes(): readonly string[];
  /** Stops reading early and releases the file. Reading to the end releases it too. */
  close(): Promise<void>;
}

export interface OpenImportOptions {
  /** 'auto' (default), a preset ('salesforce', 'salesforce-report', 'hubspot', 'superstore'), or a mapping file path (.yaml/.yml/.json). */
  readonly preset?: string;
  /** How dates and decimals are written: 'us' (default) or 'eu'. A mapping file's own locale wins. */
  readonly locale?: Locale;
  /** For amounts that name no currency in rows without a currency column; default USD. A mapping file's currency wins. */
  readonly defaultCurrency?: CurrencyCode;
}

/** Narrows a file to one entity, so its records are typed. */
export function isImportFileOf<E extends ImportEntity>(file: ImportFile, entity: E): file is ImportFile<E> {
  return file.entity === entity;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

async function sniff(path: string): Promise<'xlsx' | 'xls' | 'text'> {
  let bytes: Buffer;
  try {
    const handle = await open(path, 'r');
    try {
      bytes = Buffer.alloc(4);
      const { bytesRead } = await handle.read(bytes, 0, 4, 0);
      bytes = bytes.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new ImportError('file_unreadable', `Cannot read ${path}: ${(error as Error).message}`, { path });
  }
  const starts = (magic: readonly number[]): boolean => magic.every((byte, i) => bytes[i] === byte);
  if (starts(ZIP_MAGIC)) return 'xlsx';
  if (starts(OLE_MAGIC)) return 'xls';
  return 'text';
}

async function openSource(path: string): Promise<TableSource> {
  const kind = await sniff(path);
  if (kind === 'xls') throw new ImportError('unsupported_file', `${path} is an Excel 97-2003 workbook; save it as .xlsx or CSV`, { path });
  if (kind === 'xlsx') return openXlsx(path);
  if (/\.xlsx$/i.test(path)) throw new ImportError('file_unreadable', `${path} is named .xlsx but is not an Excel workbook`, { path });
  return openCsv(path);
}

interface PresetChoice {
  readonly presets: readonly ImportPreset[];
  readonly chosen: boolean;
  readonly mapping: LoadedMapping | null;
}

async function choosePresets(option: string | undefined): Promise<PresetChoice> {
  if (option === undefined || option.trim() === '' || option.trim().toLowerCase() === 'auto') {
    return { presets: BUILT_IN_PRESETS, chosen: false, mapping: null };
  }
  if (isMappingPath(option)) {
    const mapping = await loadMappingFile(option);
    return { presets: [mapping.preset], chosen: true, mapping };
  }
  const preset = findPreset(option);
  if (preset === null) {
    throw new ImportError('unknown_preset', `Unknown preset "${option}": use auto, salesforce, salesforce-report, hubspot or a mapping file (.yaml, .yml, .json)`, {
      preset: option,
    });
  }
  return { presets: [preset], chosen: true, mapping: null };
}

class OpenedImportFile<E extends ImportEntity> implements ImportFile<E> {
  readonly path: string;
  readonly entity: E;
  readonly preset: PresetId;
  readonly presetLabel: string;
  readonly headers: readonly string[];
  readonly encoding: 'utf-8' | 'windows-1252' | 'xlsx';
  readonly delimiter: ',' | ';' | '\t' | null;
  readonly totalBytes: number;
  private readonly skipped = new Map<string, { count: number; details: Set<string> }>();

  constructor(
    path: string,
    private readonly source: TableSource,
    preset: ImportPreset,
    private readonly layout: EntityLayout<E>,
    private readonly context: ParseContext,
  ) {
    this.path = path;
    this.entity = layout.entity;
    this.preset = preset.id;
    this.presetLabel = layout.label;
    this.headers = source.headers;
    this.encoding = source.encoding;
    this.delimiter = source.delimiter;
    this.totalBytes = source.totalBytes;
  }

  bytesRead(): number {
    return this.source.bytesRead();
  }

  async *batches(): AsyncGenerator<readonly ParsedRowResult<E>[]> {
    const parse = bindLayout(this.layout, this.source.headers, this.context);
    for await (const batch of this.source.batches()) {
      const results: ParsedRowResult<E>[] = [];
      for (const sourceRow of batch) {
        if (sourceRow.error !== undefined) {
          const { row, error } = sourceRow;
          results.push({ ok: false, row, errors: [{ row, column: null, value: null, reason: error }] });
          continue;
        }
        const outcome = parse(sourceRow.cells, sourceRow.row);
        if (outcome.ok === 'skipped') this.noteSkip(outcome.reason, outcome.detail);
        else results.push(outcome);
      }
      if (results.length > 0) yield results;
    }
  }

  async *rows(): AsyncGenerator<ParsedRowResult<E>> {
    for await (const batch of this.batches()) yield* batch;
  }

  private noteSkip(reason: string, detail: string | undefined): void {
    const entry = this.skipped.get(reason) ?? { count: 0, details: new Set<string>() };
    entry.count += 1;
    if (detail !== undefined && entry.details.size < 10) entry.details.add(detail);
    this.skipped.set(reason, entry);
  }

  notes(): readonly string[] {
    const notes = notesFor(this.layout.notes ?? [], this.headers);
    if (this.encoding === 'windows-1252') notes.push('The file is not UTF-8; it was read as Windows-1252 (Excel on Windows).');
    for (const [reason, { count, details }] of this.skipped) {
      const examples = details.size > 0 ? ` (${[...details].join(', ')})` : '';
      notes.push(`Skipped ${count} ${count === 1 ? 'row' : 'rows'}: ${reason}${examples}.`);
    }
    return notes;
  }

  close(): Promise<void> {
    return this.source.close();
  }
}

function openWith<E extends ImportEntity>(path: string, source: TableSource, preset: ImportPreset, layout: EntityLayout<E>, context: ParseContext): ImportFile<E> {
  return new OpenedImportFile(path, source, preset, layout, context);
}

function openFromSource(path: string, source: TableSource, choice: PresetChoice, options: OpenImportOptions): ImportFile {
  if (source.headers.every((header) => header.trim() === '')) {
    throw new ImportError('empty_file', `${path} has no header row`, { path });
  }
  const { preset, layout } = detectLayout(source.headers, choice.presets, choice.chosen);
  const locale = choice.mapping?.locale ?? options.locale ?? 'us';
  const context: ParseContext = {
    locale,
    dateOrder: choice.mapping?.dateOrder ?? dateOrderOf(locale),
    // XLSX number cells arrive as machine decimals whatever the workbook's locale.
    plainNumbers: preset.plainNumbers || source.encoding === 'xlsx',
    defaultCurrency: choice.mapping?.currency ?? options.defaultCurrency ?? ('USD' as CurrencyCode),
    salesforceIds: preset.salesforceIds,
  };
  return openWith(path, source, preset, layout, context);
}

/**
 * Opens a CSV (UTF-8 or Windows-1252; comma, semicolon or tab) or XLSX export and recognises it.
 * Fails with an ImportError when the file cannot be read or no preset fits its header row.
 */
export async function openImportFile(path: string, options: OpenImportOptions = {}): Promise<ImportFile> {
  const choice = await choosePresets(options.preset);
  const source = await openSource(path);
  try {
    return openFromSource(path, source, choice, options);
  } catch (error) {
    await source.close();
    throw error;
  }
}

export interface PreviewRow<E extends ImportEntity = ImportEntity> {
  readonly row: number;
  /** The raw cells keyed by header as written. */
  readonly cells: Readonly<Record<string, string>>;
  readonly result: ParsedRowResult<E>;
}

export interface ImportPreview<E extends ImportEntity = ImportEntity> {
  readonly file: ImportFileInfo<E> & { readonly notes: readonly string[] };
  readonly rows: readonly PreviewRow<E>[];
}

/** The first `n` rows of a file as raw cells and parse results, for a preview before importing. */
export async function previewImportFile(path: string, options: OpenImportOptions = {}, n = 20): Promise<ImportPreview> {
  const choice = await choosePresets(options.preset);
  const source = await openSource(path);
  const cellsByRow = new Map<number, Readonly<Record<string, string>>>();
  const tapped: TableSource = {
    headers: source.headers,
    encoding: source.encoding,
    delimiter: source.delimiter,
    totalBytes: source.totalBytes,
    bytesRead: () => source.bytesRead(),
    close: () => source.close(),
    batches: async function* () {
      for await (const batch of source.batches()) {
        for (const sourceRow of batch) {
          const cells: Record<string, string> = {};
          source.headers.forEach((header, index) => {
            if (!(header in cells)) cells[header] = sourceRow.cells?.[index] ?? '';
          });
          cellsByRow.set(sourceRow.row, cells);
        }
        yield batch;
      }
    },
  };
  let file: ImportFile;
  try {
    file = openFromSource(path, tapped, choice, options);
  } catch (error) {
    await source.close();
    throw error;
  }
  const rows: PreviewRow[] = [];
  try {
    for await (const result of file.rows()) {
      rows.push({ row: result.row, cells: cellsByRow.get(result.row) ?? {}, result });
      if (rows.length >= n) break;
    }
  } finally {
    await file.close();
  }
  const { entity, preset, presetLabel, headers, encoding, delimiter, totalBytes } = file;
  return { file: { path, entity, preset, presetLabel, headers, encoding, delimiter, totalBytes, notes: file.notes() }, rows };
}
