import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  addMonths,
  daysBetween,
  daysInMonth,
  fromEpochDay,
  isLeapYear,
  isPlainDate,
  isoWeekday,
  maxDate,
  minDate,
  parsePlainDate,
  plainDateFromParts,
  plainDateOfTimestamp,
  startOfIsoWeek,
  toEpochDay,
  type PlainDate,
} from './plain-date.ts';
import { errorCodeOf } from '../testing/error-code-of.ts';

const d = (value: string): PlainDate => parsePlainDate(value);

/** Epoch days of 0001-01-01 and 9999-12-31, the range a PlainDate covers. */
const FIRST_EPOCH_DAY = -719162;
const LAST_EPOCH_DAY = 2932896;
const anyDate = fc.integer({ min: FIRST_EPOCH_DAY, max: LAST_EPOCH_DAY }).map(fromEpochDay);

describe('parsePlainDate', () => {
  it.each(['2024-02-29', '2000-02-29', '2025-12-31', '0001-01-01', '9999-12-31'])('accepts the real date %s', (text) => {
    expect(parsePlainDate(text)).toBe(text);
  });

  it.each(['2025-02-30', '2023-02-29', '1900-02-29', '2025-04-31', '2025-13-01', '2025-00-10', '0000-01-01', '2025-1-5', '2025-01-05T00:00:00Z', '20250105', ''])(
    'rejects %s',
    (text) => {
      expect(isPlainDate(text)).toBe(false);
      expect(errorCodeOf(() => parsePlainDate(text))).toBe('invalid_date');
    },
  );
});

describe('calendar facts', () => {
  it.each([
    [2024, true],
    [2023, false],
    [2000, true],
    [1900, false],
  ])('knows whether %d is a leap year', (year, leap) => {
    expect(isLeapYear(year)).toBe(leap);
  });

  it('knows the length of each month', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
    expect(daysInMonth(2024, 2)).toBe(29);
  });

  it('builds dates from parts and refuses impossible ones', () => {
    expect(plainDateFromParts(2024, 2, 29)).toBe('2024-02-29');
    expect(plainDateFromParts(7, 3, 1)).toBe('0007-03-01');
    expect(errorCodeOf(() => plainDateFromParts(2025, 2, 30))).toBe('invalid_date');
    expect(errorCodeOf(() => plainDateFromParts(2025, 1, 1.5))).toBe('invalid_date');
  });
});

describe('epoch days', () => {
  it.each([
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['2000-03-01', 11017],
    ['2024-02-29', 19782],
    ['0001-01-01', FIRST_EPOCH_DAY],
    ['9999-12-31', LAST_EPOCH_DAY],
  ])('counts %s as epoch day %d', (date, epochDay) => {
    expect(toEpochDay(d(date))).toBe(epochDay);
    expect(fromEpochDay(epochDay)).toBe(date);
  });

  it('counts first-century dates on the Gregorian calendar, not as 19xx', () => {
    expect(daysBetween(d('0050-01-01'), d('0051-01-01'))).toBe(365);
    expect(fromEpochDay(toEpochDay(d('0050-06-15')))).toBe('0050-06-15');
  });

  it('round-trips every date through its epoch day', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST_EPOCH_DAY, max: LAST_EPOCH_DAY }), (epochDay) => {
        expect(toEpochDay(fromEpochDay(epochDay))).toBe(epochDay);
      }),
    );
  });

  it('agrees with the UTC clock for dates from 100 onwards', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0100-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), (instant) => {
        const date = plainDateFromParts(instant.getUTCFullYear(), instant.getUTCMonth() + 1, instant.getUTCDate());
        expect(toEpochDay(date)).toBe(Math.floor(instant.getTime() / 86_400_000));
      }),
    );
  });

  it('refuses fractional days and days outside years 1 to 9999', () => {
    expect(errorCodeOf(() => fromEpochDay(1.5))).toBe('invalid_date');
    expect(errorCodeOf(() => fromEpochDay(LAST_EPOCH_DAY + 1))).toBe('invalid_date');
    expect(errorCodeOf(() => fromEpochDay(FIRST_EPOCH_DAY - 1))).toBe('invalid_date');
  });
});

describe('addDays and daysBetween', () => {
  it('crosses month, year and leap-day boundaries', () => {
    expect(addDays(d('2024-02-28'), 1)).toBe('2024-02-29');
    expect(addDays(d('2023-02-28'), 1)).toBe('2023-03-01');
    expect(addDays(d('2024-12-31'), 1)).toBe('2025-01-01');
    expect(addDays(d('2025-01-01'), -1)).toBe('2024-12-31');
    expect(daysBetween(d('2024-01-01'), d('2025-01-01'))).toBe(366);
    expect(daysBetween(d('2025-01-01'), d('2024-01-01'))).toBe(-366);
  });

  it('makes daysBetween the inverse of addDays', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -100_000, max: 100_000 }), (date, days) => {
        fc.pre(toEpochDay(date) + days >= FIRST_EPOCH_DAY && toEpochDay(date) + days <= LAST_EPOCH_DAY);
        expect(daysBetween(date, addDays(date, days))).toBe(days);
      }),
    );
  });
});

describe('addMonths', () => {
  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2024-03-31', 1, '2024-04-30'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2025-01-15', -1, '2024-12-15'],
    ['2025-03-31', -1, '2025-02-28'],
    ['2025-11-30', 3, '2026-02-28'],
    ['2025-05-10', -17, '2023-12-10'],
    ['2025-05-10', 0, '2025-05-10'],
  ])('moves %s by %d months to %s, clamping the day to the month', (date, months, expected) => {
    expect(addMonths(d(date), months)).toBe(expected);
  });

  it('refuses to leave years 1 to 9999', () => {
    expect(errorCodeOf(() => addMonths(d('0001-01-15'), -1))).toBe('invalid_date');
  });
});

describe('isoWeekday and startOfIsoWeek', () => {
  it.each([
    ['1970-01-01', 4],
    ['2024-01-01', 1],
    ['2025-03-01', 6],
    ['2025-03-02', 7],
    ['1969-12-28', 7],
    ['0001-01-01', 1],
  ])('gives %s weekday %d (Monday 1, Sunday 7)', (date, weekday) => {
    expect(isoWeekday(d(date))).toBe(weekday);
  });

  it.each([
    ['2025-03-02', '2025-02-24'],
    ['2025-03-03', '2025-03-03'],
    ['2025-01-01', '2024-12-30'],
  ])('puts %s in the week starting Monday %s', (date, monday) => {
    expect(startOfIsoWeek(d(date))).toBe(monday);
  });

  it('always returns a Monday at most six days earlier', () => {
    fc.assert(
      fc.property(fc.integer({ min: FIRST_EPOCH_DAY + 7, max: LAST_EPOCH_DAY }).map(fromEpochDay), (date) => {
        const monday = startOfIsoWeek(date);
        expect(isoWeekday(monday)).toBe(1);
        expect(daysBetween(monday, date)).toBeGreaterThanOrEqual(0);
        expect(daysBetween(monday, date)).toBeLessThanOrEqual(6);
      }),
    );
  });
});

describe('minDate and maxDate', () => {
  it('pick the earlier and the later date', () => {
    expect(minDate(d('2025-01-02'), d('2024-12-31'))).toBe('2024-12-31');
    expect(maxDate(d('2025-01-02'), d('2024-12-31'))).toBe('2025-01-02');
  });
});

describe('plainDateOfTimestamp', () => {
  it.each([
    ['2025-03-01T23:30:00Z', '2025-03-01'],
    ['2025-03-01T23:30:00.123Z', '2025-03-01'],
    ['2025-03-01T23:30:00-05:00', '2025-03-02'],
    ['2025-03-01T01:00:00+0200', '2025-02-28'],
    ['2025-03-01 23:30:00', '2025-03-01'],
    ['2025-03-01T23:30', '2025-03-01'],
    ['2025-03-01', '2025-03-01'],
  ])('reads %s as the UTC date %s', (timestamp, date) => {
    expect(plainDateOfTimestamp(timestamp)).toBe(date);
  });

  it.each(['yesterday', 'March 1, 2025', '2025-02-30T10:00:00Z', '2025-03-01T25:00:00Z', ''])('rejects "%s"', (timestamp) => {
    expect(errorCodeOf(() => plainDateOfTimestamp(timestamp))).toBe('invalid_date');
  });
});
