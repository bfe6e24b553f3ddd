import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt (RFC 7914). The stored form names its own parameters,
 * `scrypt$N$r$p$salt$hash` (salt and hash base64url), so the cost can be raised later without
 * invalidating the hashes already stored.
 */

/** 2^15 rounds with r = 8 take about 130 ms and 32 MiB on one core: slow for a guesser, fine for a sign-in. */
const COST_N = 2 ** 15;
const BLOCK_SIZE_R = 8;
const PARALLELISM_P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** scrypt needs 128 * N * r bytes (32 MiB here); Node's default ceiling is exactly 32 MiB, so it is raised. */
const MAX_MEMORY_BYTES = 2 * 128 * COST_N * BLOCK_SIZE_R;
/** Limits on parameters read back from the database, so a corrupt row cannot make a sign-in run for minutes. */
const MAX_COST_N = 2 ** 20;
const MAX_BLOCK_SIZE_R = 32;
const MAX_PARALLELISM_P = 16;

function derive(password: string, salt: Buffer, keyBytes: number, options: ScryptOptions): Promise<Buffer> {
  // NFC: the same password typed on systems that compose accented letters differently still matches.
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyBytes, options, (error, key) => (error === null ? resolve(key) : reject(error)));
  });
}

/** A new salted hash of the password, in the stored form. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, { N: COST_N, r: BLOCK_SIZE_R, p: PARALLELISM_P, maxmem: MAX_MEMORY_BYTES });
  return ['scrypt', COST_N, BLOCK_SIZE_R, PARALLELISM_P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface ParsedHash {
  readonly n: number;
  readonly r: number;
  readonly p: number;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const key = Buffer.from(parts[5] ?? '', 'base64url');
  const powerOfTwo = Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;
  if (!powerOfTwo || n > MAX_COST_N) return null;
  if (!Number.isInteger(r) || r < 1 || r > MAX_BLOCK_SIZE_R || !Number.isInteger(p) || p < 1 || p > MAX_PARALLELISM_P) return null;
  if (salt.length < 8 || key.length < 16) return null;
  return { n, r, p, salt, key };
}

/** Whether the password matches the stored hash; false for a hash that is not in the stored form. */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parsed = parseHash(hash);
  if (parsed === null) return false;
  const key = await derive(password, parsed.salt, parsed.key.length, {
    N: parsed.n,
    r: parsed.r,
    p: parsed.p,
    maxmem: Math.max(MAX_MEMORY_BYTES, 2 * 128 * parsed.n * parsed.r),
  });
  return timingSafeEqual(key, parsed.key);
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the time one verification takes, then answers false. Sign-in calls it for an unknown
 * email, an inactive user or a user without a password, so the response time does not tell which
 * emails belong to users.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword(randomBytes(SALT_BYTES).toString('base64url'));
  await verifyPassword(password, await dummyHash);
  return false;
}
