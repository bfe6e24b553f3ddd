import { assertPeriod, closedOn, isInPeriod, type MetricOpportunity, type MetricPeriod } from './metric-input.ts';
import { divideHalfUp, ratioOrNull, safeMinor, sumMinor } from './metric-arithmetic.ts';
import { calculateBookings } from './bookings-and-pipeline.ts';

export interface WinRate {
  /** won ÷ (won + lost) by count, 0..1; null when no deal closed in the period. */
  readonly byCount: number | null;
  /** won amount ÷ (won + lost) amount, 0..1; null when the closed deals' amounts sum to zero. */
  readonly byValue: number | null;
  readonly wonCount: number;
  readonly lostCount: number;
  readonly wonAmountMinor: number;
  readonly lostAmountMinor: number;
}

/**
 * Deals closed in the period: by the day they actually closed (closedDate) when known, else by
 * their close date. Closed deals only, so open deals never dilute the rate.
 */
export function closedInPeriod(opportunities: readonly MetricOpportunity[], period: MetricPeriod): MetricOpportunity[] {
  assertPeriod(period);
  return opportunities.filter((o) => o.isClosed && isInPeriod(period, closedOn(o)));
}

/** Win rate by count and by value among deals closed in the period; deals without an amount count only by count. */
export function calculateWinRate(opportunities: readonly MetricOpportunity[], period: MetricPeriod): WinRate {
  const closed = closedInPeriod(opportunities, period);
  const won = closed.filter((o) => o.isWon);
  const lost = closed.filter((o) => !o.isWon);
  const wonAmountMinor = sumMinor(won.map((o) => o.amountMinor), 'win rate');
  const lostAmountMinor = sumMinor(lost.map((o) => o.amountMinor), 'win rate');
  return {
    byCount: ratioOrNull(won.length, closed.length),
    byValue: ratioOrNull(wonAmountMinor, wonAmountMinor + lostAmountMinor),
    wonCount: won.length,
    lostCount: lost.length,
    wonAmountMinor,
    lostAmountMinor,
  };
}

export interface AverageDealSize {
  /** Bookings ÷ priced won deals, rounded half-up to the minor unit; null when no priced deal was won. */
  readonly amountMinor: number | null;
  /** Won deals with an amount: the divisor. */
  readonly count: number;
}

/**
 * Average deal size: bookings ÷ number of won deals in the period (by close date, as bookings).
 * Won deals without an amount are left out of the divisor, since counting them as zero would
 * understate the size of the deals that were priced.
 */
export function calculateAverageDealSize(opportunities: readonly MetricOpportunity[], period: MetricPeriod): AverageDealSize {
  const bookings = calculateBookings(opportunities, period);
  const count = bookings.count - bookings.withoutAmountCount;
  if (count === 0) return { amountMinor: null, count };
  return { amountMinor: safeMinor(divideHalfUp(BigInt(bookings.amountMinor), BigInt(count)), 'average deal size'), count };
}
