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

const MS_PER_DAY = 86_400_000;

/** Days since 1970-01-01 (negative before). Used for date arithmetic without time zones. */
export function toEpochDay(date: PlainDate): number {
  const { year, month, day } = datePartsOf(date);
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export function fromEpochDay(epochDay: number): PlainDate {
  const d = new Date(epochDay * MS_PER_DAY);
  return plainDateFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: PlainDate, days: number): PlainDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** Adds calendar months, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(date: PlainDate, months: number): PlainDate {
  const { year, month, day } = datePartsOf(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
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

/** The calendar date of a UTC timestamp (ISO string). */
export function plainDateOfTimestamp(timestamp: string): PlainDate {
  const d = new Date(timestamp);
  if (Number.isNaN(d.getTime())) throw new DomainError('invalid_date', `"${timestamp}" is not a timestamp`);
  return plainDateFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}
