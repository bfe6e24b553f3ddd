import { DomainError } from '../shared/domain-error.ts';

/**
 * Integer helpers shared by the metric families. Money is summed as bigint and returned as a safe
 * integer, so a sum never silently loses a cent; ratios and day counts are plain numbers because
 * they are not money.
 */

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** A bigint count of minor units as a number, or `invalid_money` when it leaves the safe range. */
export function safeMinor(minor: bigint, context: string): number {
  if (minor > MAX_SAFE || minor < -MAX_SAFE) {
    throw new DomainError('invalid_money', `${context}: ${minor} minor units is outside the safe range`);
  }
  return Number(minor) + 0;
}

/** Sum of minor-unit amounts; a null amount (deal not priced yet) adds nothing. */
export function sumMinor(amounts: readonly (number | null)[], context: string): number {
  let total = 0n;
  for (const amount of amounts) {
    if (amount === null) continue;
    if (!Number.isSafeInteger(amount)) {
      throw new DomainError('invalid_money', `${context}: ${amount} is not a whole number of minor units`);
    }
    total += BigInt(amount);
  }
  return safeMinor(total, context);
}

/** numerator / denominator (denominator > 0) rounded half-up: to nearest, away from zero at .5. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError('divideHalfUp needs a positive denominator');
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  const twice = remainder < 0n ? -2n * remainder : 2n * remainder;
  if (twice < denominator) return quotient;
  return numerator < 0n ? quotient - 1n : quotient + 1n;
}

/** a / b as a ratio, or null when b is 0: a metric never reports NaN or Infinity. */
export function ratioOrNull(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

/** Median: the middle value, or with an even count the mean of the two middle values; null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? 0;
  if (sorted.length % 2 === 1) return upper;
  return ((sorted[middle - 1] ?? 0) + upper) / 2;
}

/**
 * Mean of whole-day counts; null when empty. Summed as integers first, so the order of the
 * values never changes the result (float sums depend on order).
 */
export function meanOfIntegers(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let total = 0;
  for (const value of values) total += value;
  return total / values.length;
}

/**
 * Apportions 10000 basis points among non-negative integer weights by largest remainder, so the
 * shares always sum to exactly 10000. Ties go to the earlier weight (callers sort their parts by
 * key first, so the result does not depend on input order). Null when the weights sum to zero.
 */
export function sharesInBps(weights: readonly number[]): number[] | null {
  const units = weights.map((w) => BigInt(w));
  const total = units.reduce((a, b) => a + b, 0n);
  if (total <= 0n || units.some((w) => w < 0n)) return null;
  const whole = 10_000n;
  const parts = units.map((w, index) => ({ index, floor: (w * whole) / total, fraction: (w * whole) % total }));
  let remainder = whole - parts.reduce((sum, p) => sum + p.floor, 0n);
  const byFraction = [...parts].sort((a, b) => (a.fraction === b.fraction ? a.index - b.index : a.fraction > b.fraction ? -1 : 1));
  // The remainder is less than the number of parts, so one pass hands out every basis point.
  for (const part of byFraction) {
    if (remainder === 0n) break;
    part.floor += 1n;
    remainder -= 1n;
  }
  return parts.map((p) => Number(p.floor));
}
