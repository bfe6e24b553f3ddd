import { DomainError } from './domain-error.ts';

/**
 * A calendar date with no time and no zone, written ISO `YYYY-MM-DD`. Comparing two PlainDates
 * as strings compares them as dates. Timestamps are separate: UTC ISO strings.
 */
export type PlainDate = string & { readonly __brand: 'PlainDate' };

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidDateParts(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

/** Builds a PlainDate from parts; impossible dates such as 2025-02-30 are an error. */
export function plainDateFromParts(year: number, month: number, day: number): PlainDate {
  if (!isValidDateParts(year, month, day)) {
    throw new DomainError('invalid_date', `${year}-${month}-${day} is not a real date`, { year, month, day });
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as PlainDate;
}

export function isPlainDate(value: string): value is PlainDate {
  const match = ISO_DATE.exec(value);
  return match !== null && isValidDateParts(Number(match[1]), Number(match[2]), Number(match[3]));
}

export function parsePlainDate(value: string): PlainDate {
  if (!isPlainDate(value)) throw new DomainError('invalid_date', `"${value}" is not a date in YYYY-MM-DD form`, { value });
  return value;
}

export function datePartsOf(date: PlainDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/**
 * Days since 1970-01-01 (negative before). Used for date arithmetic without time zones.
 * Computed arithmetically on the proleptic Gregorian calendar: `Date.UTC` maps years 0-99 to
 * 1900-1999, which would break dates in the first century.
 */
export function toEpochDay(date: PlainDate): number {
  const { year, month, day } = datePartsOf(date);
  // Count from March 1 so the leap day falls at the end of each shifted year.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  // 719468 days run from 0000-03-01 to 1970-01-01.
  return era * 146097 + dayOfEra - 719468;
}

/** The date `epochDay` days after 1970-01-01; the inverse of `toEpochDay`. */
export function fromEpochDay(epochDay: number): PlainDate {
  if (!Number.isSafeInteger(epochDay)) {
    throw new DomainError('invalid_date', `${epochDay} is not a whole number of days`, { epochDay });
  }
  const z = epochDay + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return plainDateFromParts(year, month, day);
}

export function addDays(date: PlainDate, days: number): PlainDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Adds calendar months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: PlainDate, months: number): PlainDate {
  const { year, month, day } = datePartsOf(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return plainDateFromParts(y, m, Math.min(day, daysInMonth(y, m)));
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: PlainDate, to: PlainDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: PlainDate): number {
  // 1970-01-01 was a Thursday (4).
  return ((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1;
}

/** The Monday on or before `date`: weekly pipeline snapshots are keyed by it. */
export function startOfIsoWeek(date: PlainDate): PlainDate {
  return addDays(date, 1 - isoWeekday(date));
}

export function minDate(a: PlainDate, b: PlainDate): PlainDate {
  return a <= b ? a : b;
}

export function maxDate(a: PlainDate, b: PlainDate): PlainDate {
  return a >= b ? a : b;
}

const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * The UTC calendar date of an ISO timestamp ("2025-03-01T23:30:00Z", "2025-03-01 23:30:00").
 * A timestamp without an offset is read as UTC, never as the machine's local time, so the answer
 * does not depend on where the code runs; with an offset it is moved to UTC first
 * ("2025-03-01T23:30:00-05:00" is 2025-03-02).
 */
export function plainDateOfTimestamp(timestamp: string): PlainDate {
  const match = ISO_TIMESTAMP.exec(timestamp.trim());
  if (match === null || !isValidDateParts(Number(match[1]), Number(match[2]), Number(match[3]))) {
    throw new DomainError('invalid_date', `"${timestamp}" is not an ISO timestamp`, { timestamp });
  }
  const [, year, month, day, time, offset] = match;
  if (time === undefined) return plainDateFromParts(Number(year), Number(month), Number(day));
  const zone = offset === undefined || offset.toUpperCase() === 'Z' ? 'Z' : `${offset.slice(0, 3)}:${offset.slice(-2)}`;
  const d = new Date(`${year}-${month}-${day}T${time}${zone}`);
  if (Number.isNaN(d.getTime())) throw new DomainError('invalid_date', `"${timestamp}" is not an ISO timestamp`, { timestamp });
  return plainDateFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
