import type { MetricOpportunity, MetricPeriod } from './metric-input.ts';
import { divideHalfUp, safeMinor } from './metric-arithmetic.ts';
import { calculateBookings } from './bookings-and-pipeline.ts';
import { calculateWinRate } from './win-rate.ts';
import { calculateSalesCycle } from './cycle-time.ts';

export interface SalesVelocity {
  /** Minor units per day, rounded half-up; null when a factor is undefined (no closed, priced or timed deals). */
  readonly minorPerDay: number | null;
  /** Every deal open at the as-of point, whatever its close date. */
  readonly openCount: number;
  readonly winRateByCount: number | null;
  readonly averageDealSizeMinor: number | null;
  readonly meanCycleDays: number | null;
}

/**
 * Sales velocity = open opportunities × win rate × average deal size ÷ mean sales cycle (days).
 * Win rate, deal size and cycle come from the period's closed deals; the open count is the whole
 * open pipeline at the as-of point, since velocity asks how fast all of it turns into bookings.
 *
 * Computed as one exact fraction and rounded once, not from the rounded average deal size:
 *   open × (won ÷ closed) × (bookings ÷ pricedWon) ÷ (totalDays ÷ timedWon)
 *   = open × won × bookings × timedWon ÷ (closed × pricedWon × totalDays)
 * Null when totalDays is 0 (every deal closed the day it was created: the rate is unbounded).
 */
export function calculateSalesVelocity(opportunities: readonly MetricOpportunity[], period: MetricPeriod): SalesVelocity {
  const openCount = opportunities.filter((o) => !o.isClosed).length;
  const winRate = calculateWinRate(opportunities, period);
  const bookings = calculateBookings(opportunities, period);
  const pricedWon = bookings.count - bookings.withoutAmountCount;
  const cycle = calculateSalesCycle(opportunities, period, 'won');
  const closedCount = winRate.wonCount + winRate.lostCount;
  const averageDealSizeMinor = pricedWon === 0 ? null : safeMinor(divideHalfUp(BigInt(bookings.amountMinor), BigInt(pricedWon)), 'sales velocity');
  const denominator = BigInt(closedCount) * BigInt(pricedWon) * BigInt(cycle.totalDays);
  const minorPerDay = denominator === 0n
    ? null
    : safeMinor(
        divideHalfUp(BigInt(openCount) * BigInt(winRate.wonCount) * BigInt(bookings.amountMinor) * BigInt(cycle.count), denominator),
        'sales velocity',
      );
  return { minorPerDay, openCount, winRateByCount: winRate.byCount, averageDealSizeMinor, meanCycleDays: cycle.meanDays };
}
