import { Decimal } from 'decimal.js';
import { DomainError } from './domain-error.ts';
import { currencyExponent, type CurrencyCode } from './currency.ts';

/**
 * An amount of money: an integer count of the currency's minor units (cents for USD, yen for JPY,
 * fils for BHD). `minor` is always a safe integer; arithmetic that would leave the safe range throws.
 * No float ever carries money: decimals enter through strings and leave through `formatMoney`.
 */
export interface Money {
  readonly minor: number;
  readonly currency: CurrencyCode;
}

function assertSafeMinor(minor: number, context: string): number {
  if (!Number.isSafeInteger(minor)) {
    throw new DomainError('invalid_money', `${context}: ${minor} is not a whole number of minor units within the safe range`);
  }
  return minor;
}

export function money(minor: number, currency: CurrencyCode): Money {
  return { minor: assertSafeMinor(minor, 'money'), currency };
}

export function zero(currency: CurrencyCode): Money {
  return { minor: 0, currency };
}

/**
 * Parses a plain decimal string ("1234.56", "-0.5", "1e3" is refused) into minor units.
 * More decimals than the currency has are an error unless `rounding` is given, in which case the
 * value is rounded half-up (away from zero at .5) to the currency's precision.
 */
export function parseMoney(value: string, currency: CurrencyCode, rounding: 'reject' | 'half-up' = 'reject'): Money {
  const text = value.trim();
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) {
    throw new DomainError('invalid_money', `"${value}" is not a decimal amount`, { value });
  }
  const exponent = currencyExponent(currency);
  const scaled = new Decimal(text).times(new Decimal(10).pow(exponent));
  if (!scaled.isInteger() && rounding === 'reject') {
    throw new DomainError('invalid_money', `"${value}" has more than ${exponent} decimals for ${currency}`, { value, currency });
  }
  const rounded = scaled.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  if (rounded.abs().greaterThan(Number.MAX_SAFE_INTEGER)) {
    throw new DomainError('invalid_money', `"${value}" is too large`, { value });
  }
  return { minor: rounded.toNumber() + 0, currency };
}

/** The amount as a plain decimal string with exactly the currency's decimals: "1234.50", "-3", "0.125". */
export function formatMoney(amount: Money): string {
  const exponent = currencyExponent(amount.currency);
  return new Decimal(amount.minor).dividedBy(new Decimal(10).pow(exponent)).toFixed(exponent);
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new DomainError('currency_mismatch', `Cannot combine ${a.currency} with ${b.currency}`);
  }
}

export function addMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { minor: assertSafeMinor(a.minor + b.minor, 'addMoney'), currency: a.currency };
}

export function subtractMoney(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { minor: assertSafeMinor(a.minor - b.minor, 'subtractMoney'), currency: a.currency };
}

export function sumMoney(amounts: readonly Money[], currency: CurrencyCode): Money {
  return amounts.reduce((total, next) => addMoney(total, next), zero(currency));
}

/**
 * Multiplies by a decimal factor (a quantity, a percentage as a fraction) and rounds half-up to
 * the minor unit. The factor is a string or an integer so that no binary float enters.
 */
export function multiplyMoney(amount: Money, factor: string | number): Money {
  if (typeof factor === 'number' && !Number.isInteger(factor)) {
    throw new DomainError('invalid_money', 'multiplyMoney takes integer factors as numbers; pass decimals as strings');
  }
  const result = new Decimal(amount.minor).times(new Decimal(factor)).toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  return { minor: assertSafeMinor(result.toNumber() + 0, 'multiplyMoney'), currency: amount.currency };
}

/**
 * Splits an amount into parts proportional to `weights` (non-negative integers or decimal strings)
 * by the largest-remainder method, so the parts always sum exactly to the whole. Ties go to the
 * earlier part, which keeps the result deterministic.
 */
export function allocateMoney(amount: Money, weights: readonly (string | number)[]): Money[] {
  const decimals = weights.map((w) => new Decimal(w));
  if (decimals.length === 0 || decimals.some((w) => w.isNegative() || !w.isFinite())) {
    throw new DomainError('invalid_money', 'allocateMoney needs at least one non-negative weight');
  }
  const total = decimals.reduce((a, b) => a.plus(b), new Decimal(0));
  if (total.isZero()) throw new DomainError('invalid_money', 'allocateMoney weights sum to zero');
  const sign = amount.minor < 0 ? -1 : 1;
  const whole = Math.abs(amount.minor);
  const exact = decimals.map((w) => w.times(whole).dividedBy(total));
  const floors = exact.map((e) => e.floor().toNumber());
  let remainder = whole - floors.reduce((a, b) => a + b, 0);
  const order = exact
    .map((e, index) => ({ index, fraction: e.minus(e.floor()) }))
    .sort((a, b) => b.fraction.comparedTo(a.fraction) || a.index - b.index);
  for (const { index } of order) {
    if (remainder === 0) break;
    floors[index] = (floors[index] ?? 0) + 1;
    remainder -= 1;
  }
  return floors.map((minor) => ({ minor: minor * sign + 0, currency: amount.currency }));
}

/**
 * Converts between currencies with a rate quoted the Salesforce way: units of `amount.currency`
 * per one unit of `to`. So `converted = amount / rate`, with both currencies' exponents applied,
 * rounded half-up (away from zero at .5) to the target's minor unit.
 */
export function convertMoney(amount: Money, to: CurrencyCode, ratePerTarget: string): Money {
  if (amount.currency === to) return amount;
  const rate = new Decimal(ratePerTarget);
  if (!rate.isFinite() || rate.lessThanOrEqualTo(0)) {
    throw new DomainError('invalid_rate', `Exchange rate "${ratePerTarget}" must be a positive number`);
  }
  const major = new Decimal(amount.minor).dividedBy(new Decimal(10).pow(currencyExponent(amount.currency)));
  const converted = major
    .dividedBy(rate)
    .times(new Decimal(10).pow(currencyExponent(to)))
    .toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  return { minor: assertSafeMinor(converted.toNumber() + 0, 'convertMoney'), currency: to };
}
