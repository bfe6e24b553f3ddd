import type { PlainDate } from '../../shared/plain-date.ts';
import type { InspectedDeal } from '../deal-warnings.ts';

export const d = (text: string): PlainDate => text as PlainDate;

/** The inspection date of the hand-worked tests: Friday 2026-11-27. */
export const AS_OF = d('2026-11-27');

/**
 * Test data only: an open 1,000.00 deal in Negotiation that raises no warning on AS_OF unless
 * overridden: closes 2026-12-15, has a next step, entered its stage 2026-11-01 (26 days before),
 * never pushed, amount unchanged since created, last activity 2026-11-20 (7 days before).
 */
export function dealOf(overrides: Partial<InspectedDeal> & { id: string }): InspectedDeal {
  return {
    ownerId: 'per_ann',
    processId: 'proc_new',
    stageId: 'stg_neg',
    stageName: 'Negotiation',
    amountMinor: 100_000,
    closeDate: d('2026-12-15'),
    nextStep: 'Send the order form',
    stageEnteredDate: d('2026-11-01'),
    pushCount: 0,
    firstAmountMinor: 100_000,
    lastActivityDate: d('2026-11-20'),
    ...overrides,
  };
}
