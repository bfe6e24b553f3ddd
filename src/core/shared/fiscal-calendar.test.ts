import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { addDays, daysBetween, fromEpochDay, isoWeekday, parsePlainDate, toEpochDay, type PlainDate } from './plain-date.ts';
import {
  CALENDAR_YEAR,
  FISCAL_PATTERNS,
  fiscalPeriod,
  fiscalPeriodOf,
  fiscalPeriodsBetween,
  parseFiscalPeriodLabel,
  validateFiscalCalendarConfig,
  type FiscalCalendarConfig,
  type FiscalPattern,
  type PeriodGrain,
} from './fiscal-calendar.ts';
import { errorCodeOf } from '../testing/error-code-of.ts';

const d = (value: string): PlainDate => parsePlainDate(value);

const config = (startMonth: number, pattern: FiscalPattern = 'calendar', yearNaming: 'end' | 'start' = 'end'): FiscalCalendarConfig => ({
  startMonth,
  pattern,
  yearNaming,
});

/** The NRF retail calendar: 4-5-4, ends on the Saturday nearest January 31, named by its starting year. */
const NRF = config(2, '4-5-4', 'start');

const weeksIn = (from: PlainDate, to: PlainDate): number => (daysBetween(from, to) + 1) / 7;

describe('calendar pattern', () => {
  it('makes the calendar year when the fiscal year starts in January', () => {
    expect(fiscalPeriodOf(CALENDAR_YEAR, d('2025-08-15'), 'year')).toEqual({
      grain: 'year', fiscalYear: 2025, index: 1, start: '2025-01-01', end: '2025-12-31', label: 'FY2025',
    });
    expect(fiscalPeriodOf(config(1, 'calendar', 'start'), d('2025-08-15'), 'year').label).toBe('FY2025');
  });

  it.each([
    [config(2), 2026, '2025-02-01', '2026-01-31'],
    [config(2, 'calendar', 'start'), 2025, '2025-02-01', '2026-01-31'],
    // Microsoft's fiscal year: FY2026 runs July 2025 to June 2026.
    [config(7), 2026, '2025-07-01', '2026-06-30'],
    // The US federal fiscal year: FY2026 runs October 2025 to September 2026.
    [config(10), 2026, '2025-10-01', '2026-09-30'],
    [config(4, 'calendar', 'start'), 2025, '2025-04-01', '2026-03-31'],
  ])('names %j year %d as %s..%s', (calendar, fiscalYear, start, end) => {
    expect(fiscalPeriod(calendar, fiscalYear, 'year', 1)).toMatchObject({ start, end });
    expect(fiscalPeriodOf(calendar, d(start), 'year').fiscalYear).toBe(fiscalYear);
    expect(fiscalPeriodOf(calendar, d(end), 'year').fiscalYear).toBe(fiscalYear);
  });

  it('uses calendar months from the start month, with quarters of three months', () => {
    const c = config(2);
    expect(fiscalPeriod(c, 2026, 'month', 1)).toMatchObject({ start: '2025-02-01', end: '2025-02-28', label: 'FY2026 M01' });
    expect(fiscalPeriod(c, 2026, 'month', 12)).toMatchObject({ start: '2026-01-01', end: '2026-01-31', label: 'FY2026 M12' });
    expect(fiscalPeriod(c, 2026, 'quarter', 3)).toMatchObject({ start: '2025-08-01', end: '2025-10-31', label: 'FY2026 Q3' });
    expect(fiscalPeriodOf(c, d('2024-02-29'), 'month')).toMatchObject({ fiscalYear: 2025, index: 1, end: '2024-02-29' });
  });
});

describe('week patterns', () => {
  it('ends a 4-4-5 year starting in February on the Saturday nearest January 31', () => {
    // 2024-01-31 is a Wednesday, so the nearest Saturday is February 3; 2023-01-31 is a Tuesday: January 28.
    const year = fiscalPeriod(config(2, '4-4-5'), 2024, 'year', 1);
    expect(year).toMatchObject({ start: '2023-01-29', end: '2024-02-03' });
    expect(isoWeekday(year.start)).toBe(7);
    expect(isoWeekday(year.end)).toBe(6);
  });

  it('matches the published NRF 4-5-4 calendar for fiscal 2024', () => {
    expect(fiscalPeriod(NRF, 2024, 'year', 1)).toMatchObject({ start: '2024-02-04', end: '2025-02-01' });
    expect(fiscalPeriod(NRF, 2024, 'quarter', 1)).toMatchObject({ start: '2024-02-04', end: '2024-05-04' });
    expect(fiscalPeriod(NRF, 2024, 'month', 2)).toMatchObject({ start: '2024-03-03', end: '2024-04-06' });
  });

  it.each([2012, 2017, 2023])('gives NRF fiscal %d its 53rd week', (fiscalYear) => {
    const year = fiscalPeriod(NRF, fiscalYear, 'year', 1);
    expect(weeksIn(year.start, year.end)).toBe(53);
  });

  it.each([
    ['4-4-5', [4, 4, 5]],
    ['4-5-4', [4, 5, 4]],
    ['5-4-4', [5, 4, 4]],
  ] as const)('cuts each %s quarter into months of %j weeks', (pattern, weeks) => {
    const c = config(2, pattern);
    const monthWeeks = Array.from({ length: 12 }, (_, i) => {
      const month = fiscalPeriod(c, 2026, 'month', i + 1);
      return weeksIn(month.start, month.end);
    });
    expect(monthWeeks).toEqual([...weeks, ...weeks, ...weeks, ...weeks]);
  });

  it('adds the 53rd week to the last month, making the fourth quarter 14 weeks', () => {
    const c = config(2, '4-4-5');
    const q4 = fiscalPeriod(c, 2024, 'quarter', 4);
    const m12 = fiscalPeriod(c, 2024, 'month', 12);
    expect(weeksIn(q4.start, q4.end)).toBe(14);
    expect(m12).toMatchObject({ start: '2023-12-24', end: '2024-02-03' });
    expect(weeksIn(m12.start, m12.end)).toBe(6);
  });

  it('makes every year 52 or 53 weeks, tiling the timeline, with a 53-week year every five or six years', () => {
    for (const pattern of ['4-4-5', '4-5-4', '5-4-4'] as const) {
      for (let startMonth = 1; startMonth <= 12; startMonth += 1) {
        const c = config(startMonth, pattern);
        const longYears: number[] = [];
        for (let fiscalYear = 1990; fiscalYear <= 2060; fiscalYear += 1) {
          const year = fiscalPeriod(c, fiscalYear, 'year', 1);
          const next = fiscalPeriod(c, fiscalYear + 1, 'year', 1);
          expect(next.start).toBe(addDays(year.end, 1));
          const weeks = weeksIn(year.start, year.end);
          expect([52, 53]).toContain(weeks);
          if (weeks === 53) longYears.push(fiscalYear);
        }
        const gaps = longYears.slice(1).map((year, i) => year - (longYears[i] ?? year));
        expect(gaps.length).toBeGreaterThan(10);
        for (const gap of gaps) expect([5, 6]).toContain(gap);
      }
    }
  });
});

describe('fiscalPeriodsBetween', () => {
  it('lists every quarter overlapping the range, partial ones included', () => {
    const quarters = fiscalPeriodsBetween(CALENDAR_YEAR, d('2025-02-15'), d('2025-10-01'), 'quarter');
    expect(quarters.map((q) => q.label)).toEqual(['FY2025 Q1', 'FY2025 Q2', 'FY2025 Q3', 'FY2025 Q4']);
  });

  it('crosses fiscal years', () => {
    const months = fiscalPeriodsBetween(config(2), d('2026-01-10'), d('2026-02-01'), 'month');
    expect(months.map((m) => m.label)).toEqual(['FY2026 M12', 'FY2027 M01']);
  });

  it('gives one period for a single day', () => {
    expect(fiscalPeriodsBetween(CALENDAR_YEAR, d('2025-03-31'), d('2025-03-31'), 'year').map((y) => y.label)).toEqual(['FY2025']);
  });

  it('refuses a range that ends before it starts', () => {
    expect(errorCodeOf(() => fiscalPeriodsBetween(CALENDAR_YEAR, d('2025-03-02'), d('2025-03-01'), 'month'))).toBe('invalid_period');
  });
});

describe('parseFiscalPeriodLabel', () => {
  it.each([
    ['FY2026', 'FY2026'],
    ['fy2026', 'FY2026'],
    ['FY2026 Q3', 'FY2026 Q3'],
    ['FY2026-Q3', 'FY2026 Q3'],
    ['fy2026q3', 'FY2026 Q3'],
    ['FY2026 M7', 'FY2026 M07'],
    ['FY2026 M07', 'FY2026 M07'],
    ['  FY2026 m12 ', 'FY2026 M12'],
  ])('reads "%s" as %s', (label, canonical) => {
    expect(parseFiscalPeriodLabel(config(2), label).label).toBe(canonical);
  });

  it('gives the same period as fiscalPeriod', () => {
    expect(parseFiscalPeriodLabel(config(2, '4-4-5'), 'FY2024 Q4')).toEqual(fiscalPeriod(config(2, '4-4-5'), 2024, 'quarter', 4));
  });

  it.each(['FY2026 Q5', 'FY2026 Q0', 'FY2026 M13', 'FY2026 M0', '2026 Q3', 'FY26', 'FY2026 H1', 'Q3 FY2026', ''])('rejects "%s"', (label) => {
    expect(errorCodeOf(() => parseFiscalPeriodLabel(CALENDAR_YEAR, label))).toBe('invalid_period');
  });
});

describe('fiscalPeriod', () => {
  it.each([
    [2026, 'month', 0],
    [2026, 'quarter', 5],
    [2026, 'year', 2],
    [2026.5, 'year', 1],
    [1, 'year', 1],
    [9999, 'year', 1],
  ] as const)('refuses fiscal year %d %s %d', (fiscalYear, grain, index) => {
    expect(errorCodeOf(() => fiscalPeriod(CALENDAR_YEAR, fiscalYear, grain, index))).toBe('invalid_period');
  });
});

describe('validateFiscalCalendarConfig', () => {
  it('accepts a complete configuration', () => {
    expect(validateFiscalCalendarConfig({ startMonth: 2, pattern: '4-4-5', yearNaming: 'start', extra: true })).toEqual(config(2, '4-4-5', 'start'));
  });

  it.each([
    null,
    'calendar',
    {},
    { startMonth: 0, pattern: 'calendar', yearNaming: 'end' },
    { startMonth: 13, pattern: 'calendar', yearNaming: 'end' },
    { startMonth: 1.5, pattern: 'calendar', yearNaming: 'end' },
    { startMonth: '2', pattern: 'calendar', yearNaming: 'end' },
    { startMonth: 2, pattern: '4-4-4', yearNaming: 'end' },
    { startMonth: 2, pattern: 'calendar', yearNaming: 'middle' },
    { startMonth: 2, pattern: 'calendar' },
  ])('rejects %j', (value) => {
    expect(errorCodeOf(() => validateFiscalCalendarConfig(value))).toBe('invalid_calendar');
  });

  it('guards every function against a malformed configuration', () => {
    expect(errorCodeOf(() => fiscalPeriodOf(config(13), d('2025-01-01'), 'year'))).toBe('invalid_calendar');
  });
});

describe('properties over random dates and calendars', () => {
  const anyConfig = fc.record({
    startMonth: fc.integer({ min: 1, max: 12 }),
    pattern: fc.constantFrom(...FISCAL_PATTERNS),
    yearNaming: fc.constantFrom<'end' | 'start'>('end', 'start'),
  });
  const anyDate = fc.integer({ min: toEpochDay(d('1900-01-01')), max: toEpochDay(d('2200-12-31')) }).map(fromEpochDay);
  const anyGrain = fc.constantFrom<PeriodGrain>('month', 'quarter', 'year');

  it('puts every date inside its period, which its label reads back to', () => {
    fc.assert(
      fc.property(anyConfig, anyDate, anyGrain, (c, date, grain) => {
        const period = fiscalPeriodOf(c, date, grain);
        expect(period.start <= date && date <= period.end).toBe(true);
        expect(parseFiscalPeriodLabel(c, period.label)).toEqual(period);
      }),
    );
  });

  it('makes consecutive periods contiguous: the day after one period starts the next', () => {
    fc.assert(
      fc.property(anyConfig, anyDate, anyGrain, (c, date, grain) => {
        const period = fiscalPeriodOf(c, date, grain);
        const next = fiscalPeriodOf(c, addDays(period.end, 1), grain);
        const previous = fiscalPeriodOf(c, addDays(period.start, -1), grain);
        expect(next.start).toBe(addDays(period.end, 1));
        expect(previous.end).toBe(addDays(period.start, -1));
        const lastIndex = { month: 12, quarter: 4, year: 1 }[grain];
        expect(next.index).toBe(period.index === lastIndex ? 1 : period.index + 1);
        expect(next.fiscalYear).toBe(period.index === lastIndex ? period.fiscalYear + 1 : period.fiscalYear);
      }),
    );
  });

  it('nests months in quarters and quarters in years', () => {
    fc.assert(
      fc.property(anyConfig, anyDate, (c, date) => {
        const month = fiscalPeriodOf(c, date, 'month');
        const quarter = fiscalPeriodOf(c, date, 'quarter');
        const year = fiscalPeriodOf(c, date, 'year');
        expect(quarter.index).toBe(Math.ceil(month.index / 3));
        expect(month.fiscalYear === quarter.fiscalYear && quarter.fiscalYear === year.fiscalYear).toBe(true);
        expect(year.start <= quarter.start && quarter.start <= month.start && month.end <= quarter.end && quarter.end <= year.end).toBe(true);
      }),
    );
  });

  it('lists periods between two dates without gaps, covering both ends', () => {
    fc.assert(
      fc.property(anyConfig, anyDate, fc.integer({ min: 0, max: 800 }), anyGrain, (c, from, days, grain) => {
        const to = addDays(from, days);
        const periods = fiscalPeriodsBetween(c, from, to, grain);
        expect(periods[0]!.start <= from && from <= periods[0]!.end).toBe(true);
        expect(periods.at(-1)!.start <= to && to <= periods.at(-1)!.end).toBe(true);
        periods.slice(1).forEach((p, i) => expect(p.start).toBe(addDays(periods[i]!.end, 1)));
      }),
    );
  });
});
