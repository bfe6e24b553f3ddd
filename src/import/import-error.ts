/**
 * Why a whole file cannot be imported (as opposed to a bad row, which is a RowError). One class,
 * a union of codes, so the CLI and API map each code once and a new code breaks the build there.
 */
export type ImportErrorCode =
  /** The file does not exist, cannot be read, or is not a well-formed CSV/XLSX. */
  | 'file_unreadable'
  /** A format salesops does not read: .xls (Excel 97-2003), UTF-16 text, ... */
  | 'unsupported_file'
  /** No preset recognises the header row. */
  | 'unknown_format'
  /** More than one preset or entity fits the header row equally well. */
  | 'ambiguous_format'
  /** The chosen preset or mapping needs columns the file does not have. */
  | 'missing_columns'
  /** A mapping file that is not valid YAML/JSON or does not describe a mapping. */
  | 'invalid_mapping'
  /** The preset option names no known preset and no mapping file. */
  | 'unknown_preset'
  /** No header row: the file or its first worksheet is empty. */
  | 'empty_file';

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}
