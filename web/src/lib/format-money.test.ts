import { describe, expect, it } from 'vitest';
import { formatMoney, minorToDecimalString, parseMoneyInput } from './format-money.ts';

// Intl separates a currency code from the number with a no-break space.
const NBSP = '\u00a0';

describe('formatMoney', () => {
  it('formats US dollars from cents with two decimals', () => {
    expect(formatMoney({ minor: 123456, currency: 'USD' }, 'en-US')).toBe('$1,234.56');
  });

  it('formats yen from whole yen with no decimals', () => {
    expect(formatMoney({ minor: 123456, currency: 'JPY' }, 'en-US')).toBe('¥123,456');
  });

  it('formats Kuwaiti dinars from fils with three decimals', () => {
    expect(formatMoney({ minor: 1234567, currency: 'KWD' }, 'en-US')).toBe(`KWD${NBSP}1,234.567`);
  });

  it('keeps every cent of the largest safe amount, where dividing by 100 as a float would not', () => {
    expect(formatMoney({ minor: Number.MAX_SAFE_INTEGER, currency: 'USD' }, 'en-US')).toBe('$90,071,992,547,409.91');
  });

  it('formats a negative amount below one unit', () => {
    expect(formatMoney({ minor: -5, currency: 'USD' }, 'en-US')).toBe('-$0.05');
  });
});

describe('minorToDecimalString', () => {
  it('pads fractions with leading zeros', () => {
    expect(minorToDecimalString(7, 3)).toBe('0.007');
  });

  it('refuses amounts that are not whole minor units', () => {
    expect(() => minorToDecimalString(1.5, 2)).toThrow(RangeError);
  });
});

describe('parseMoneyInput', () => {
  it('reads major units with thousands separators as minor units', () => {
    expect(parseMoneyInput('1,234.5', 'USD')).toBe(123450);
  });

  it('refuses more decimals than the currency has', () => {
    expect(parseMoneyInput('10.5', 'JPY')).toBeNull();
  });

  it('refuses amounts beyond the safe integer range', () => {
    expect(parseMoneyInput('90071992547409.92', 'USD')).toBeNull();
  });

  it('refuses text that is not an amount', () => {
    expect(parseMoneyInput('12abc', 'USD')).toBeNull();
  });
});
