/**
 * The errors a caller of the services (the CLI, the API) can meet besides the core's DomainError,
 * gathered in one module so callers map them without reaching into the store or import layers.
 * StoreError and ImportError are re-exported, not wrapped: one class per layer keeps `instanceof`
 * and the code unions exact, and a new code in any of them breaks the callers' exhaustive
 * switches until it is mapped.
 */
export { StoreError, type StoreErrorCode } from '../store/store-error.ts';
export { ImportError, type ImportErrorCode } from '../import/import-error.ts';

export type ServiceErrorCode =
  /** The argument is well-formed but names no such thing or combines options that do not go together. */
  | 'invalid_argument'
  /** A file or record the caller named does not exist. */
  | 'not_found'
  /** The target file exists and the caller did not ask to overwrite it. */
  | 'file_exists'
  /** The operation exists on the other engine only (e.g. online backup on SQLite). */
  | 'not_supported_on_engine'
  /** The database holds data the operation would mix with or destroy (e.g. a demo over real data). */
  | 'database_has_data'
  /** No valid session or token accompanies a call that needs one. */
  | 'unauthenticated'
  /** The caller is known but the role does not permit the action or the field. */
  | 'forbidden'
  /** Too many failed sign-ins from this address or for this account; wait and retry. */
  | 'throttled'
  /** The request would contradict what is stored (a duplicate email, a revoked token). */
  | 'conflict';

/** An error of a use case itself (not of the domain, the store or a file's rows). */
export class ServiceError extends Error {
  override readonly name = 'ServiceError';
  constructor(
    readonly code: ServiceErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}
