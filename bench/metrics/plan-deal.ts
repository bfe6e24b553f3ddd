/**
 * One opportunity in outline, drawn from a seed: its type and process, currency and amount, lead
 * source, close date and how it ended. Deals whose close date is before the data's today are
 * mostly closed (about 30 % of them won); the rest, and every deal closing on or after today, are
 * open.
 */
import type { SeededRandom } from '../../src/services/demo/seeded-random.ts';
import type { DealOutcome } from './deal-timeline.ts';
import type { Segment } from './workspace-plan.ts';

export const DEAL_TYPES = ['New Business', 'Expansion', 'Renewal'] as const;
export type DealType = (typeof DEAL_TYPES)[number];

export const LEAD_SOURCES = ['Web', 'Inbound Call', 'Outbound', 'Partner', 'Referral', 'Event', 'Advertisement', 'Other'] as const;

const TYPE_WEIGHTS: readonly (readonly [DealType, number])[] = [['New Business', 55], ['Expansion', 25], ['Renewal', 20]];
const LEAD_SOURCE_WEIGHTS = LEAD_SOURCES.map((source, i) => [source, [24, 10, 22, 14, 12, 9, 5, 4][i] ?? 1] as const);

/** Most deals are in US dollars; the rest in euros and pounds. */
export const DEAL_CURRENCIES: readonly (readonly ['USD' | 'EUR' | 'GBP', number])[] = [['USD', 85], ['EUR', 10], ['GBP', 5]];

/** Median deal size in US dollars by segment (lognormal around it). */
const MEDIAN_SIZE_USD: Readonly<Record<Segment, number>> = { SMB: 9_000, 'Mid-Market': 38_000, Enterprise: 140_000 };

/** Share of closed deals won, by type: about 30 % over the mix. */
const WIN_RATE: Readonly<Record<DealType, number>> = { 'New Business': 0.2, Expansion: 0.34, Renewal: 0.55 };

/** Share of deals whose close date has passed that are still open (stale pipeline). */
const STILL_OPEN_WHEN_PAST = 0.07;
const MAX_CYCLE_DAYS = 270;

export interface DealOutline {
  readonly type: DealType;
  readonly leadSource: string;
  readonly currency: 'USD' | 'EUR' | 'GBP';
  /** Integer minor units of `currency`, whole units of the currency. */
  readonly amountMinor: number;
  /** Epoch days. */
  readonly closeDay: number;
  readonly outcome: DealOutcome;
}

/**
 * Draws a deal created on `createdDay` for an account of `segment`. `unitsPerUsd` gives the rate
 * (units of the currency per US dollar, a float) that sizes a foreign-currency deal before its
 * amount is rounded to whole units; it never converts money.
 */
export function planDeal(
  random: SeededRandom,
  input: { readonly segment: Segment; readonly createdDay: number; readonly todayDay: number; readonly unitsPerUsd: (currency: 'EUR' | 'GBP', day: number) => number },
): DealOutline {
  const type = random.weighted(TYPE_WEIGHTS);
  const currency = random.weighted(DEAL_CURRENCIES);
  const sizeUsd = random.logNormal(MEDIAN_SIZE_USD[input.segment] * (type === 'Expansion' ? 0.5 : 1), 0.7);
  const units = Math.max(500, Math.round(currency === 'USD' ? sizeUsd : sizeUsd * input.unitsPerUsd(currency, input.createdDay)));
  const cycle = Math.min(MAX_CYCLE_DAYS, Math.floor(random.logNormal(type === 'Renewal' ? 90 : 55, 0.75)));
  const closeDay = input.createdDay + cycle;
  let outcome: DealOutcome = 'open';
  if (closeDay < input.todayDay && !random.chance(STILL_OPEN_WHEN_PAST)) outcome = random.chance(WIN_RATE[type]) ? 'won' : 'lost';
  return { type, leadSource: random.weighted(LEAD_SOURCE_WEIGHTS), currency, amountMinor: units * 100, closeDay, outcome };
}
