import { DomainError } from './domain-error.ts';
import { addDays, addMonths, datePartsOf, daysInMonth, isoWeekday, plainDateFromParts, type PlainDate } from './plain-date.ts';

/**
 * How a fiscal year is cut into months:
 * - `calendar`: fiscal months are calendar months, starting at `startMonth`.
 * - `4-4-5`, `4-5-4`, `5-4-4`: retail week calendars. Fiscal weeks run Sunday to Saturday; each
 *   quarter is 13 weeks whose three months have the pattern's week counts.
 */
export type FiscalPattern = 'calendar' | '4-4-5' | '4-5-4' | '5-4-4';
export const FISCAL_PATTERNS: readonly FiscalPattern[] = ['calendar', '4-4-5', '4-5-4', '5-4-4'];

export interface FiscalCalendarConfig {
  /** Calendar month (1-12) the fiscal year starts in, or, for week patterns, starts near. */
  readonly startMonth: number;
  readonly pattern: FiscalPattern;
  /**
   * Which calendar year gives the fiscal year its name: the one its nominal last month falls in
   * ('end': with startMonth 2, FY2026 runs 2025-02-01..2026-01-31) or the one its first month falls
   * in ('start': the same dates are FY2025). With startMonth 1 both give the calendar year.
   */
  readonly yearNaming: 'end' | 'start';
}

/** The calendar year: January to December, named by itself. */
export const CALENDAR_YEAR: FiscalCalendarConfig = Object.freeze({ startMonth: 1, pattern: 'calendar', yearNaming: 'end' });

export type PeriodGrain = 'month' | 'quarter' | 'year';
export const PERIOD_GRAINS: readonly PeriodGrain[] = ['month', 'quarter', 'year'];

export interface FiscalPeriod {
  readonly grain: PeriodGrain;
  readonly fiscalYear: number;
  /** 1-based position in the fiscal year: month 1-12, quarter 1-4, year 1. */
  readonly index: number;
  readonly start: PlainDate;
  /** Inclusive: the period's last day. */
  readonly end: PlainDate;
  /** 'FY2026', 'FY2026 Q3', 'FY2026 M07'. */
  readonly label: string;
}

/** Weeks in the first, second and third month of every quarter. */
const WEEKS_PER_MONTH: Readonly<Record<Exclude<FiscalPattern, 'calendar'>, readonly [number, number, number]>> = {
  '4-4-5': [4, 4, 5],
  '4-5-4': [4, 5, 4],
  '5-4-4': [5, 4, 4],
};

const PERIODS_PER_YEAR: Readonly<Record<PeriodGrain, number>> = { month: 12, quarter: 4, year: 1 };

/** Fiscal years whose every day, under any configuration, is a PlainDate (years 1 to 9999). */
const MIN_FISCAL_YEAR = 2;
const MAX_FISCAL_YEAR = 9998;

/** Checks a configuration read from storage or a request; throws `invalid_calendar`. */
export function validateFiscalCalendarConfig(x: unknown): FiscalCalendarConfig {
  if (typeof x !== 'object' || x === null) {
    throw new DomainError('invalid_calendar', 'A fiscal calendar needs startMonth, pattern and yearNaming');
  }
  const { startMonth, pattern, yearNaming } = x as Record<string, unknown>;
  if (typeof startMonth !== 'number' || !Number.isInteger(startMonth) || startMonth < 1 || startMonth > 12) {
    throw new DomainError('invalid_calendar', `Fiscal start month must be a whole number from 1 to 12, not ${String(startMonth)}`, { startMonth });
  }
  if (typeof pattern !== 'string' || !(FISCAL_PATTERNS as readonly string[]).includes(pattern)) {
    throw new DomainError('invalid_calendar', `Fiscal pattern must be one of ${FISCAL_PATTERNS.join(', ')}, not ${String(pattern)}`, { pattern });
  }
  if (yearNaming !== 'end' && yearNaming !== 'start') {
    throw new DomainError('invalid_calendar', `Fiscal year naming must be 'end' or 'start', not ${String(yearNaming)}`, { yearNaming });
  }
  return { startMonth, pattern: pattern as FiscalPattern, yearNaming };
}

/** The calendar month whose end a fiscal year nominally ends at: the month before startMonth. */
function nominalLastMonth(config: FiscalCalendarConfig, fiscalYear: number): { year: number; month: number } {
  if (config.startMonth === 1) return { year: fiscalYear, month: 12 };
  return { year: config.yearNaming === 'end' ? fiscalYear : fiscalYear + 1, month: config.startMonth - 1 };
}

/** The Saturday within three days either side of `date`. */
function nearestSaturday(date: PlainDate): PlainDate {
  const forward = 6 - isoWeekday(date); // -1 (Sunday) to 5 (Monday)
  return addDays(date, forward > 3 ? forward - 7 : forward);
}

/**
 * The last day of a fiscal year. Calendar pattern: the last day of the nominal last month. Week
 * patterns: the Saturday nearest that day (the 52/53-week "nearest" rule retailers use, e.g. the
 * NRF 4-5-4 calendar ends on the Saturday nearest January 31). A year holds 53 weeks whenever the
 * nearest Saturday drifts far enough to need a seventh extra day, about one year in six.
 */
function lastDayOfFiscalYear(config: FiscalCalendarConfig, fiscalYear: number): PlainDate {
  const { year, month } = nominalLastMonth(config, fiscalYear);
  const monthEnd = plainDateFromParts(year, month, daysInMonth(year, month));
  return config.pattern === 'calendar' ? monthEnd : nearestSaturday(monthEnd);
}

/**
 * The first day of each of the 12 fiscal months, then the first day of the next fiscal year.
 * In week patterns a 53rd week goes to the last month of the year (month 12), so the fourth
 * quarter has 14 weeks and its last month one week more than the pattern says.
 */
function monthBoundaries(config: FiscalCalendarConfig, fiscalYear: number): readonly PlainDate[] {
  const start = addDays(lastDayOfFiscalYear(config, fiscalYear - 1), 1);
  const next = addDays(lastDayOfFiscalYear(config, fiscalYear), 1);
  const boundaries: PlainDate[] = [start];
  for (let month = 1; month < 12; month += 1) {
    if (config.pattern === 'calendar') {
      boundaries.push(addMonths(start, month));
    } else {
      const weeks = WEEKS_PER_MONTH[config.pattern][(month - 1) % 3] ?? 0;
      boundaries.push(addDays(boundaries[month - 1] ?? start, 7 * weeks));
    }
  }
  boundaries.push(next);
  return boundaries;
}

function assertFiscalYear(fiscalYear: number): void {
  if (!Number.isInteger(fiscalYear) || fiscalYear < MIN_FISCAL_YEAR || fiscalYear > MAX_FISCAL_YEAR) {
    throw new DomainError('invalid_period', `Fiscal year ${fiscalYear} is outside ${MIN_FISCAL_YEAR}-${MAX_FISCAL_YEAR}`, { fiscalYear });
  }
}

function labelOf(grain: PeriodGrain, fiscalYear: number, index: number): string {
  const year = `FY${String(fiscalYear).padStart(4, '0')}`;
  switch (grain) {
    case 'year':
      return year;
    case 'quarter':
      return `${year} Q${index}`;
    case 'month':
      return `${year} M${String(index).padStart(2, '0')}`;
  }
}

function periodFromBoundaries(boundaries: readonly PlainDate[], fiscalYear: number, grain: PeriodGrain, index: number): FiscalPeriod {
  const monthsPerPeriod = 12 / PERIODS_PER_YEAR[grain];
  const start = boundaries[(index - 1) * monthsPerPeriod];
  const next = boundaries[index * monthsPerPeriod];
  if (start === undefined || next === undefined) {
    throw new DomainError('invalid_period', `There is no ${grain} ${index} in a fiscal year`, { grain, index });
  }
  return { grain, fiscalYear, index, start, end: addDays(next, -1), label: labelOf(grain, fiscalYear, index) };
}

function assertGrain(grain: PeriodGrain): void {
  if (!(PERIOD_GRAINS as readonly string[]).includes(grain)) {
    throw new DomainError('invalid_period', `Unknown period grain "${String(grain)}"`, { grain });
  }
}

/** The period of one grain by fiscal year and 1-based index: fiscalPeriod(c, 2026, 'quarter', 3) is FY2026 Q3. */
export function fiscalPeriod(config: FiscalCalendarConfig, fiscalYear: number, grain: PeriodGrain, index: number): FiscalPeriod {
  const valid = validateFiscalCalendarConfig(config);
  assertGrain(grain);
  assertFiscalYear(fiscalYear);
  if (!Number.isInteger(index) || index < 1 || index > PERIODS_PER_YEAR[grain]) {
    throw new DomainError('invalid_period', `There is no ${grain} ${index} in a fiscal year`, { grain, index });
  }
  return periodFromBoundaries(monthBoundaries(valid, fiscalYear), fiscalYear, grain, index);
}

/** The fiscal year a date falls in. */
function fiscalYearOf(config: FiscalCalendarConfig, date: PlainDate): number {
  const { year, month } = datePartsOf(date);
  // First guess from the calendar month; week patterns can move the answer by one near the edges.
  let fiscalYear = config.startMonth === 1 || month < config.startMonth ? year : year + 1;
  if (config.startMonth !== 1 && config.yearNaming === 'start') fiscalYear -= 1;
  assertFiscalYear(fiscalYear);
  if (date > lastDayOfFiscalYear(config, fiscalYear)) fiscalYear += 1;
  else if (date <= lastDayOfFiscalYear(config, fiscalYear - 1)) fiscalYear -= 1;
  assertFiscalYear(fiscalYear);
  return fiscalYear;
}

/** The period of the given grain that contains `date`. */
export function fiscalPeriodOf(config: FiscalCalendarConfig, date: PlainDate, grain: PeriodGrain): FiscalPeriod {
  const valid = validateFiscalCalendarConfig(config);
  assertGrain(grain);
  const fiscalYear = fiscalYearOf(valid, date);
  const boundaries = monthBoundaries(valid, fiscalYear);
  const month = boundaries.findLastIndex((start) => start <= date) + 1;
  const index = Math.ceil(month / (12 / PERIODS_PER_YEAR[grain]));
  return periodFromBoundaries(boundaries, fiscalYear, grain, index);
}

/** The period right after `period`, of the same grain. */
function nextPeriod(config: FiscalCalendarConfig, period: FiscalPeriod): FiscalPeriod {
  return period.index < PERIODS_PER_YEAR[period.grain]
    ? fiscalPeriod(config, period.fiscalYear, period.grain, period.index + 1)
    : fiscalPeriod(config, period.fiscalYear + 1, period.grain, 1);
}

/** Every period of the grain overlapping [from, to] (both inclusive), in order. */
export function fiscalPeriodsBetween(config: FiscalCalendarConfig, from: PlainDate, to: PlainDate, grain: PeriodGrain): FiscalPeriod[] {
  if (from > to) throw new DomainError('invalid_period', `The range ${from}..${to} ends before it starts`, { from, to });
  const periods = [fiscalPeriodOf(config, from, grain)];
  for (let last = periods[0]; last !== undefined && last.end < to; last = periods.at(-1)) {
    periods.push(nextPeriod(config, last));
  }
  return periods;
}

const LABEL = /^FY\s*(\d{4})(?:[\s-]*(?:Q\s*(\d{1,2})|M\s*(\d{1,2})))?$/i;

/** Reads 'FY2026', 'FY2026 Q3', 'FY2026-Q3', 'FY2026 M7' or 'fy2026 m07' (case and spacing are loose). */
export function parseFiscalPeriodLabel(config: FiscalCalendarConfig, label: string): FiscalPeriod {
  const match = LABEL.exec(label.trim());
  if (match === null) {
    throw new DomainError('invalid_period', `"${label}" is not a fiscal period such as FY2026, FY2026 Q3 or FY2026 M07`, { label });
  }
  const [, year, quarter, month] = match;
  const fiscalYear = Number(year);
  if (quarter !== undefined) return fiscalPeriod(config, fiscalYear, 'quarter', Number(quarter));
  if (month !== undefined) return fiscalPeriod(config, fiscalYear, 'month', Number(month));
  return fiscalPeriod(config, fiscalYear, 'year', 1);
}
