import { DomainError } from '../shared/domain-error.ts';
import { assertPeriod, type MetricOpportunity, type MetricPeriod } from './metric-input.ts';
import { sumMinor } from './metric-arithmetic.ts';

export interface Slippage {
  /** Open deals pushed at least once (slippage_count). */
  readonly count: number;
  /** Σ pushed amount in minor units (slippage_amount): pushedAmountMinor when given, else the amount. */
  readonly amountMinor: number;
  /** Σ pushCount over those deals: how many times close dates moved later. */
  readonly pushes: number;
}

/**
 * Slippage (glossary): open deals whose close date moved to a later period. The caller counts the
 * pushes over its evaluation window from field history (pushCount). A deal counts for the period
 * when it is still open and its current close date is on or after the period's first day: a
 * pushed deal now dated before the period is overdue pipeline, not this period's slippage.
 */
export function calculateSlippage(opportunities: readonly MetricOpportunity[], period: MetricPeriod): Slippage {
  assertPeriod(period);
  const slipped = opportunities.filter((o) => {
    if (!Number.isInteger(o.pushCount) || o.pushCount < 0) {
      throw new DomainError('invalid_opportunity', `${o.id}: push count ${o.pushCount} is not a whole number of times`, { id: o.id });
    }
    return !o.isClosed && o.pushCount > 0 && o.closeDate >= period.from;
  });
  return {
    count: slipped.length,
    amountMinor: sumMinor(slipped.map((o) => o.pushedAmountMinor ?? o.amountMinor), 'slippage'),
    pushes: slipped.reduce((sum, o) => sum + o.pushCount, 0),
  };
}
