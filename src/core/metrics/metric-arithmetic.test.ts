import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { divideHalfUp, median, ratioOrNull, sharesInBps, sumMinor } from './metric-arithmetic.ts';
import { errorCodeOf } from '../testing/error-code-of.ts';

describe('median', () => {
  it.each([
    [[], null],
    [[7], 7],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 11], 10.5],
  ])('of %j is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('divideHalfUp', () => {
  it.each([
    [5n, 2n, 3n],
    [-5n, 2n, -3n],
    [7n, 3n, 2n],
    [8n, 3n, 3n],
  ])('rounds %s ÷ %s to %s', (numerator, denominator, expected) => {
    expect(divideHalfUp(numerator, denominator)).toBe(expected);
  });
});

describe('ratioOrNull', () => {
  it('has no ratio when dividing by zero', () => {
    expect(ratioOrNull(0, 0)).toBeNull();
  });
});

describe('sumMinor', () => {
  it('refuses an amount that is not a whole number of minor units', () => {
    expect(errorCodeOf(() => sumMinor([1.5], 'test'))).toBe('invalid_money');
  });
});

describe('sharesInBps', () => {
  it('has no shares when the weights sum to zero', () => {
    expect(sharesInBps([0, 0])).toBeNull();
  });

  it('always has shares that sum to exactly 10000 bps', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), { minLength: 1, maxLength: 30 }), (weights) => {
        fc.pre(weights.some((w) => w > 0));
        expect(sharesInBps(weights)?.reduce((a, b) => a + b, 0)).toBe(10_000);
      }),
    );
  });
});
