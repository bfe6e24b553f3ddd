import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ImportJobResult } from '../../contracts/imports.ts';
import type { FileImportResult } from '../../import/import-summary.ts';
import type { RowError } from '../../import/records.ts';
import { openStore, type Store } from '../../store/database.ts';
import { getStoredFileContent, getStoredFileInfos, type StoredFileInfo } from '../../store/stored-file-repository.ts';
import type { Actor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';
import { importFiles } from '../import-files.ts';
import type { JobContext, JobHandler } from '../jobs/job-handler.ts';
import { ServiceError } from '../service-error.ts';
import { parseImportJobInput } from './import-job-input.ts';
import { withTempFolder } from './with-temp-folder.ts';

/** The rejected rows kept per file in a job's result (and so in its error report); the counts cover them all. */
export const MAX_ERRORS_PER_FILE = 1_000;
/** A value longer than this is cut in an error message. */
const MAX_VALUE_IN_MESSAGE = 100;

type FileImportOutcome = ImportJobResult['files'][number];
type OutcomeError = FileImportOutcome['errors'][number];

function rowErrorOf(error: RowError): OutcomeError {
  const value = error.value === null ? '' : error.value.length > MAX_VALUE_IN_MESSAGE ? `${error.value.slice(0, MAX_VALUE_IN_MESSAGE)}…` : error.value;
  return {
    row: error.row,
    column: error.column,
    // A reader or writer names the column when one cell is at fault, none when the row as a whole is.
    code: error.column === null ? 'invalid_row' : 'invalid_value',
    message: error.value === null ? error.reason : `${error.reason} (value: "${value}")`,
  };
}

/** One file's outcome under its uploaded name: paths in the temp folder never reach the user. */
function outcomeOf(result: FileImportResult, name: string, path: string): FileImportOutcome {
  const errors = result.errors.slice(0, MAX_ERRORS_PER_FILE).map(rowErrorOf);
  // A file that failed as a whole (unreadable, unrecognised, a database error) reports it on row 0.
  if (result.status === 'failed') errors.unshift({ row: 0, column: null, code: 'file_failed', message: (result.failure ?? 'The file could not be imported').replaceAll(path, name) });
  return {
    file: name,
    preset: result.preset ?? '',
    entity: result.entity ?? '',
    status: result.status,
    rowsRead: result.rowsRead,
    inserted: result.inserted,
    updated: result.updated,
    unchanged: result.unchanged,
    rejected: result.rejected,
    errors,
  };
}

/** The uploaded files, which must exist and be the actor's own (an admin may import anyone's). */
export async function importableFiles(store: Store, actor: Actor, fileIds: readonly string[]): Promise<StoredFileInfo[]> {
  const infos = await getStoredFileInfos(store.db, fileIds);
  const byId = new Map(infos.map((info) => [info.id, info]));
  return fileIds.map((id) => {
    const info = byId.get(id);
    // Someone else's upload answers exactly as a missing one.
    if (info === undefined || (info.createdBy !== actor.userId && actor.role !== 'admin')) throw new ServiceError('not_found', `No uploaded file ${id}`, { id });
    return info;
  });
}

/**
 * On SQLite the import writes through a connection of its own: its transaction holds the file's
 * write lock for the whole file, and on the shared connection every other query of this process
 * (the API's reads, sign-ins) would run inside that transaction and be rolled back with a rejected
 * file. PostgreSQL imports already take a connection of their own from the pool.
 */
async function withImportStore<T>(store: Store, work: (importStore: Store) => Promise<T>): Promise<T> {
  if (store.engine !== 'sqlite') return work(store);
  const own = await openStore(store.target, { migrate: false, mustExist: true });
  try {
    return await work(own);
  } finally {
    await own.close();
  }
}

/**
 * An import job: writes the uploaded files to a private temp folder under their own names, imports
 * them with importFiles (dependency order, each file whole or not at all; a dry run as one set),
 * with progress in bytes across all files, and returns each file's counts and first rejected rows.
 */
async function runImportJob(context: JobContext): Promise<ImportJobResult> {
  const { store, actor, progress } = context;
  const input = parseImportJobInput(context.input);
  await authorize(store, actor, 'import.run', { type: 'job', id: context.jobId });
  const files = await importableFiles(store, actor, input.fileIds);
  const totalBytes = files.reduce((sum, file) => sum + file.sizeBytes, 0);
  progress.report({ done: 0, total: totalBytes, label: null });
  return withTempFolder('salesops-import-', async (folder) => {
    const paths: string[] = [];
    for (const [index, file] of files.entries()) {
      const content = await getStoredFileContent(store.db, file.id);
      if (content === null) throw new ServiceError('not_found', `No uploaded file ${file.id}`, { id: file.id });
      // A folder per file keeps each original name, even when two uploads share one.
      const own = join(folder, String(index));
      await mkdir(own);
      const path = join(own, file.name);
      await writeFile(path, content, { mode: 0o600 });
      paths.push(path);
    }
    const nameOf = new Map(paths.map((path, index) => [path, files[index]?.name ?? path]));
    const bytesDone = new Map<string, number>();
    const results = await withImportStore(store, (importStore) =>
      importFiles(importStore, paths, {
        ...(input.preset === undefined ? {} : { preset: input.preset }),
        dryRun: input.dryRun,
        actor: actor.userId,
        maxReportedErrors: MAX_ERRORS_PER_FILE,
        onProgress: (p) => {
          bytesDone.set(p.file, p.bytesRead);
          let done = 0;
          for (const bytes of bytesDone.values()) done += bytes;
          progress.report({ done: Math.min(done, totalBytes), label: `${nameOf.get(p.file) ?? p.file}: ${p.rowsDone.toLocaleString('en-US')} rows` });
        },
      }),
    );
    progress.report({ done: totalBytes, label: null });
    return { files: results.map((result, index) => outcomeOf(result, files[index]?.name ?? result.file, paths[index] ?? result.file)) };
  });
}

export const importJobHandler: JobHandler = {
  permission: 'import.run',
  parseInput: parseImportJobInput,
  run: runImportJob,
};
