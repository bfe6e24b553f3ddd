import { randomFillSync } from 'node:crypto';
import { ID_PREFIXES, type IdKind } from '../core/shared/ids.ts';

// Crockford base32: no I, L, O or U, so ids read aloud and copied by hand survive.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 16;
// One call to the system's random source per 4,096 ids: a call per id cost a large import ~6 %.
const pool = Buffer.alloc(RANDOM_CHARS * 4096);
let poolOffset = pool.length;

function encodeTime(ms: number): string {
  let text = '';
  let rest = ms;
  for (let i = 0; i < 10; i += 1) {
    text = (ALPHABET[rest % 32] ?? '0') + text;
    rest = Math.floor(rest / 32);
  }
  return text;
}

let lastMs = -1;
let lastTime = '';

/**
 * A new id of the kind: its prefix and a ULID-style body (`opp_01JD3…`): 10 characters of
 * millisecond time then 16 random ones (80 bits), so ids sort roughly by creation.
 */
export function newId(kind: IdKind): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastTime = encodeTime(now);
  }
  if (poolOffset + RANDOM_CHARS > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  let body = lastTime;
  for (let i = poolOffset; i < poolOffset + RANDOM_CHARS; i += 1) body += ALPHABET[(pool[i] ?? 0) & 31] ?? '0';
  poolOffset += RANDOM_CHARS;
  return `${ID_PREFIXES[kind]}_${body}`;
}
