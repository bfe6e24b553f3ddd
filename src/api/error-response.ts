import { assertNever, DomainError, type DomainErrorCode } from '../core/shared/domain-error.ts';
import type { ErrorBody } from '../contracts/common.ts';
import {
  ImportError,
  ServiceError,
  StoreError,
  type ImportErrorCode,
  type ServiceErrorCode,
  type StoreErrorCode,
} from '../services/service-error.ts';

/**
 * Every error a route can meet becomes one HTTP status and one body shape,
 * `{ error: { code, message, details? } }`, here and nowhere else. Each code union is mapped by an
 * exhaustive switch, so a code added to any module fails to compile until it has a status.
 */
export interface ErrorResponse {
  readonly status: number;
  readonly body: ErrorBody;
  /** True when the error is not the caller's doing and belongs in the server log. */
  readonly log: boolean;
}

function domainStatus(code: DomainErrorCode): number {
  switch (code) {
    case 'invalid_money':
    case 'unknown_currency':
    case 'invalid_date':
    case 'invalid_period':
    case 'invalid_inspection_rules':
    case 'invalid_calendar':
    case 'currency_mismatch':
    case 'invalid_rate':
    case 'invalid_split':
    case 'invalid_stage':
    case 'invalid_process':
    case 'invalid_reporting_line':
    case 'invalid_opportunity':
      return 400;
    // The stored data lacks a rate a conversion needs: the request is fine, the workspace is not ready.
    case 'missing_rate':
      return 409;
    default:
      return assertNever(code);
  }
}

function storeStatus(code: StoreErrorCode): number {
  switch (code) {
    case 'database_unreachable':
    case 'database_too_new':
    case 'database_not_initialised':
      return 503;
    case 'not_found':
      return 404;
    case 'conflict':
    case 'constraint_violation':
      return 409;
    default:
      return assertNever(code);
  }
}

function serviceStatus(code: ServiceErrorCode): number {
  switch (code) {
    case 'invalid_argument':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
      return 403;
    case 'not_found':
      return 404;
    case 'file_exists':
    case 'database_has_data':
    case 'conflict':
      return 409;
    case 'throttled':
      return 429;
    case 'not_supported_on_engine':
      return 501;
    default:
      return assertNever(code);
  }
}

function importStatus(code: ImportErrorCode): number {
  switch (code) {
    case 'unknown_preset':
    case 'invalid_mapping':
    case 'file_unreadable':
    case 'empty_file':
      return 400;
    case 'unsupported_file':
    case 'unknown_format':
      return 415;
    case 'ambiguous_format':
    case 'missing_columns':
      return 422;
    default:
      return assertNever(code);
  }
}

function body(code: string, message: string, details?: Readonly<Record<string, unknown>>): ErrorBody {
  return details === undefined ? { error: { code, message } } : { error: { code, message, details: { ...details } } };
}

interface FastifyLikeError {
  readonly code?: unknown;
  readonly statusCode?: unknown;
  readonly validation?: unknown;
  readonly message: string;
}

/** Fastify's own errors (validation, body limits, bad JSON): their 4xx status is trusted, their message is safe. */
function frameworkResponse(error: FastifyLikeError): ErrorResponse | null {
  if (Array.isArray(error.validation)) {
    const issues = (error.validation as { instancePath?: string; message?: string; params?: unknown }[]).map((issue) => ({
      path: issue.instancePath ?? '',
      message: issue.message ?? 'invalid',
    }));
    return { status: 400, body: body('invalid_request', `The request is not valid: ${error.message}`, { issues }), log: false };
  }
  const status = typeof error.statusCode === 'number' ? error.statusCode : null;
  const code = typeof error.code === 'string' ? error.code : null;
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, body: body('body_too_large', 'The request body is larger than the server accepts'), log: false };
  if (code === 'FST_REQ_FILE_TOO_LARGE') return { status: 413, body: body('upload_too_large', 'The file is larger than the server accepts for one upload'), log: false };
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return { status: 415, body: body('not_multipart', 'Send the file as multipart/form-data'), log: false };
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return { status: 415, body: body('unsupported_media_type', 'The request body has a content type the server does not accept'), log: false };
  if (status !== null && status >= 400 && status < 500 && code !== null && code.startsWith('FST_')) {
    return { status, body: body('invalid_request', error.message), log: false };
  }
  return null;
}

/** The status, body and log decision for anything a route throws. Unknown errors leak nothing. */
export function errorResponse(error: unknown): ErrorResponse {
  if (error instanceof ServiceError) return { status: serviceStatus(error.code), body: body(error.code, error.message, error.details), log: false };
  if (error instanceof StoreError) {
    const status = storeStatus(error.code);
    return { status, body: body(error.code, error.message, status === 404 ? error.details : undefined), log: status >= 500 };
  }
  if (error instanceof ImportError) return { status: importStatus(error.code), body: body(error.code, error.message, error.details), log: false };
  if (error instanceof DomainError) return { status: domainStatus(error.code), body: body(error.code, error.message, error.details), log: false };
  if (error instanceof Error) {
    // SQLite's one writer is busy (a long import file is being written): retryable, not a fault.
    if ((error as { code?: unknown }).code === 'SQLITE_BUSY') {
      return { status: 503, body: body('busy', 'The database is busy writing an import; try again in a moment'), log: false };
    }
    const framework = frameworkResponse(error);
    if (framework !== null) return framework;
  }
  return { status: 500, body: body('internal', 'Something went wrong on the server; the error has been logged'), log: true };
}
