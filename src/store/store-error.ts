/** Errors of the store layer. One class, a union of codes, mapped once by the API and CLI. */
export type StoreErrorCode =
  | 'database_unreachable'
  | 'database_too_new'
  | 'database_not_initialised'
  | 'not_found'
  | 'conflict'
  | 'constraint_violation';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}
