import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { commitImport, type CommitResult } from '../import/commit-import.ts';
import { createErrorReportWriter, type ErrorReportWriter } from '../import/error-report.ts';
import type { FileImportResult, ImportFilesOptions } from '../import/import-summary.ts';
import { stat } from 'node:fs/promises';
import { openImportFile, type ImportFile, type OpenImportOptions } from '../import/open-import-file.ts';
import { openImportFileInWorker } from '../import/open-import-file-in-worker.ts';
import { IMPORT_ENTITIES, type RowError } from '../import/records.ts';
import { beginImportTransaction, type ImportTransaction } from '../import/writers/import-transaction.ts';
import type { Store } from '../store/database.ts';
import { importSuperstore, type SuperstoreImportResult } from './import-superstore.ts';

/**
 * Files from this size on are parsed on a worker thread while the rows already parsed are written.
 * Starting the worker costs a few hundred milliseconds, more than parsing a smaller file takes.
 */
const PARSE_IN_WORKER_FROM_BYTES = 8 << 20;

async function open(path: string, options: OpenImportOptions): Promise<ImportFile> {
  const size = await stat(path).then((s) => s.size, () => 0);
  return size >= PARSE_IN_WORKER_FROM_BYTES ? openImportFileInWorker(path, options) : openImportFile(path, options);
}

interface Opened {
  readonly path: string;
  readonly file: ImportFile | null;
  readonly failure: string | null;
}

/** Where a file's error CSV goes: beside it by default; `errorsPath` is the file for one input, a folder for several. */
function errorReportPathFor(input: string, options: ImportFilesOptions, inputs: number): string {
  if (options.errorsPath === undefined) return `${input}.errors.csv`;
  if (inputs === 1) return options.errorsPath;
  mkdirSync(options.errorsPath, { recursive: true });
  return join(options.errorsPath, `${basename(input)}.errors.csv`);
}

function failed(path: string, file: ImportFile | null, failure: string, started: number): FileImportResult {
  return {
    file: path,
    entity: file?.entity ?? null,
    preset: file?.preset ?? null,
    status: 'failed',
    rowsRead: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: 0,
    errors: [],
    errorCount: 0,
    errorReportPath: null,
    failure,
    notes: file?.notes() ?? [],
    elapsedMs: performance.now() - started,
  };
}

async function importOne(
  store: Store,
  opened: Opened & { file: ImportFile },
  options: ImportFilesOptions,
  inputs: number,
  within: ImportTransaction | undefined,
): Promise<FileImportResult> {
  const started = performance.now();
  const { path, file } = opened;
  let report: ErrorReportWriter | null = null;
  const onError = (error: RowError): void => {
    report ??= createErrorReportWriter(errorReportPathFor(path, options, inputs));
    report.write(error);
  };
  let result: CommitResult;
  try {
    result = await commitImport(store, file, {
      actor: options.actor,
      dryRun: options.dryRun ?? false,
      maxReportedErrors: options.maxReportedErrors ?? 1_000,
      onError,
      within,
      onRow: (rowsDone) => options.onProgress?.({ file: path, entity: file.entity, rowsDone, bytesRead: file.bytesRead(), totalBytes: file.totalBytes }),
    });
  } catch (error) {
    return failed(path, file, (error as Error).message, started);
  } finally {
    await file.close();
    await (report as ErrorReportWriter | null)?.close();
  }
  return {
    file: path,
    entity: result.entity,
    preset: result.preset,
    status: result.status,
    rowsRead: result.rowsRead,
    inserted: result.inserted,
    updated: result.updated,
    unchanged: result.unchanged,
    rejected: result.rejected,
    errors: result.errors,
    errorCount: result.errorCount,
    errorReportPath: (report as ErrorReportWriter | null)?.path ?? null,
    failure: null,
    notes: [...file.notes(), ...result.notes],
    elapsedMs: performance.now() - started,
  };
}

/**
 * A Superstore file is orders, customers, products and order lines in one: it is imported whole by
 * importSuperstore (grouping its rows by order), and reported as its opportunities with the other
 * parts' counts in the notes.
 */
async function importSuperstoreFile(store: Store, path: string, options: ImportFilesOptions): Promise<FileImportResult> {
  const started = performance.now();
  let result: SuperstoreImportResult;
  try {
    result = await importSuperstore(store, path, { actor: options.actor, dryRun: options.dryRun ?? false });
  } catch (error) {
    return failed(path, null, (error as Error).message, started);
  }
  let errorReportPath: string | null = null;
  if (result.errors.length > 0) {
    const report = createErrorReportWriter(errorReportPathFor(path, options, 1));
    for (const error of result.errors) report.write(error);
    await report.close();
    errorReportPath = report.path;
  }
  const orders = result.parts.find((part) => part.entity === 'opportunity');
  const others = result.parts
    .filter((part) => part.entity !== 'opportunity')
    .map((part) => `${part.entity}: ${part.inserted} inserted, ${part.updated} updated, ${part.unchanged} unchanged`);
  return {
    file: path,
    entity: 'opportunity',
    preset: 'superstore',
    status: result.status,
    rowsRead: orders?.rowsRead ?? 0,
    inserted: orders?.inserted ?? 0,
    updated: orders?.updated ?? 0,
    unchanged: orders?.unchanged ?? 0,
    rejected: orders?.rejected ?? 0,
    errors: result.errors,
    errorCount: result.errorCount,
    errorReportPath,
    failure: null,
    notes: [...result.notes, ...others],
    elapsedMs: performance.now() - started,
  };
}

/**
 * Imports CRM export files, each whole or not at all in its own transaction, in dependency order
 * (currency rates, people, products, accounts, opportunities, then history, line items and
 * splits) whatever order they are given in. A file that cannot be read or recognised fails alone;
 * the others still run. Rejected rows go to an error CSV beside each input (or `errorsPath`).
 * Results come back in the order the paths were given.
 *
 * Each file commits on its own: when a later file is rejected, the files committed before it stay
 * committed (rerunning the set after fixing the file is a no-op for them, as imports are upserts).
 * A dry run checks the files as a set instead: all of them run in one transaction, each under a
 * savepoint, so opportunities resolve accounts from the accounts file before them; a rejected
 * file's savepoint is rolled back (as its real import would be), and at the end everything is.
 *
 * @example
 *   const results = await importFiles(store, ['Opportunity.csv', 'User.csv', 'Account.csv'], { actor: 'ana@example.com' });
 *   for (const r of results) console.log(r.file, r.status, r.inserted, r.updated, r.unchanged, r.rejected);
 */
export async function importFiles(store: Store, paths: readonly string[], options: ImportFilesOptions): Promise<FileImportResult[]> {
  const opened: Opened[] = [];
  for (const path of paths) {
    try {
      opened.push({ path, file: await open(path, { preset: options.preset, locale: options.locale }), failure: null });
    } catch (error) {
      opened.push({ path, file: null, failure: (error as Error).message });
    }
  }
  const superstore = opened.findIndex((o) => o.file?.preset === 'superstore');
  if (superstore >= 0) {
    for (const o of opened) await o.file?.close();
    if (opened.length === 1) return [await importSuperstoreFile(store, paths[0] ?? '', options)];
    // It runs its own transaction; a set of files shares one in a dry run, so it goes alone.
    return opened.map((o, index) =>
      index === superstore
        ? failed(o.path, o.file, 'A Superstore file holds orders, customers and products together: import it on its own', performance.now())
        : failed(o.path, o.file, 'Not imported: a Superstore file in the same set must be imported on its own first', performance.now()),
    );
  }
  const rank = (o: Opened): number => (o.file === null ? -1 : IMPORT_ENTITIES.indexOf(o.file.entity));
  const order = opened.map((o, index) => ({ o, index })).sort((a, b) => rank(a.o) - rank(b.o) || a.index - b.index);
  const results: FileImportResult[] = new Array<FileImportResult>(opened.length);
  let dryRunSet: ImportTransaction | undefined;
  if (options.dryRun === true) {
    try {
      dryRunSet = await beginImportTransaction(store);
    } catch (error) {
      for (const o of opened) await o.file?.close();
      return opened.map((o) => failed(o.path, o.file, o.failure ?? (error as Error).message, performance.now()));
    }
  }
  try {
    for (const { o, index } of order) {
      const started = performance.now();
      results[index] = o.file === null ? failed(o.path, null, o.failure ?? 'The file could not be opened', started) : await importOne(store, { ...o, file: o.file }, options, paths.length, dryRunSet);
    }
  } finally {
    await dryRunSet?.rollback();
  }
  return results;
}
