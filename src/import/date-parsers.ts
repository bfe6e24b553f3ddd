/**
 * Date and timestamp cells: ISO dates, M/D/YYYY or D/M/YYYY by locale, D.M.YYYY, Excel serial
 * numbers, and the timestamp forms CRM exports write. Impossible dates are refused, never rolled
 * over (2025-02-30 is an error, not March 2).
 */
import { fromEpochDay, isValidDateParts, plainDateFromParts, type PlainDate } from '../core/shared/plain-date.ts';
import { fail, ok, type Locale, type Parsed } from './parsed.ts';

/** How slash dates are read: month first (US) or day first. Dotted dates are always day first. */
export type DateOrder = 'mdy' | 'dmy';

export function dateOrderOf(locale: Locale): DateOrder {
  return locale === 'us' ? 'mdy' : 'dmy';
}

// ---------------------------------------------------------------------------------------------
// Dates and timestamps

const ISO_DATE_PREFIX = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}:\d{2}.*))?$/;
const YEAR_FIRST_SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const LOCAL_DATE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{2,4})(?:,?\s+(\d{1,2}:\d{2}.*))?$/;
const SERIAL = /^\d+$/;
const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(?:([AaPp][Mm])|(Z|[+-]\d{2}:?\d{2}))?$/;

// Excel's 1900 date system counts 1900-01-01 as serial 1 and, copying Lotus 1-2-3, believes in a
// 1900-02-29 (serial 60). Serials after it are one day ahead, so 61 is 1900-03-01.
const EXCEL_EPOCH_DAY_BEFORE_BUG = -25568; // 1899-12-31
const EXCEL_EPOCH_DAY_AFTER_BUG = -25569; // 1899-12-30
const EXCEL_MAX_SERIAL = 2958465; // 9999-12-31

/** An Excel serial day number (1900 system) to a date; serial 60, the phantom 1900-02-29, is refused. */
export function excelSerialToDate(serial: number): Parsed<PlainDate> {
  if (!Number.isInteger(serial) || serial < 1 || serial > EXCEL_MAX_SERIAL) {
    return fail(`${serial} is not an Excel date serial (1 to ${EXCEL_MAX_SERIAL})`);
  }
  if (serial === 60) return fail('Excel serial 60 is 1900-02-29, a day that never existed');
  return ok(fromEpochDay(serial + (serial < 60 ? EXCEL_EPOCH_DAY_BEFORE_BUG : EXCEL_EPOCH_DAY_AFTER_BUG)));
}

function dateFromParts(text: string, year: number, month: number, day: number): Parsed<PlainDate> {
  if (!isValidDateParts(year, month, day)) return fail(`"${text}" is not a real date`);
  return ok(plainDateFromParts(year, month, day));
}

function expectedDateForms(order: DateOrder): string {
  return order === 'mdy' ? 'M/D/YYYY or YYYY-MM-DD' : 'D.M.YYYY, D/M/YYYY or YYYY-MM-DD';
}

/**
 * A calendar date: ISO (a timestamp keeps its date part as written), M/D/YYYY or D/M/YYYY by
 * `order`, D.M.YYYY always day first, or a plain integer read as an Excel serial. Two-digit years
 * are refused rather than guessed.
 */
const STRICT_ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseDate(text: string, order: DateOrder): Parsed<PlainDate> {
  const s = text.trim();
  if (STRICT_ISO_DATE.test(s)) {
    // The common case, already in canonical form: check it is a real day and keep the text.
    return isValidDateParts(Number(s.slice(0, 4)), Number(s.slice(5, 7)), Number(s.slice(8, 10)))
      ? ok(s as PlainDate)
      : fail(`"${text}" is not a real date`);
  }
  const iso = ISO_DATE_PREFIX.exec(s);
  if (iso !== null) {
    if (iso[4] !== undefined && parseTimeOfDay(iso[4]) === null) return fail(`"${text}" has an unreadable time`);
    return dateFromParts(text, Number(iso[1]), Number(iso[2]), Number(iso[3]));
  }
  const yearFirst = YEAR_FIRST_SLASH.exec(s);
  if (yearFirst !== null) return dateFromParts(text, Number(yearFirst[1]), Number(yearFirst[2]), Number(yearFirst[3]));
  const local = LOCAL_DATE.exec(s);
  if (local !== null) {
    const [, first, separator, second, year, time] = local;
    if (year === undefined || year.length !== 4) return fail(`"${text}" needs a four-digit year`);
    if (time !== undefined && parseTimeOfDay(time) === null) return fail(`"${text}" has an unreadable time`);
    const dayFirst = order === 'dmy' || separator === '.';
    const day = Number(dayFirst ? first : second);
    const month = Number(dayFirst ? second : first);
    return dateFromParts(text, Number(year), month, day);
  }
  if (SERIAL.test(s)) return excelSerialToDate(Number(s));
  return fail(`"${text}" is not a date (expected ${expectedDateForms(order)})`);
}

interface TimeParts {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  readonly offsetMinutes: number;
}

function parseTimeOfDay(text: string): TimeParts | null {
  const m = TIME_OF_DAY.exec(text.trim());
  if (m === null) return null;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = m[3] === undefined ? 0 : Number(m[3]);
  const millisecond = m[4] === undefined ? 0 : Math.floor(Number(`0.${m[4]}`) * 1000);
  const meridiem = m[5]?.toUpperCase();
  if (meridiem !== undefined) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  let offsetMinutes = 0;
  const zone = m[6];
  if (zone !== undefined && zone.toUpperCase() !== 'Z') {
    const digits = zone.replace(':', '');
    const hours = Number(digits.slice(1, 3));
    const minutes = Number(digits.slice(3, 5));
    if (hours > 14 || minutes > 59) return null;
    offsetMinutes = (digits.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
  }
  return { hour, minute, second, millisecond, offsetMinutes };
}

function toUtcIso(date: PlainDate, time: TimeParts): string {
  const d = new Date(0);
  d.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  d.setUTCHours(time.hour, time.minute - time.offsetMinutes, time.second, time.millisecond);
  return d.toISOString();
}

const MIDNIGHT: TimeParts = { hour: 0, minute: 0, second: 0, millisecond: 0, offsetMinutes: 0 };
const SERIAL_WITH_FRACTION = /^(\d+)(\.\d+)?$/;

/**
 * A point in time as an ISO UTC string ("2025-07-04T10:15:00.000Z"). Accepts Salesforce's
 * "2025-07-04T10:15:00.000+0000", "2025-07-04 10:15:00", report style "7/4/2025 10:15 AM" (day
 * first in the eu order), a bare date (midnight) and Excel serials with a day fraction.
 * Times without a zone are taken as UTC: CRM exports write UTC unless they say otherwise.
 */
const UTC_TIMESTAMP = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?(?:Z|[+-]00:?00)?$/i;

export function parseTimestamp(text: string, order: DateOrder): Parsed<string> {
  const s = text.trim();
  const utc = UTC_TIMESTAMP.exec(s);
  if (utc !== null) {
    // Salesforce and most exports write UTC: the ISO form can be written out without date arithmetic.
    const [, day = '', hh = '', mm = '', ss = '', ms = '0'] = utc;
    const date = parseDate(day, order);
    if (!date.ok) return date;
    if (Number(hh) > 23 || Number(mm) > 59 || Number(ss) > 59) return fail(`"${text}" has an impossible time`);
    return ok(`${day}T${hh}:${mm}:${ss}.${ms.padEnd(3, '0')}Z`);
  }
  const serial = SERIAL_WITH_FRACTION.exec(s);
  if (serial !== null) {
    const day = excelSerialToDate(Number(serial[1]));
    if (!day.ok) return day;
    const ms = Math.round(Number(`0${serial[2] ?? ''}`) * 86_400_000);
    return ok(new Date(Date.parse(`${day.value}T00:00:00Z`) + ms).toISOString());
  }
  const date = parseDate(s, order);
  if (!date.ok) return date.reason.includes('is not a date') ? fail(`"${text}" is not a date and time (expected ISO 8601 or ${order === 'mdy' ? 'M/D/YYYY h:mm AM' : 'D.M.YYYY HH:mm'})`) : date;
  const timeText = ISO_DATE_PREFIX.exec(s)?.[4] ?? LOCAL_DATE.exec(s)?.[5];
  if (timeText === undefined) return ok(toUtcIso(date.value, MIDNIGHT));
  const time = parseTimeOfDay(timeText);
  if (time === null) return fail(`"${text}" has an impossible time`);
  return ok(toUtcIso(date.value, time));
}
