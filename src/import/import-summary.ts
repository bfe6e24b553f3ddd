import type { ImportEntity, RowError } from './records.ts';

/** How a file's import ended: written whole, refused whole (bad rows), validated only, or failed (unreadable file, database error). */
export type ImportStatus = 'committed' | 'rejected' | 'dry_run' | 'failed';

export interface ImportProgress {
  readonly file: string;
  readonly entity: ImportEntity | null;
  readonly rowsDone: number;
  readonly bytesRead: number;
  readonly totalBytes: number;
}

/**
 * What happened to a file's rows: inserted + updated + unchanged + rejected = rowsRead. A rejected
 * or dry-run file wrote nothing; its counts say what the rows that passed would have done.
 */
export interface ImportCounts {
  readonly rowsRead: number;
  readonly inserted: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: number;
  /** The first rejected rows (at most `maxReportedErrors`); `errorCount` has them all. */
  readonly errors: readonly RowError[];
  readonly errorCount: number;
}

/** The outcome of importing one file. */
export interface FileImportResult extends ImportCounts {
  readonly file: string;
  readonly entity: ImportEntity | null;
  readonly preset: string | null;
  readonly status: ImportStatus;
  /** Where the full row/column error report (CSV) was written, if any rows were rejected. */
  readonly errorReportPath: string | null;
  /** Set when status is 'failed': why the file could not be read or written. */
  readonly failure: string | null;
  /** Notes for the reader, e.g. people created from owner names in a report export. */
  readonly notes: readonly string[];
  readonly elapsedMs: number;
}

export interface ImportFilesOptions {
  /** 'auto' (default) | 'salesforce' | 'salesforce-report' | 'hubspot' | 'superstore' | a mapping file path (.yaml/.yml/.json). */
  readonly preset?: string;
  readonly dryRun?: boolean;
  /** Where to write the error CSV; default `<input>.errors.csv` beside the input. With several files, a folder. */
  readonly errorsPath?: string;
  /** How to read ambiguous dates and decimals: 'us' (M/D/YYYY, 1,234.56), 'eu' (D.M.YYYY or D/M/YYYY, 1.234,56). Default 'us'. */
  readonly locale?: 'us' | 'eu';
  /** Who is importing, for the audit log. */
  readonly actor: string;
  readonly maxReportedErrors?: number;
  readonly onProgress?: (progress: ImportProgress) => void;
}
