import { CommanderError } from 'commander';
import { assertNever, DomainError, type DomainErrorCode } from '../core/shared/domain-error.ts';
import {
  ImportError,
  ServiceError,
  StoreError,
  type ImportErrorCode,
  type ServiceErrorCode,
  type StoreErrorCode,
} from '../services/service-error.ts';
import { EXIT_CODES, type ExitCode } from './exit-codes.ts';

/** A bad argument found by the CLI itself (a value commander cannot check, such as a date). */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * A command that ran to the end but must still exit non-zero, having printed its own report
 * (an import with rejected rows). Nothing more is printed for it.
 */
export class ReportedFailure extends Error {
  override readonly name = 'ReportedFailure';
  constructor(readonly exitCode: ExitCode, message: string) {
    super(message);
  }
}

export interface ErrorExit {
  readonly exitCode: ExitCode;
  /** The one line for stderr, or null when the error has been printed already. */
  readonly message: string | null;
}

// Each code union is mapped once, here. A code added to any of them fails to compile until it
// has an exit code.

function domainExit(code: DomainErrorCode): ExitCode {
  switch (code) {
    // Values a user types: a currency, a date, a fiscal setting.
    case 'invalid_money':
    case 'unknown_currency':
    case 'invalid_date':
    case 'invalid_period':
    case 'invalid_inspection_rules':
    case 'invalid_calendar':
      return EXIT_CODES.usage;
    // Rules the stored data breaks: no command argument produces them.
    case 'currency_mismatch':
    case 'missing_rate':
    case 'invalid_rate':
    case 'invalid_split':
    case 'invalid_stage':
    case 'invalid_process':
    case 'invalid_reporting_line':
    case 'invalid_opportunity':
      return EXIT_CODES.unexpected;
    default:
      return assertNever(code);
  }
}

function storeExit(code: StoreErrorCode): ExitCode {
  switch (code) {
    case 'database_unreachable':
    case 'database_too_new':
    case 'database_not_initialised':
      return EXIT_CODES.database;
    case 'not_found':
      return EXIT_CODES.notFound;
    // A write the database refused mid-command: a concurrent change or a bug, not the user's input.
    case 'conflict':
    case 'constraint_violation':
      return EXIT_CODES.unexpected;
    default:
      return assertNever(code);
  }
}

function serviceExit(code: ServiceErrorCode): ExitCode {
  switch (code) {
    case 'invalid_argument':
    case 'file_exists':
      return EXIT_CODES.usage;
    case 'not_found':
      return EXIT_CODES.notFound;
    case 'not_supported_on_engine':
      return EXIT_CODES.notSupported;
    case 'database_has_data':
      return EXIT_CODES.database;
    case 'unauthenticated':
    case 'forbidden':
    case 'throttled':
    case 'conflict':
      return EXIT_CODES.usage;
    default:
      return assertNever(code);
  }
}

/** importFiles throws only for bad options (preset, mapping file); a file's own failure is in its result. */
function importExit(code: ImportErrorCode): ExitCode {
  switch (code) {
    case 'unknown_preset':
    case 'invalid_mapping':
      return EXIT_CODES.usage;
    case 'file_unreadable':
      return EXIT_CODES.notFound;
    case 'unsupported_file':
    case 'unknown_format':
    case 'ambiguous_format':
    case 'missing_columns':
    case 'empty_file':
      return EXIT_CODES.importRejected;
    default:
      return assertNever(code);
  }
}

function systemErrorCode(error: Error): string | undefined {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? code : undefined;
}

/** The exit code and the one line to print for anything a command throws. */
export function errorExit(error: unknown): ErrorExit {
  if (error instanceof CommanderError) {
    // Commander has printed its own one-line message (or the help/version text).
    const done = error.code === 'commander.helpDisplayed' || error.code === 'commander.version';
    return { exitCode: done ? EXIT_CODES.ok : EXIT_CODES.usage, message: null };
  }
  if (error instanceof ReportedFailure) return { exitCode: error.exitCode, message: null };
  if (error instanceof UsageError) return { exitCode: EXIT_CODES.usage, message: error.message };
  if (error instanceof DomainError) return { exitCode: domainExit(error.code), message: error.message };
  if (error instanceof StoreError) return { exitCode: storeExit(error.code), message: error.message };
  if (error instanceof ServiceError) return { exitCode: serviceExit(error.code), message: error.message };
  if (error instanceof ImportError) return { exitCode: importExit(error.code), message: error.message };
  if (error instanceof Error) {
    const system = systemErrorCode(error);
    if (system === 'ENOENT') return { exitCode: EXIT_CODES.notFound, message: error.message };
    if (system === 'ECONNREFUSED' || system === 'ENOTFOUND') return { exitCode: EXIT_CODES.database, message: error.message };
    return { exitCode: EXIT_CODES.unexpected, message: error.message || error.name };
  }
  return { exitCode: EXIT_CODES.unexpected, message: String(error) };
}

/** The lines --verbose adds under the message: the error's class and code, its details, its cause, its stack. */
export function errorDetails(error: unknown): string[] {
  if (!(error instanceof Error)) return [];
  const lines: string[] = [];
  const code = (error as { code?: unknown }).code;
  lines.push(`${error.name}${typeof code === 'string' ? ` (${code})` : ''}`);
  const details = (error as { details?: unknown }).details;
  if (details !== undefined) lines.push(`details: ${JSON.stringify(details)}`);
  if (error.cause instanceof Error) lines.push(`cause: ${error.cause.stack ?? error.cause.message}`);
  else if (error.cause !== undefined) lines.push(`cause: ${JSON.stringify(error.cause)}`);
  if (error.stack !== undefined) lines.push(error.stack);
  return lines;
}

/** One readable line: the first line of the message, so a multi-line driver message never floods stderr. */
export function oneLine(message: string): string {
  const first = message.split(/\r?\n/).find((line) => line.trim() !== '') ?? message;
  return first.trim();
}
