import { describe, expect, it } from 'vitest';
import { fixedJsonBody } from './peer-server.ts';

describe('fixedJsonBody', () => {
  it('is a JSON object of exactly the size asked for', () => {
    for (const bytes of [14, 15, 1_000, 23_456]) {
      const body = fixedJsonBody(bytes);
      expect(body.length).toBe(bytes);
      expect(JSON.parse(body.toString('utf8'))).toEqual({ padding: 'x'.repeat(bytes - 14) });
    }
  });
});
