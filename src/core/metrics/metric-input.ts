import { DomainError } from '../shared/domain-error.ts';
import type { PlainDate } from '../shared/plain-date.ts';
import type { ForecastCategory } from '../pipeline/forecast-category.ts';

/**
 * One opportunity as it stood at the end of the evaluation (as-of) date. Every amount is already in
 * ONE currency, as integer minor units: the caller converts each deal with the dated rate before
 * calling, so nothing here knows about currencies or rates.
 */
export interface MetricOpportunity {
  readonly id: string;
  readonly ownerId: string;
  readonly createdDate: PlainDate;
  /** The expected close date, or for a closed deal the date it was closed on in the CRM. */
  readonly closeDate: PlainDate;
  readonly isClosed: boolean;
  /** Only meaningful when isClosed; an open deal is never won. */
  readonly isWon: boolean;
  /** The day the deal actually moved to a closed stage, when field history knows it. */
  readonly closedDate?: PlainDate | undefined;
  readonly stageId: string;
  /** Position of the stage in its sales process (1 = first), when known. */
  readonly stageOrder?: number | undefined;
  /** Integer minor units (cents for USD); null when the deal has no amount yet. */
  readonly amountMinor: number | null;
  /** Chance of winning in basis points, 0..10000 (10000 = 100 %). */
  readonly probabilityBps: number;
  readonly forecastCategory: ForecastCategory;
  /** New Business, Renewal, Expansion…; null when unset. */
  readonly type: string | null;
  readonly leadSource: string | null;
  /** Times the close date moved to a later period during the evaluation window (from field history). */
  readonly pushCount: number;
  /** Integer minor units pushed out, when the caller knows it differs from amountMinor. */
  readonly pushedAmountMinor?: number | undefined;
}

/** One move of an opportunity into a stage, from field history. */
export interface StageEntry {
  readonly opportunityId: string;
  readonly stageId: string;
  /** ISO date (YYYY-MM-DD) the opportunity entered the stage. */
  readonly enteredAt: PlainDate;
}

/** A reporting window; both ends inclusive, as fiscal periods are (FiscalPeriod.start..end). */
export interface MetricPeriod {
  readonly from: PlainDate;
  readonly to: PlainDate;
}

/** Throws `invalid_period` when the window ends before it starts. */
export function assertPeriod(period: MetricPeriod): void {
  if (period.to < period.from) {
    throw new DomainError('invalid_period', `A period cannot end (${period.to}) before it starts (${period.from})`, { ...period });
  }
}

/** Whether `date` falls in the period, ends included. PlainDates compare as strings. */
export function isInPeriod(period: MetricPeriod, date: PlainDate): boolean {
  return date >= period.from && date <= period.to;
}

/** The day a deal counts as closed: the recorded transition when known, else its close date. */
export function closedOn(opportunity: MetricOpportunity): PlainDate {
  return opportunity.closedDate ?? opportunity.closeDate;
}
