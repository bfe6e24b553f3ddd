/**
 * The error every core module throws. One class, a union of codes: the API and CLI map each
 * code once (to an HTTP status and an exit code), so a new code breaks the build until handled.
 */
export type DomainErrorCode =
  | 'invalid_money'
  | 'currency_mismatch'
  | 'unknown_currency'
  | 'invalid_date'
  | 'invalid_period'
  | 'invalid_inspection_rules'
  | 'invalid_calendar'
  | 'missing_rate'
  | 'invalid_rate'
  | 'invalid_split'
  | 'invalid_stage'
  | 'invalid_process'
  | 'invalid_reporting_line'
  | 'invalid_opportunity';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

/** Exhaustiveness guard for `switch` over unions: a new member fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`Unexpected value: ${String(value)}`);
}
