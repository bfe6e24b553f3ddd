import { describe, it, expect } from 'vitest';
import { currencyExponent, isCurrencyCode, knownCurrencyCodes, parseCurrencyCode, type CurrencyCode } from './currency.ts';
import { errorCodeOf } from '../testing/error-code-of.ts';

describe('parseCurrencyCode', () => {
  it.each([
    ['USD', 'USD'],
    ['usd', 'USD'],
    [' eur ', 'EUR'],
    ['Jpy', 'JPY'],
  ])('reads "%s" as %s', (text, code) => {
    expect(parseCurrencyCode(text)).toBe(code);
  });

  it.each(['', 'US', 'USDX', 'XYZ', 'dollar', 'toString', '__proto__', 'constructor'])('rejects "%s" as unknown', (text) => {
    expect(errorCodeOf(() => parseCurrencyCode(text))).toBe('unknown_currency');
  });
});

describe('isCurrencyCode', () => {
  it('accepts only upper-case known codes', () => {
    expect(isCurrencyCode('GBP')).toBe(true);
    expect(isCurrencyCode('gbp')).toBe(false);
    expect(isCurrencyCode('hasOwnProperty')).toBe(false);
  });
});

describe('currencyExponent', () => {
  it.each([
    ['JPY', 0],
    ['KRW', 0],
    ['CLP', 0],
    ['ISK', 0],
    ['USD', 2],
    ['EUR', 2],
    ['GBP', 2],
    ['BHD', 3],
    ['KWD', 3],
    ['OMR', 3],
    ['TND', 3],
  ])('gives %s %d decimals', (code, exponent) => {
    expect(currencyExponent(parseCurrencyCode(code))).toBe(exponent);
  });

  it('refuses a code that only pretends to be a currency', () => {
    expect(errorCodeOf(() => currencyExponent('toString' as CurrencyCode))).toBe('unknown_currency');
  });
});

describe('knownCurrencyCodes', () => {
  it('lists only three-letter upper-case codes with exponents 0, 2 or 3', () => {
    const codes = knownCurrencyCodes();
    expect(codes.length).toBeGreaterThan(100);
    for (const code of codes) {
      expect(code).toMatch(/^[A-Z]{3}$/);
      expect([0, 2, 3]).toContain(currencyExponent(code));
    }
  });
});
