import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url (43 characters): the session token, CSRF token and API token secret body. */
export function newSecretToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * SHA-256 of a token, hex: what the database keeps in place of a session token or API secret. A
 * plain hash is enough here (no salt, no stretching): the tokens carry 256 random bits, so there is
 * nothing to guess, and a lookup by hash must stay a single indexed read.
 */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
