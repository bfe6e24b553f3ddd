import { describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../core/shared/currency.ts';
import {
  excelSerialToDate,
  parseBoolean,
  parseCurrencyValue,
  parseDate,
  parseDecimal,
  parseForecastCategoryValue,
  parseInteger,
  parseMoneyValue,
  parsePercentBps,
  parseRate,
  parseTimestamp,
  type NumberStyle,
  type Parsed,
} from './value-parsers.ts';

const US: NumberStyle = { locale: 'us', plainNumbers: false };
const EU: NumberStyle = { locale: 'eu', plainNumbers: false };
const EU_API: NumberStyle = { locale: 'eu', plainNumbers: true };
const USD = 'USD' as CurrencyCode;
const EUR = 'EUR' as CurrencyCode;

function value<T>(result: Parsed<T>): T | { reason: string } {
  return result.ok ? result.value : { reason: result.reason };
}

function reasonOf<T>(result: Parsed<T>): string {
  return result.ok ? `parsed as ${JSON.stringify(result.value)}` : result.reason;
}

describe('parseDate', () => {
  it.each([
    ['2025-07-04', 'mdy', '2025-07-04'],
    ['  2025-07-04 ', 'mdy', '2025-07-04'],
    ['2025-7-4', 'mdy', '2025-07-04'],
    ['2025-07-04T10:15:00.000+0000', 'mdy', '2025-07-04'],
    ['2025-07-04 23:59:59', 'dmy', '2025-07-04'],
    ['7/4/2025', 'mdy', '2025-07-04'],
    ['07/04/2025', 'mdy', '2025-07-04'],
    ['7/4/2025 10:15 AM', 'mdy', '2025-07-04'],
    ['4/7/2025', 'dmy', '2025-07-04'],
    ['4.7.2025', 'dmy', '2025-07-04'],
    ['04.07.2025', 'mdy', '2025-07-04'],
    ['2025/07/04', 'mdy', '2025-07-04'],
    ['2024-02-29', 'mdy', '2024-02-29'],
    ['45842', 'mdy', '2025-07-04'],
    ['61', 'mdy', '1900-03-01'],
    ['59', 'mdy', '1900-02-28'],
    ['1', 'mdy', '1900-01-01'],
  ] as const)('reads %j (%s) as %s', (text, order, expected) => {
    expect(value(parseDate(text, order))).toBe(expected);
  });

  it.each([
    ['2025-02-30', 'is not a real date'],
    ['2023-02-29', 'is not a real date'],
    ['13/1/2025', 'is not a real date'],
    ['7/4/25', 'four-digit year'],
    ['60', 'never existed'],
    ['0', 'not an Excel date serial'],
    ['20250704', 'not an Excel date serial'],
    ['July 4, 2025', 'is not a date'],
    ['2025-07-04T25:00', 'unreadable time'],
  ])('rejects %j', (text, reason) => {
    expect(reasonOf(parseDate(text, 'mdy'))).toContain(reason);
  });

  it('reads slash dates day first in the eu order and month first in the us order', () => {
    expect(value(parseDate('1/2/2025', 'mdy'))).toBe('2025-01-02');
    expect(value(parseDate('1/2/2025', 'dmy'))).toBe('2025-02-01');
  });
});

describe('excelSerialToDate', () => {
  it('counts serial 61 as 1900-03-01 because of the phantom 1900-02-29', () => {
    expect(value(excelSerialToDate(61))).toBe('1900-03-01');
  });

  it('rejects serial 60, the phantom 1900-02-29', () => {
    expect(excelSerialToDate(60).ok).toBe(false);
  });
});

describe('parseTimestamp', () => {
  it.each([
    ['2025-07-04T10:15:00.000+0000', 'mdy', '2025-07-04T10:15:00.000Z'],
    ['2025-07-04T10:15:00Z', 'mdy', '2025-07-04T10:15:00.000Z'],
    ['2025-07-04T12:15:00+02:00', 'mdy', '2025-07-04T10:15:00.000Z'],
    ['2025-07-04T01:00:00.000+0200', 'mdy', '2025-07-03T23:00:00.000Z'],
    ['2025-07-04 10:15:00', 'mdy', '2025-07-04T10:15:00.000Z'],
    ['2025-07-04 10:15', 'mdy', '2025-07-04T10:15:00.000Z'],
    ['7/4/2025 10:15 AM', 'mdy', '2025-07-04T10:15:00.000Z'],
    ['7/4/2025 12:05 AM', 'mdy', '2025-07-04T00:05:00.000Z'],
    ['7/4/2025 1:30 PM', 'mdy', '2025-07-04T13:30:00.000Z'],
    ['4.7.2025 22:15', 'dmy', '2025-07-04T22:15:00.000Z'],
    ['2025-07-04', 'mdy', '2025-07-04T00:00:00.000Z'],
    ['45842.5', 'mdy', '2025-07-04T12:00:00.000Z'],
  ] as const)('reads %j (%s) as %s', (text, order, expected) => {
    expect(value(parseTimestamp(text, order))).toBe(expected);
  });

  it.each(['2025-07-04T24:00:00Z', '7/4/2025 13:00 PM', '2025-02-30T10:00:00Z', 'yesterday'])('rejects %j', (text) => {
    expect(parseTimestamp(text, 'mdy').ok).toBe(false);
  });
});

describe('parseDecimal', () => {
  it.each([
    ['1234.56', US, '1234.56'],
    ['1,234.56', US, '1234.56'],
    ['1,234,567', US, '1234567'],
    ['-12.50', US, '-12.5'],
    ['(12.5)', US, '-12.5'],
    ['007', US, '7'],
    ['.5', US, '0.5'],
    ['1.234,56', EU, '1234.56'],
    ['1 234,56', EU, '1234.56'],
    ['1234,5', EU, '1234.5'],
    ['1.234', EU, '1234'],
    ['1.234', EU_API, '1.234'],
    ['1.234,5', EU_API, '1234.5'],
  ] as const)('reads %j as %s', (text, style, expected) => {
    expect(value(parseDecimal(text, style))).toBe(expected);
  });

  it.each([
    ['NaN', 'is not a number'],
    ['Infinity', 'is not a number'],
    ['-inf', 'is not a number'],
    ['1e3', 'exponent notation'],
    ['1e309', 'exponent notation'],
    ['1,23.4', 'is not a number'],
    ['1.234,56', 'is not a number'],
    ['--5', 'two minus signs'],
    ['$5', 'not a plain number'],
    ['abc', 'is not a number'],
  ])('rejects %j in the us locale', (text, reason) => {
    expect(reasonOf(parseDecimal(text, US))).toContain(reason);
  });
});

describe('parseInteger', () => {
  it('reads thousand separators', () => {
    expect(value(parseInteger('1,200', US))).toBe(1200);
  });

  it('rejects fractions', () => {
    expect(parseInteger('12.5', US).ok).toBe(false);
  });

  it('rejects values beyond the safe integer range', () => {
    expect(reasonOf(parseInteger('9007199254740993', US))).toContain('too large');
  });
});

describe('parseMoneyValue', () => {
  it.each([
    ['1234.56', US, null, USD, { minor: 123456, currency: 'USD' }],
    ['USD 1,234.56', US, null, EUR, { minor: 123456, currency: 'USD' }],
    ['1.234,56 EUR', EU, null, USD, { minor: 123456, currency: 'EUR' }],
    ['EUR 12.500,00', EU, null, USD, { minor: 1250000, currency: 'EUR' }],
    ['$1,234.56', US, null, USD, { minor: 123456, currency: 'USD' }],
    ['$99', US, 'CAD', USD, { minor: 9900, currency: 'CAD' }],
    ['€5', US, null, USD, { minor: 500, currency: 'EUR' }],
    ['1.234,56 €', EU, null, USD, { minor: 123456, currency: 'EUR' }],
    ['£40,000.00', US, null, USD, { minor: 4000000, currency: 'GBP' }],
    ['¥1500', US, null, USD, { minor: 1500, currency: 'JPY' }],
    ['(1,234.56)', US, null, USD, { minor: -123456, currency: 'USD' }],
    ['-$5.00', US, null, USD, { minor: -500, currency: 'USD' }],
    ['USD -5', US, null, USD, { minor: -500, currency: 'USD' }],
    ['1500', US, 'JPY', USD, { minor: 1500, currency: 'JPY' }],
    ['1.5', US, 'BHD', USD, { minor: 1500, currency: 'BHD' }],
    ['12.5', EU_API, null, EUR, { minor: 1250, currency: 'EUR' }],
    ['90071992547409.91', US, null, USD, { minor: 9007199254740991, currency: 'USD' }],
  ] as const)('reads %j', (text, style, rowCurrency, defaultCurrency, expected) => {
    expect(value(parseMoneyValue(text, style, rowCurrency as CurrencyCode | null, defaultCurrency))).toEqual(expected);
  });

  it.each([
    ['NaN', 'is not a number'],
    ['Infinity', 'is not a number'],
    ['1e309', 'exponent notation'],
    ['1.5e3', 'exponent notation'],
    ['XYZ 100', 'Unknown currency code "XYZ"'],
    ['100 ABC', 'Unknown currency code "ABC"'],
    ['1.234', 'more than 2 decimals'],
    ['90071992547409.92', 'too large'],
    ['12345678901234567890', 'too large'],
    ['$', 'no number'],
  ])('rejects %j', (text, reason) => {
    expect(reasonOf(parseMoneyValue(text, US, null, USD))).toContain(reason);
  });

  it('rejects an amount whose code contradicts the row currency', () => {
    expect(reasonOf(parseMoneyValue('EUR 5', US, USD, USD))).toContain("row's currency is USD");
  });

  it('rejects a sign that cannot be the row currency', () => {
    expect(parseMoneyValue('€5', US, USD, USD).ok).toBe(false);
  });

  it('rejects yen with decimals because JPY has no minor unit', () => {
    expect(parseMoneyValue('1500.5', US, 'JPY' as CurrencyCode, USD).ok).toBe(false);
  });
});

describe('parsePercentBps', () => {
  it.each([
    ['20%', US, 2000],
    ['20', US, 2000],
    ['20 %', US, 2000],
    ['0.2', US, 20],
    ['12.5%', US, 1250],
    ['12,5 %', EU, 1250],
    ['100', US, 10000],
    ['0', US, 0],
  ] as const)('reads %j as %i basis points', (text, style, expected) => {
    expect(value(parsePercentBps(text, style))).toBe(expected);
  });

  it.each(['101%', '-5', '12.345', 'half'])('rejects %j', (text) => {
    expect(parsePercentBps(text, US).ok).toBe(false);
  });
});

describe('parseBoolean', () => {
  it.each([
    ['true', true], ['TRUE', true], ['1', true], ['yes', true], [' Yes ', true],
    ['false', false], ['FALSE', false], ['0', false], ['no', false],
  ] as const)('reads %j as %s', (text, expected) => {
    expect(value(parseBoolean(text))).toBe(expected);
  });

  it('rejects other words', () => {
    expect(parseBoolean('maybe').ok).toBe(false);
  });
});

describe('other values', () => {
  it('reads currency codes in any case', () => {
    expect(value(parseCurrencyValue(' eur '))).toBe('EUR');
  });

  it('rejects unknown currency codes', () => {
    expect(value(parseCurrencyValue('XYZ'))).toEqual({ reason: 'Unknown currency code "XYZ"' });
  });

  it('rejects a zero exchange rate', () => {
    expect(parseRate('0', US).ok).toBe(false);
  });

  it('reads Salesforce history\'s old "Forecast" category as commit', () => {
    expect(value(parseForecastCategoryValue('Forecast'))).toBe('commit');
    expect(value(parseForecastCategoryValue('BestCase'))).toBe('best_case');
  });
});
