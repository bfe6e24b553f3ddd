/**
 * The one way the web app talks to the salesops HTTP API: JSON in and out, cookie sign-in, the
 * CSRF header on every request that changes something, and the API's error body turned into an
 * HttpError carrying the server's code and message (shown to people as written).
 */
import type { ErrorBody } from '../../../src/contracts/common.ts';

export class HttpError extends Error {
  constructor(
    /** HTTP status; 0 when the server could not be reached at all. */
    readonly status: number,
    /** The API's error code (not_found, forbidden, throttled...), or `http_<status>` without a body. */
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> | undefined = undefined,
    /** Seconds to wait before trying again, from Retry-After or the error details, when the server said. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export function isHttpError(error: unknown, status?: number): error is HttpError {
  return error instanceof HttpError && (status === undefined || error.status === status);
}

/** A message for any failure, for showing to people. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}

let csrfToken: string | null = null;
let unauthenticatedHandler: (() => void) | null = null;

/** The token from GET /api/auth/me or the sign-in answer; sent back as X-CSRF-Token on mutations. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when any request is answered 401 (the sign-in session ended): the app goes to /sign-in. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  unauthenticatedHandler = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

/** `?a=1&b=x` from the values that are set; empty strings, null and undefined are left out. */
export function queryString(params: Readonly<Record<string, QueryValue>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

interface RequestOptions {
  readonly json?: unknown;
  readonly form?: FormData;
  readonly signal?: AbortSignal;
  /** Sign-in and the first "who am I" expect 401 and handle it themselves. */
  readonly expectUnauthenticated?: boolean;
}

function retryAfterOf(response: Response, details: Readonly<Record<string, unknown>> | undefined): number | null {
  const header = response.headers.get('Retry-After');
  if (header !== null && /^\d+$/.test(header.trim())) return Number(header.trim());
  const fromDetails = details?.['retryAfterSeconds'];
  return typeof fromDetails === 'number' && Number.isFinite(fromDetails) ? fromDetails : null;
}

function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error: unknown = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && 'message' in error &&
    typeof error.code === 'string' && typeof error.message === 'string';
}

async function errorOf(response: Response): Promise<HttpError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page, an empty body): fall back to the status below.
  }
  if (isErrorBody(body)) {
    const { code, message, details } = body.error;
    return new HttpError(response.status, code, message, details, retryAfterOf(response, details));
  }
  const message = response.status >= 500 ? `The server failed (HTTP ${response.status}). Try again in a moment.` : `The request was refused (HTTP ${response.status}).`;
  return new HttpError(response.status, `http_${response.status}`, message, undefined, retryAfterOf(response, undefined));
}

/**
 * Sends one request and returns the parsed JSON answer (undefined for 204). Payload types come from
 * src/contracts; the server validates its answers against the same schemas, so they are not
 * parsed again here (that would ship zod to every browser).
 */
export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.form !== undefined) {
    body = options.form; // the browser sets the multipart boundary itself
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken !== null) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, { method, headers, body, credentials: 'same-origin', signal: options.signal ?? null });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new HttpError(0, 'unreachable', 'Could not reach the salesops server. Check the connection and try again.');
  }
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401 && options.expectUnauthenticated !== true) unauthenticatedHandler?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

export function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  return request<T>('GET', path, signal === undefined ? {} : { signal });
}

export function sendJson<T>(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, json?: unknown): Promise<T> {
  return request<T>(method, path, json === undefined ? {} : { json });
}

export function sendForm<T>(path: string, form: FormData): Promise<T> {
  return request<T>('POST', path, { form });
}
