import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseCurrencyCode } from './currency.ts';
import {
  addMoney,
  allocateMoney,
  convertMoney,
  formatMoney,
  money,
  multiplyMoney,
  parseMoney,
  subtractMoney,
  sumMoney,
  zero,
} from './money.ts';
import { errorCodeOf } from '../testing/error-code-of.ts';

const USD = parseCurrencyCode('USD');
const EUR = parseCurrencyCode('EUR');
const JPY = parseCurrencyCode('JPY');
const BHD = parseCurrencyCode('BHD');

describe('parseMoney', () => {
  it.each([
    ['1234', JPY, 1234],
    ['1234.56', USD, 123456],
    ['1.5', USD, 150],
    ['-0.5', USD, -50],
    ['.25', USD, 25],
    ['7.', USD, 700],
    ['+3', USD, 300],
    ['  12.30  ', USD, 1230],
    ['1.500', USD, 150],
    ['1.234', BHD, 1234],
    ['0.001', BHD, 1],
    ['90071992547409.91', USD, Number.MAX_SAFE_INTEGER],
  ])('reads "%s" %s as %d minor units', (text, currency, minor) => {
    expect(parseMoney(text, currency)).toEqual({ minor, currency });
  });

  it.each([
    ['1.5', JPY],
    ['1.001', USD],
    ['1.0001', BHD],
    ['1.000000000000000000001', USD],
  ])('rejects "%s" for %s because it has more decimals than the currency', (text, currency) => {
    expect(errorCodeOf(() => parseMoney(text, currency))).toBe('invalid_money');
  });

  it.each(['1e3', 'NaN', 'Infinity', '', ' ', '1,000.00', '$5', '0x10', '--1', '1.2.3', '.'])(
    'rejects "%s" because it is not a plain decimal',
    (text) => {
      expect(errorCodeOf(() => parseMoney(text, USD))).toBe('invalid_money');
    },
  );

  it.each([
    ['9007199254740992', JPY],
    ['90071992547409.92', USD],
    ['-90071992547409.92', USD],
    ['9'.repeat(400), USD],
  ])('rejects "%s" %s because it leaves the safe integer range', (text, currency) => {
    expect(errorCodeOf(() => parseMoney(text, currency))).toBe('invalid_money');
  });

  it.each([
    ['1.005', USD, 101],
    ['1.004', USD, 100],
    ['-1.005', USD, -101],
    ['2.5', JPY, 3],
    ['-2.5', JPY, -3],
    ['0.0005', BHD, 1],
    ['0.124999999999999999999999', USD, 12],
    ['-0.001', USD, 0],
  ])('rounds "%s" %s half-up, away from zero, to %d when asked', (text, currency, minor) => {
    expect(parseMoney(text, currency, 'half-up')).toEqual({ minor, currency });
  });

  it('never returns negative zero', () => {
    expect(Object.is(parseMoney('-0.00', USD).minor, 0)).toBe(true);
  });
});

describe('formatMoney', () => {
  it.each([
    [123456, USD, '1234.56'],
    [-350, USD, '-3.50'],
    [5, USD, '0.05'],
    [0, USD, '0.00'],
    [-3, JPY, '-3'],
    [125, BHD, '0.125'],
    [Number.MAX_SAFE_INTEGER, USD, '90071992547409.91'],
  ])('writes %d minor units of %s as "%s"', (minor, currency, text) => {
    expect(formatMoney(money(minor, currency))).toBe(text);
  });

  it('round-trips with parseMoney for every safe amount', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger(), fc.constantFrom(JPY, USD, BHD), (minor, currency) => {
        expect(parseMoney(formatMoney(money(minor, currency)), currency)).toEqual(money(minor, currency));
      }),
    );
  });
});

describe('money arithmetic', () => {
  it('refuses minor units that are not safe integers', () => {
    expect(errorCodeOf(() => money(1.5, USD))).toBe('invalid_money');
    expect(errorCodeOf(() => money(Number.MAX_SAFE_INTEGER + 1, USD))).toBe('invalid_money');
  });

  it('adds, subtracts and sums amounts of one currency', () => {
    expect(addMoney(money(150, USD), money(275, USD))).toEqual(money(425, USD));
    expect(subtractMoney(money(150, USD), money(275, USD))).toEqual(money(-125, USD));
    expect(sumMoney([money(1, USD), money(2, USD), money(3, USD)], USD)).toEqual(money(6, USD));
    expect(sumMoney([], EUR)).toEqual(zero(EUR));
  });

  it('refuses to combine two currencies', () => {
    expect(errorCodeOf(() => addMoney(money(1, USD), money(1, EUR)))).toBe('currency_mismatch');
  });

  it('refuses a sum that leaves the safe range', () => {
    expect(errorCodeOf(() => addMoney(money(Number.MAX_SAFE_INTEGER, USD), money(1, USD)))).toBe('invalid_money');
  });
});

describe('multiplyMoney', () => {
  it.each([
    [1000, '0.15', 150],
    [333, '0.5', 167],
    [-333, '0.5', -167],
    [1, '0.4999999999999999999999', 0],
    [100, 3, 300],
    [1999, '1e-1', 200],
  ])('multiplies %d minor units by %s and rounds half-up to %d', (minor, factor, expected) => {
    expect(multiplyMoney(money(minor, USD), factor)).toEqual(money(expected, USD));
  });

  it('refuses a fractional number factor, which would carry a binary float', () => {
    expect(errorCodeOf(() => multiplyMoney(money(100, USD), 0.1))).toBe('invalid_money');
  });

  it('refuses a factor that is not a number', () => {
    expect(errorCodeOf(() => multiplyMoney(money(100, USD), 'ten'))).toBe('invalid_money');
  });
});

describe('allocateMoney', () => {
  it.each([
    [100, [1, 1, 1], [34, 33, 33]],
    [-100, [1, 1, 1], [-34, -33, -33]],
    [5, ['0.5', '0.5'], [3, 2]],
    [10, [7000, 3000], [7, 3]],
    [1, [0, 1], [0, 1]],
    [101, [1, 2, 2], [20, 41, 40]],
  ])('splits %d by weights %j into %j', (minor, weights, expected) => {
    expect(allocateMoney(money(minor, USD), weights).map((m) => m.minor)).toEqual(expected);
  });

  it('refuses no weights, negative weights and weights summing to zero', () => {
    expect(errorCodeOf(() => allocateMoney(money(100, USD), []))).toBe('invalid_money');
    expect(errorCodeOf(() => allocateMoney(money(100, USD), [1, -1, 1]))).toBe('invalid_money');
    expect(errorCodeOf(() => allocateMoney(money(100, USD), [0, '0.0']))).toBe('invalid_money');
    expect(errorCodeOf(() => allocateMoney(money(100, USD), ['abc']))).toBe('invalid_money');
  });

  it('always returns parts that sum exactly to the whole, each within one unit of its share', () => {
    fc.assert(
      fc.property(
        fc.maxSafeInteger(),
        fc.array(fc.nat({ max: 1_000_000 }), { minLength: 1, maxLength: 12 }).filter((ws) => ws.some((w) => w > 0)),
        (minor, weights) => {
          const parts = allocateMoney(money(minor, USD), weights);
          const total = weights.reduce((a, b) => a + b, 0);
          expect(parts.reduce((sum, p) => sum + BigInt(p.minor), 0n)).toBe(BigInt(minor));
          parts.forEach((part, i) => {
            const share = (BigInt(Math.abs(minor)) * BigInt(weights[i]!)) / BigInt(total);
            const size = BigInt(Math.abs(part.minor));
            expect(size === share || size === share + 1n).toBe(true);
          });
        },
      ),
    );
  });
});

describe('convertMoney', () => {
  // Rates are quoted the Salesforce way: units of the source currency per one unit of the target.
  it.each([
    [JPY, 1000, USD, '150', 667],
    [JPY, 100, USD, '150', 67],
    [EUR, 1000, USD, '0.9', 1111],
    [EUR, -1000, USD, '0.9', -1111],
    [USD, 100, JPY, '0.0066666', 150],
    [BHD, 1000, USD, '0.376', 266],
    [USD, 100, BHD, '2.6595744', 376],
    [EUR, 1, USD, '2', 1],
    [EUR, -1, USD, '2', -1],
    [EUR, 3, USD, '2', 2],
  ])('converts %s %d minor units to %s at %s as %d minor units', (from, minor, to, rate, expected) => {
    expect(convertMoney(money(minor, from), to, rate)).toEqual(money(expected, to));
  });

  it('returns the amount unchanged when the currencies match', () => {
    expect(convertMoney(money(123, USD), USD, '999')).toEqual(money(123, USD));
  });

  it('refuses a result outside the safe range', () => {
    expect(errorCodeOf(() => convertMoney(money(Number.MAX_SAFE_INTEGER, EUR), USD, '0.5'))).toBe('invalid_money');
  });

  it.each(['0', '-1', 'abc', 'NaN', 'Infinity', ''])('refuses the rate "%s"', (rate) => {
    expect(errorCodeOf(() => convertMoney(money(100, EUR), USD, rate))).toBe('invalid_rate');
  });

  it('is the exact half-up quotient for any amount and rate', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e11, max: 1e11 }), fc.integer({ min: 1, max: 10_000_000 }), (minor, rateTenThousandths) => {
        const rate = (rateTenThousandths / 10_000).toFixed(4);
        const converted = convertMoney(money(minor, EUR), USD, rate).minor;
        // Within half a cent of the exact quotient minor / (r / 10000) = minor * 10000 / r.
        const twiceError = 2n * (BigInt(converted) * BigInt(rateTenThousandths) - BigInt(minor) * 10_000n);
        expect(twiceError <= BigInt(rateTenThousandths) && twiceError >= -BigInt(rateTenThousandths)).toBe(true);
      }),
    );
  });
});
