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

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A bigint result as minor units, or an error when it leaves the safe range. */
function safeMinorOf(minor: bigint, context: string): number {
  if (minor > MAX_SAFE || minor < -MAX_SAFE) {
    throw new DomainError('invalid_money', `${context}: ${minor} minor units is outside the safe range`);
  }
  return Number(minor) + 0;
}

/**
 * A decimal read exactly as `units / 10^scale`. Money arithmetic runs on these bigints rather than
 * on decimal.js results, whose 20-significant-digit rounding could round twice (0.4999…9 to 0.5 to 1)
 * or make largest-remainder parts miss the whole by a unit.
 */
interface ExactDecimal {
  readonly units: bigint;
  readonly scale: number;
}

/**
 * Decimal exponents accepted in a factor or rate: far beyond any amount or rate, yet they keep
 * "1e999999999" from being spelt out as a billion digits.
 */
const MAX_DECIMAL_EXPONENT = 100;
const MIN_DECIMAL_EXPONENT = -1000;

function exactDecimal(value: string | number, code: 'invalid_money' | 'invalid_rate' = 'invalid_money'): ExactDecimal {
  let decimal: Decimal;
  try {
    decimal = new Decimal(typeof value === 'string' ? value.trim() : value);
  } catch {
    throw new DomainError(code, `"${String(value)}" is not a decimal number`, { value });
  }
  if (!decimal.isFinite() || decimal.e > MAX_DECIMAL_EXPONENT || decimal.e < MIN_DECIMAL_EXPONENT) {
    throw new DomainError(code, `"${String(value)}" is not a finite decimal number of reasonable size`, { value });
  }
  const text = decimal.toFixed();
  const point = text.indexOf('.');
  if (point === -1) return { units: BigInt(text), scale: 0 };
  return { units: BigInt(text.slice(0, point) + text.slice(point + 1)), scale: text.length - point - 1 };
}

/** numerator / denominator (denominator > 0) rounded half-up: to the nearest integer, away from zero at .5. */
function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = remainder < 0n ? -2n * remainder : 2n * remainder;
  if (twice < denominator) return quotient;
  return numerator < 0n ? quotient - 1n : quotient + 1n;
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
  const exact = exactDecimal(text);
  // Decide on the written digits, not on a product: decimal.js rounds products to 20 significant
  // digits, which would let "1.000000000000000000001" pass as a whole number of cents.
  // exactDecimal drops trailing zeros, so "1.500" USD has scale 1 and is accepted.
  if (exact.scale > exponent && rounding === 'reject') {
    throw new DomainError('invalid_money', `"${value}" has more than ${exponent} decimals for ${currency}`, { value, currency });
  }
  const minor = exact.scale > exponent
    ? divideHalfUp(exact.units, 10n ** BigInt(exact.scale - exponent))
    : exact.units * 10n ** BigInt(exponent - exact.scale);
  if (minor > MAX_SAFE || minor < -MAX_SAFE) {
    throw new DomainError('invalid_money', `"${value}" is too large for ${currency}`, { value, currency });
  }
  return { minor: Number(minor) + 0, currency };
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
  const exact = exactDecimal(factor);
  const product = divideHalfUp(BigInt(amount.minor) * exact.units, 10n ** BigInt(exact.scale));
  return { minor: safeMinorOf(product, 'multiplyMoney'), currency: amount.currency };
}

/**
 * Splits an amount into parts proportional to `weights` (non-negative integers or decimal strings)
 * by the largest-remainder method, so the parts always sum exactly to the whole. Ties go to the
 * earlier part, which keeps the result deterministic. A negative amount is split as its absolute
 * value and every part negated, so -1.00 in three equal parts is -0.34, -0.33, -0.33.
 */
export function allocateMoney(amount: Money, weights: readonly (string | number)[]): Money[] {
  const exact = weights.map((w) => exactDecimal(w));
  if (exact.length === 0 || exact.some((w) => w.units < 0n)) {
    throw new DomainError('invalid_money', 'allocateMoney needs at least one non-negative weight');
  }
  // Bring every weight to one scale so they compare as integers.
  const scale = Math.max(...exact.map((w) => w.scale));
  const units = exact.map((w) => w.units * 10n ** BigInt(scale - w.scale));
  const total = units.reduce((a, b) => a + b, 0n);
  if (total === 0n) throw new DomainError('invalid_money', 'allocateMoney weights sum to zero');
  const whole = BigInt(Math.abs(amount.minor));
  const parts = units.map((w, index) => ({ index, floor: (w * whole) / total, fraction: (w * whole) % total }));
  let remainder = whole - parts.reduce((sum, p) => sum + p.floor, 0n);
  const byFraction = [...parts].sort((a, b) => (a.fraction === b.fraction ? a.index - b.index : a.fraction > b.fraction ? -1 : 1));
  // The remainder is less than the number of parts, so one pass hands out every unit.
  for (const part of byFraction) {
    if (remainder === 0n) break;
    part.floor += 1n;
    remainder -= 1n;
  }
  const sign = amount.minor < 0 ? -1 : 1;
  return parts.map((p) => ({ minor: Number(p.floor) * sign + 0, currency: amount.currency }));
}

/**
 * Converts between currencies with a rate quoted the Salesforce way: units of `amount.currency`
 * per one unit of `to`. So `converted = amount / rate`, with both currencies' exponents applied,
 * rounded half-up (away from zero at .5) to the target's minor unit.
 *
 * @example convertMoney(parseMoney('1000', JPY), USD, '150') // 6.67 USD: 1000 / 150 = 6.666…
 */
export function convertMoney(amount: Money, to: CurrencyCode, ratePerTarget: string): Money {
  if (amount.currency === to) return amount;
  const rate = exactDecimal(ratePerTarget, 'invalid_rate');
  if (rate.units <= 0n) {
    throw new DomainError('invalid_rate', `Exchange rate "${ratePerTarget}" must be a positive number`);
  }
  // minor / 10^from / (units / 10^scale) * 10^to, kept as one integer fraction.
  const numerator = BigInt(amount.minor) * 10n ** BigInt(rate.scale + currencyExponent(to));
  const denominator = rate.units * 10n ** BigInt(currencyExponent(amount.currency));
  return { minor: safeMinorOf(divideHalfUp(numerator, denominator), 'convertMoney'), currency: to };
}

/**
 * Converts between two currencies that are both quoted against a third (the corporate currency):
 * `ratePerSource` and `ratePerTarget` are units of each per one corporate unit. The result is
 * amount ÷ ratePerSource × ratePerTarget computed as one integer fraction and rounded half-up once,
 * so a cross conversion is never rounded twice.
 *
 * @example convertMoneyVia(money(10000, EUR), GBP, '0.92', '0.79') // 85.87 GBP: 100 / 0.92 × 0.79
 */
export function convertMoneyVia(amount: Money, to: CurrencyCode, ratePerSource: string, ratePerTarget: string): Money {
  if (amount.currency === to) return amount;
  return { minor: convertMinor(amount.minor, conversionFactor(amount.currency, to, ratePerSource, ratePerTarget)), currency: to };
}

/** A conversion between two currencies as one integer fraction: minor units × multiplier ÷ divisor. */
export interface ConversionFactor {
  readonly multiplier: bigint;
  readonly divisor: bigint;
}

/**
 * The fraction convertMoneyVia applies, parsed once: a report converting thousands of deals at a
 * few hundred dated rates computes each day's factor once and reuses it (convertMinor).
 */
export function conversionFactor(from: CurrencyCode, to: CurrencyCode, ratePerSource: string, ratePerTarget: string): ConversionFactor {
  const source = exactDecimal(ratePerSource, 'invalid_rate');
  const target = exactDecimal(ratePerTarget, 'invalid_rate');
  if (source.units <= 0n || target.units <= 0n) {
    throw new DomainError('invalid_rate', `Exchange rates "${ratePerSource}" and "${ratePerTarget}" must be positive numbers`);
  }
  return {
    multiplier: target.units * 10n ** BigInt(source.scale + currencyExponent(to)),
    divisor: source.units * 10n ** BigInt(target.scale + currencyExponent(from)),
  };
}

/** Minor units converted by a factor, rounded half-up (away from zero at .5) once. */
export function convertMinor(minor: number, factor: ConversionFactor): number {
  return safeMinorOf(divideHalfUp(BigInt(minor) * factor.multiplier, factor.divisor), 'convertMoneyVia');
}
