import { Decimal } from 'decimal.js';
import { DomainError } from '../shared/domain-error.ts';
import { allocateMoney, multiplyMoney, type Money } from '../shared/money.ts';
import type { ForecastCategory } from './forecast-category.ts';

/**
 * One person's share of an opportunity's credit, in basis points (10000 = 100 %).
 * Revenue splits divide the booking among its sellers and sum to 100 %; overlay splits credit
 * specialists (SEs, partner managers) on top and may sum to more than 100 %.
 */
export interface SplitShare {
  readonly personId: string;
  readonly splitType: 'revenue' | 'overlay';
  readonly percentBps: number;
}

export interface SplitCredit {
  readonly personId: string;
  readonly splitType: SplitShare['splitType'];
  readonly amount: Money;
}

const FULL_BPS = 10_000;
/** An overlay share above 1000 % is taken to be a typing error, not a policy. */
const MAX_OVERLAY_BPS = 100_000;

const percentText = (bps: number): string => `${new Decimal(bps).dividedBy(100).toString()} %`;

/**
 * Throws `invalid_split` unless: each share is a whole number of basis points, 0..10000 for revenue
 * and 0..100000 for overlay; a person appears at most once per split type; and revenue splits, when
 * there are any, sum to exactly 10000 bps. No revenue splits means the owner takes the whole credit.
 */
export function validateSplits(splits: readonly SplitShare[]): void {
  const seen = new Set<string>();
  let revenueBps = 0;
  let revenueCount = 0;
  for (const { personId, splitType, percentBps } of splits) {
    if (splitType !== 'revenue' && splitType !== 'overlay') {
      throw new DomainError('invalid_split', `Split type must be revenue or overlay, not ${String(splitType)}`, { personId, splitType });
    }
    if (personId === '') throw new DomainError('invalid_split', 'A split needs a person', { splitType });
    const max = splitType === 'revenue' ? FULL_BPS : MAX_OVERLAY_BPS;
    if (!Number.isInteger(percentBps) || percentBps < 0 || percentBps > max) {
      throw new DomainError('invalid_split', `${personId}'s ${splitType} split of ${percentBps} bps is outside 0..${max} bps`, { personId, splitType, percentBps });
    }
    const key = `${splitType}\u0000${personId}`;
    if (seen.has(key)) throw new DomainError('invalid_split', `${personId} has two ${splitType} splits`, { personId, splitType });
    seen.add(key);
    if (splitType === 'revenue') {
      revenueBps += percentBps;
      revenueCount += 1;
    }
  }
  if (revenueCount > 0 && revenueBps !== FULL_BPS) {
    throw new DomainError(
      'invalid_split',
      `Revenue splits sum to ${revenueBps} bps (${percentText(revenueBps)}); they must sum to ${FULL_BPS} bps (100 %)`,
      { revenueBps },
    );
  }
}

/**
 * The opportunity's forecast category: the rep's override if any, else the stage's default.
 * Closed means booked, so it comes from the stage alone: an override never moves a won deal out
 * of Closed, nor puts an open deal in it.
 */
export function effectiveForecastCategory(stage: { forecastCategory: ForecastCategory }, override: ForecastCategory | null): ForecastCategory {
  if (override === null || stage.forecastCategory === 'closed' || override === 'closed') return stage.forecastCategory;
  return override;
}

function assertProbabilityBps(value: number, what: string): number {
  if (!Number.isInteger(value) || value < 0 || value > FULL_BPS) {
    throw new DomainError('invalid_opportunity', `${what} of ${value} bps is outside 0..${FULL_BPS} bps`, { value });
  }
  return value;
}

/** The win probability in basis points: the opportunity's override if any, else the stage's default. */
export function effectiveProbabilityBps(stage: { probabilityBps: number }, override: number | null): number {
  return override === null
    ? assertProbabilityBps(stage.probabilityBps, 'Stage probability')
    : assertProbabilityBps(override, 'Probability override');
}

/**
 * Each split's credited amount, in the order given. Revenue splits share the amount by largest
 * remainder, so their parts sum exactly to it (100.00 split three ways is 33.34 + 33.33 + 33.33).
 * Overlays are each amount x percent, rounded half-up to the minor unit, independently.
 */
export function creditSplitAmounts(amount: Money, splits: readonly SplitShare[]): SplitCredit[] {
  validateSplits(splits);
  const revenue = splits.filter((s) => s.splitType === 'revenue');
  const revenueAmounts = revenue.length > 0 ? allocateMoney(amount, revenue.map((s) => s.percentBps)) : [];
  let nextRevenue = 0;
  return splits.map(({ personId, splitType, percentBps }) => {
    if (splitType === 'overlay') {
      return { personId, splitType, amount: multiplyMoney(amount, new Decimal(percentBps).dividedBy(FULL_BPS).toFixed()) };
    }
    const share = revenueAmounts[nextRevenue];
    nextRevenue += 1;
    if (share === undefined) throw new DomainError('invalid_split', 'Revenue split without an allocated amount');
    return { personId, splitType, amount: share };
  });
}
