/**
 * What the CSV and XLSX readers share: a header row, then data rows streamed in batches, each
 * numbered as the spreadsheet shows it (the header is row 1 in a CSV; an XLSX keeps its own row
 * numbers). Presets see only this, never the file format.
 */

/** A data row's cells in header order, or why the reader could not split it into cells. */
export type SourceRow =
  | { readonly row: number; readonly cells: readonly string[]; readonly error?: undefined }
  | { readonly row: number; readonly error: string; readonly cells?: undefined };

export interface TableSource {
  readonly headers: readonly string[];
  readonly encoding: 'utf-8' | 'windows-1252' | 'xlsx';
  readonly delimiter: ',' | ';' | '\t' | null;
  readonly totalBytes: number;
  /** Bytes of the file consumed so far, for a progress bar. */
  bytesRead(): number;
  /** The data rows after the header, in batches; rows with no content are left out. Callable once. */
  batches(): AsyncIterable<readonly SourceRow[]>;
  /** Stops reading and releases the file; safe to call at any time, also after the last batch. */
  close(): Promise<void>;
}

/** True when every cell is empty or spaces: blank lines and ",,,," rows carry nothing to import. */
export function isEmptyRow(cells: readonly string[]): boolean {
  for (const cell of cells) if (cell !== '' && cell.trim() !== '') return false;
  return true;
}
