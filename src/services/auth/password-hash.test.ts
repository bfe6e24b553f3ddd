import { describe, expect, it } from 'vitest';
import { hashPassword, verifyAgainstDummy, verifyPassword } from './password-hash.ts';

async function millisecondsOf(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

describe('password hashing', () => {
  it('verifies the password a hash was made from', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', hash)).toBe(true);
  });

  it('rejects any other password', async () => {
    const hash = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery stapler', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('stores scrypt with its parameters, a 16-byte salt and a 32-byte key, base64url', async () => {
    const hash = await hashPassword('pässwörd with accents');
    const [scheme, n, r, p, salt, key] = hash.split('$');
    expect([scheme, n, r, p]).toEqual(['scrypt', '32768', '8', '1']);
    expect(Buffer.from(salt ?? '', 'base64url')).toHaveLength(16);
    expect(Buffer.from(key ?? '', 'base64url')).toHaveLength(32);
    expect(hash).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/);
  });

  it('salts every hash, so the same password never hashes the same twice', async () => {
    expect(await hashPassword('same password here')).not.toBe(await hashPassword('same password here'));
  });

  it('answers false for a stored value that is not a hash in the stored form', async () => {
    expect(await verifyPassword('anything', 'plain-text-password')).toBe(false);
    expect(await verifyPassword('anything', 'scrypt$3$8$1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5')).toBe(false);
    expect(await verifyPassword('anything', `scrypt$${2 ** 24}$8$1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5`)).toBe(false);
  });

  it('spends about as long on a dummy verification as on a real one, and answers false', async () => {
    const hash = await hashPassword('correct horse battery staple');
    await verifyAgainstDummy('warm up');
    const real: number[] = [];
    const dummy: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      real.push(await millisecondsOf(() => verifyPassword('a guess', hash)));
      dummy.push(await millisecondsOf(() => verifyAgainstDummy('a guess')));
    }
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[1] ?? 0;
    // Loose bounds: the point is that an unknown email is not answered in a fraction of the time.
    expect(median(dummy)).toBeGreaterThan(median(real) * 0.4);
    expect(await verifyAgainstDummy('a guess')).toBe(false);
  });
});
