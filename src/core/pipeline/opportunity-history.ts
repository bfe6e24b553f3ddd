import { DomainError } from '../shared/domain-error.ts';
import { isPlainDate, type PlainDate } from '../shared/plain-date.ts';
import { isForecastCategory, type ForecastCategory } from './forecast-category.ts';
import { TRACKED_FIELDS, type TrackedField } from './tracked-field.ts';

/** The tracked fields of an opportunity at one instant. */
export interface OpportunityState {
  readonly stageId: string;
  readonly amountMinor: number | null;
  readonly closeDate: PlainDate;
  readonly forecastCategory: ForecastCategory;
  readonly ownerId: string | null;
}

/** One change of one tracked field, values in the field's canonical text form (see tracked-field.ts). */
export interface FieldChange {
  /** ISO UTC timestamp. */
  readonly changedAt: string;
  readonly field: TrackedField;
  readonly oldValue: string | null;
  readonly newValue: string | null;
}

export interface FieldDifference {
  readonly field: TrackedField;
  readonly oldValue: string | null;
  readonly newValue: string | null;
}

const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A timestamp in the one form `Date#toISOString` writes, so that instants compare as strings
 * ('2026-01-01T00:00:00Z' and '2026-01-01T00:00:00.000Z' are the same instant).
 */
export function canonicalInstant(timestamp: string): string {
  if (CANONICAL_INSTANT.test(timestamp)) return timestamp;
  const ms = Date.parse(timestamp);
  if (Number.isNaN(ms)) throw new DomainError('invalid_date', `"${timestamp}" is not a timestamp`, { timestamp });
  return new Date(ms).toISOString();
}

/** The last instant of a calendar day in UTC: the pipeline "as of" a date is the pipeline at this instant. */
export function endOfDay(date: PlainDate): string {
  return `${date}T23:59:59.999Z`;
}

/** The canonical text of one field of a state, as history rows store it. */
export function canonicalFieldValue(state: OpportunityState, field: TrackedField): string | null {
  switch (field) {
    case 'stage':
      return state.stageId;
    case 'amount':
      return state.amountMinor === null ? null : String(state.amountMinor);
    case 'close_date':
      return state.closeDate;
    case 'forecast_category':
      return state.forecastCategory;
    case 'owner':
      return state.ownerId;
  }
}

function invalid(field: TrackedField, value: string): DomainError {
  return new DomainError('invalid_opportunity', `History value "${value}" is not a valid ${field}`, { field, value });
}

/**
 * Sets one field from its canonical text. A null for a field that cannot be empty (stage, close
 * date, forecast category) carries no information, so the state keeps the value it had.
 */
function withFieldValue(state: OpportunityState, field: TrackedField, value: string | null): OpportunityState {
  switch (field) {
    case 'stage':
      return value === null ? state : { ...state, stageId: value };
    case 'amount': {
      if (value === null) return { ...state, amountMinor: null };
      const minor = /^-?\d+$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isSafeInteger(minor)) throw invalid(field, value);
      return { ...state, amountMinor: minor };
    }
    case 'close_date':
      if (value === null) return state;
      if (!isPlainDate(value)) throw invalid(field, value);
      return { ...state, closeDate: value };
    case 'forecast_category':
      if (value === null) return state;
      if (!isForecastCategory(value)) throw invalid(field, value);
      return { ...state, forecastCategory: value };
    case 'owner':
      return { ...state, ownerId: value };
  }
}

interface TimedChange {
  readonly at: string;
  readonly order: number;
  readonly change: FieldChange;
}

/**
 * The opportunity as it stood at instant `asOf` (ISO UTC timestamp), or null if it did not exist
 * yet (created after `asOf`). Each field is read from its own history:
 * - the newValue of its last change at or before `asOf`;
 * - else, when it changed only after `asOf`, the oldValue of the first such change (or, when that
 *   is null, as on a creation row, the first change's newValue);
 * - else the current value.
 * Changes of one field at the same instant keep their given order.
 */
export function stateAsOf(current: OpportunityState, createdAt: string, changes: readonly FieldChange[], asOf: string): OpportunityState | null {
  const at = canonicalInstant(asOf);
  if (canonicalInstant(createdAt) > at) return null;
  const byField = new Map<TrackedField, TimedChange[]>();
  changes.forEach((change, order) => {
    const list = byField.get(change.field);
    const timed = { at: canonicalInstant(change.changedAt), order, change };
    if (list === undefined) byField.set(change.field, [timed]);
    else list.push(timed);
  });
  let state = current;
  for (const [field, list] of byField) {
    list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order));
    let lastBefore: TimedChange | undefined;
    for (const timed of list) {
      if (timed.at <= at) lastBefore = timed;
      else break;
    }
    if (lastBefore !== undefined) {
      state = withFieldValue(state, field, lastBefore.change.newValue);
    } else {
      const first = list[0];
      if (first !== undefined) state = withFieldValue(state, field, first.change.oldValue ?? first.change.newValue);
    }
  }
  return state;
}

/** The tracked fields that differ between two states, in canonical text form, in TRACKED_FIELDS order. */
export function diffStates(before: OpportunityState, after: OpportunityState): FieldDifference[] {
  const differences: FieldDifference[] = [];
  for (const field of TRACKED_FIELDS) {
    const oldValue = canonicalFieldValue(before, field);
    const newValue = canonicalFieldValue(after, field);
    if (oldValue !== newValue) differences.push({ field, oldValue, newValue });
  }
  return differences;
}
