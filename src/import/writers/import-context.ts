import type { PlainDate } from '../../core/shared/plain-date.ts';
import type { RowError } from '../records.ts';
import type { ColumnNamer } from './column-names.ts';
import type { ImportTransaction } from './import-transaction.ts';

export type RowOutcome = 'inserted' | 'updated' | 'unchanged';

/** Notes past this many are summarised in one line, so a report export full of new names stays readable. */
const MAX_NOTES = 100;

export interface ImportContextOptions {
  readonly tx: ImportTransaction;
  /** ISO UTC: created_at/updated_at and history timestamps of everything this file writes. */
  readonly now: string;
  readonly column: ColumnNamer;
  readonly maxReportedErrors: number;
  readonly onError: ((error: RowError) => void) | undefined;
}

/**
 * What the writers of one file share: the transaction, the clock, and the tally. Every row ends in
 * exactly one of inserted, updated, unchanged or rejected, so the four always sum to the rows read.
 */
export class ImportContext {
  readonly tx: ImportTransaction;
  readonly now: string;
  /** The calendar day of `now`: effective-dated lines that change in this import start or end on it. */
  readonly importDate: PlainDate;
  readonly column: ColumnNamer;
  readonly counts = { inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
  readonly errors: RowError[] = [];
  errorCount = 0;
  private readonly noteLines: string[] = [];
  private notesLeftOff = 0;
  private readonly rejectedRows = new Set<number>();
  private readonly maxReportedErrors: number;
  private readonly onError: ((error: RowError) => void) | undefined;

  constructor(options: ImportContextOptions) {
    this.tx = options.tx;
    this.now = options.now;
    this.importDate = options.now.slice(0, 10) as PlainDate;
    this.column = options.column;
    this.maxReportedErrors = options.maxReportedErrors;
    this.onError = options.onError;
  }

  count(outcome: RowOutcome): void {
    this.counts[outcome] += 1;
  }

  /** Moves a row already counted, e.g. unchanged to updated when its reporting line changed. */
  recount(from: RowOutcome, to: RowOutcome): void {
    this.counts[from] -= 1;
    this.counts[to] += 1;
  }

  isRejected(row: number): boolean {
    return this.rejectedRows.has(row);
  }

  /** Records an error of a row not yet counted; a row with several errors counts once. */
  reject(error: RowError): void {
    this.addError(error);
    if (!this.rejectedRows.has(error.row)) {
      this.rejectedRows.add(error.row);
      this.counts.rejected += 1;
    }
  }

  /** Records an error of a row already counted as `outcome` (a check after the whole file). */
  rejectCounted(error: RowError, outcome: RowOutcome): void {
    this.addError(error);
    if (!this.rejectedRows.has(error.row)) {
      this.rejectedRows.add(error.row);
      this.counts[outcome] -= 1;
      this.counts.rejected += 1;
    }
  }

  /** Shorthand: an error on a record field, named by its column header. */
  fail(row: number, field: string | null, value: string | null, reason: string): RowError {
    const error = { row, column: field === null ? null : this.column(field), value, reason };
    this.reject(error);
    return error;
  }

  note(text: string): void {
    if (this.noteLines.length < MAX_NOTES) this.noteLines.push(text);
    else this.notesLeftOff += 1;
  }

  get notes(): string[] {
    return this.notesLeftOff === 0 ? [...this.noteLines] : [...this.noteLines, `… and ${this.notesLeftOff} more like these.`];
  }

  private addError(error: RowError): void {
    this.errorCount += 1;
    if (this.errors.length < this.maxReportedErrors) this.errors.push(error);
    this.onError?.(error);
  }
}
