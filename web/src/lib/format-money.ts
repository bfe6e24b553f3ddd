/**
 * Money arrives from the API as integer minor units with an ISO 4217 currency. It is shown by
 * writing the minor units out as an exact decimal string (JPY 0 digits, USD 2, KWD 3) and handing
 * that string to Intl.NumberFormat, so no binary float ever carries the amount, even past 2^53 / 100.
 */
import { currencyExponent, isCurrencyCode } from '../../../src/core/shared/currency.ts';

export interface MinorAmount {
  readonly minor: number;
  readonly currency: string;
}

/** Digits after the decimal point: salesops' own table first, then the browser's for codes it lacks. */
export function exponentOf(currency: string): number {
  if (isCurrencyCode(currency)) return currencyExponent(currency);
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** 123456 with exponent 2 -> "1234.56"; -5 with exponent 3 -> "-0.005". Exact for any safe integer. */
export function minorToDecimalString(minor: number, exponent: number): `${number}` {
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Not a whole number of minor units: ${minor}`);
  const sign = minor < 0 ? '-' : '';
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  if (exponent === 0) return `${sign}${digits}` as `${number}`;
  return `${sign}${digits.slice(0, -exponent)}.${digits.slice(-exponent)}` as `${number}`;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: string, locale: string | undefined, exponent: number): Intl.NumberFormat {
  const key = `${locale ?? ''}|${currency}`;
  let formatter = formatters.get(key);
  if (formatter === undefined) {
    formatter = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      minimumFractionDigits: exponent,
      maximumFractionDigits: exponent,
    });
    formatters.set(key, formatter);
  }
  return formatter;
}

/** "$1,234.56" for { minor: 123456, currency: 'USD' } in en-US; the locale defaults to the browser's. */
export function formatMoney(amount: MinorAmount, locale?: string): string {
  const exponent = exponentOf(amount.currency);
  return formatterFor(amount.currency, locale, exponent).format(minorToDecimalString(amount.minor, exponent));
}

/**
 * Reads an amount typed in major units ("1,234.56", "1234", "0.5") as minor units for the
 * currency; thousands separators (comma, space, apostrophe) are ignored. Returns null when the
 * text is not an amount, has more decimals than the currency allows, or is beyond the safe range.
 */
export function parseMoneyInput(text: string, currency: string): number | null {
  const cleaned = text.trim().replace(/[\s,'\u00a0\u202f]/g, '');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(cleaned);
  if (match === null) return null;
  const exponent = exponentOf(currency);
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (fraction.length > exponent) return null;
  const digits = `${whole}${fraction.padEnd(exponent, '0')}`.replace(/^0+(?=\d)/, '');
  // Compare as text first: Number() of a long digit string would round before the check could see it.
  const max = String(Number.MAX_SAFE_INTEGER);
  if (digits.length > max.length || (digits.length === max.length && digits > max)) return null;
  return Number(digits);
}
