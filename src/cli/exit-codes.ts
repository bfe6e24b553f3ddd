/**
 * The exit codes of the salesops command: scripts and CI branch on them, so a code's meaning
 * never changes once released. `salesops --help` prints this table.
 */
export const EXIT_CODES = {
  ok: 0,
  /** A failure salesops did not anticipate (a bug, or the system refusing something). */
  unexpected: 1,
  /** Bad arguments or options. */
  usage: 2,
  /** An import rejected rows or could not read a file: nothing was written for that file. */
  importRejected: 3,
  /** The database cannot be reached or refuses to be used (too new, not initialised, holds other data). */
  database: 4,
  /** A file or record that was named does not exist. */
  notFound: 5,
  /** The command does not run on this database engine. */
  notSupported: 6,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

const MEANINGS: Readonly<Record<ExitCode, string>> = {
  0: 'success',
  1: 'unexpected error',
  2: 'usage: bad arguments or options',
  3: 'import: rows rejected or a file failed (nothing written for that file)',
  4: 'database unreachable or refused (too new, not initialised, holds other data)',
  5: 'not found (file or record)',
  6: 'not supported on this database engine',
};

/** The exit code table for the help text. */
export function exitCodesHelp(): string {
  const lines = Object.entries(MEANINGS).map(([code, meaning]) => `  ${code}  ${meaning}`);
  return `Exit codes:\n${lines.join('\n')}`;
}
