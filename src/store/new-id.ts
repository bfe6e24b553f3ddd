import { randomBytes } from 'node:crypto';
import { ID_PREFIXES, type IdKind } from '../core/shared/ids.ts';

// Crockford base32: no I, L, O or U, so ids read aloud and copied by hand survive.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function encodeTime(ms: number): string {
  let text = '';
  let rest = ms;
  for (let i = 0; i < 10; i += 1) {
    text = (ALPHABET[rest % 32] ?? '0') + text;
    rest = Math.floor(rest / 32);
  }
  return text;
}

/**
 * A new id of the kind: its prefix and a ULID-style body (`opp_01JD3…`): 10 characters of
 * millisecond time then 16 random ones (80 bits), so ids sort roughly by creation.
 */
export function newId(kind: IdKind): string {
  const random = randomBytes(16);
  let body = encodeTime(Date.now());
  for (const byte of random) body += ALPHABET[byte % 32] ?? '0';
  return `${ID_PREFIXES[kind]}_${body}`;
}
