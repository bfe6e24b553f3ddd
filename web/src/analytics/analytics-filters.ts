/**
 * The global filters every Analytics page shares, as they sit in the URL query string, and the
 * API query they turn into. Periods are fiscal: "this quarter" is the fiscal quarter holding the
 * as-of date (the server's own default), so the fiscal calendar of the workspace decides the dates.
 */
import type { MetricsFilter } from '../../../src/contracts/metrics.ts';
import { fiscalPeriodOf, type FiscalCalendarConfig } from '../../../src/core/shared/fiscal-calendar.ts';
import { addDays, addMonths, datePartsOf, daysInMonth, isPlainDate, plainDateFromParts, type PlainDate } from '../../../src/core/shared/plain-date.ts';

export const PERIOD_PRESETS = [
  { id: 'this_quarter', label: 'This quarter' },
  { id: 'last_quarter', label: 'Last quarter' },
  { id: 'this_year', label: 'This year' },
  { id: 'custom', label: 'Custom dates' },
] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number]['id'];

/** US census regions, the values the API's `region` filter takes. */
export const CENSUS_REGIONS = ['Northeast', 'Midwest', 'South', 'West'] as const;

/**
 * The URL keys of the global filters and their defaults (left out of the URL). `from`/`to` count
 * only with the custom period; `asOf` empty means today; `manager` is a person id (their subtree).
 */
export const FILTER_DEFAULTS = {
  period: 'this_quarter',
  from: '',
  to: '',
  asOf: '',
  manager: '',
  segment: '',
  region: '',
  processId: '',
  currency: '',
} as const;
export type FilterKey = keyof typeof FILTER_DEFAULTS;
export type AnalyticsFilters = Readonly<Record<FilterKey, string>>;
export const FILTER_KEYS = Object.keys(FILTER_DEFAULTS) as FilterKey[];

/** The filter query every metrics endpoint takes, as strings; keys left out take the API's defaults. */
export type MetricsQuery = Readonly<Partial<Record<keyof MetricsFilter, string>>>;

export function isPeriodPreset(value: string): value is PeriodPreset {
  return PERIOD_PRESETS.some((preset) => preset.id === value);
}

/** The dates of a preset period for the as-of date, both days included. */
export function presetPeriod(preset: Exclude<PeriodPreset, 'custom'>, asOf: PlainDate, fiscal: FiscalCalendarConfig): { from: PlainDate; to: PlainDate } {
  const quarter = fiscalPeriodOf(fiscal, asOf, 'quarter');
  if (preset === 'this_quarter') return { from: quarter.start, to: quarter.end };
  if (preset === 'last_quarter') {
    const previous = fiscalPeriodOf(fiscal, addDays(quarter.start, -1), 'quarter');
    return { from: previous.start, to: previous.end };
  }
  const year = fiscalPeriodOf(fiscal, asOf, 'year');
  return { from: year.start, to: year.end };
}

/**
 * The API query for the filters in the URL. `fiscal` is the workspace's calendar, null while it
 * loads: "this quarter" then leaves the dates to the server (which applies the same rule), the
 * other presets wait for it (null). An as-of date that is not a date is passed on as typed, so
 * the server's message says what is wrong with it.
 */
export function metricsQueryOf(filters: AnalyticsFilters, fiscal: FiscalCalendarConfig | null, today: PlainDate): MetricsQuery | null {
  const asOfText = filters.asOf;
  const query: Partial<Record<keyof MetricsFilter, string>> = {};
  const preset = isPeriodPreset(filters.period) ? filters.period : 'this_quarter';
  const asOf = asOfText === '' ? today : asOfText;
  if (preset === 'custom') {
    if (filters.from !== '') query.from = filters.from;
    if (filters.to !== '') query.to = filters.to;
  } else if (fiscal !== null && isPlainDate(asOf)) {
    Object.assign(query, presetPeriod(preset, asOf, fiscal));
  } else if (preset !== 'this_quarter' && isPlainDate(asOf)) {
    return null;
  }
  if (asOfText !== '') query.asOf = asOfText;
  if (filters.manager !== '') query.manager = filters.manager;
  if (filters.segment !== '') query.segment = filters.segment;
  if (filters.region !== '') query.region = filters.region;
  if (filters.processId !== '') query.processId = filters.processId;
  if (filters.currency !== '') query.currency = filters.currency;
  return query;
}

/**
 * The same date one year earlier. Calendar-month years go back twelve months, a month's last day
 * staying a month's last day (2025-02-28 -> 2024-02-29); week-based years (4-4-5 and the like) go
 * back 52 weeks, which lands on the same fiscal week and weekday.
 */
export function yearEarlier(date: PlainDate, fiscal: FiscalCalendarConfig | null): PlainDate {
  if (fiscal !== null && fiscal.pattern !== 'calendar') return addDays(date, -364);
  const { year, month, day } = datePartsOf(date);
  if (day === daysInMonth(year, month)) {
    const earlier = datePartsOf(addMonths(date, -12));
    return plainDateFromParts(earlier.year, earlier.month, daysInMonth(earlier.year, earlier.month));
  }
  return addMonths(date, -12);
}

/**
 * The query for the same period one year earlier, for "against the prior year" comparisons, from
 * the period the server resolved. The prior year is read as it stood at its own end (complete
 * months), never later than the as-of date on screen.
 */
export function priorYearQuery(query: MetricsQuery, resolved: { readonly from: string; readonly to: string; readonly asOf: string }, fiscal: FiscalCalendarConfig | null): MetricsQuery | null {
  const { from, to, asOf } = resolved;
  if (!isPlainDate(from) || !isPlainDate(to) || !isPlainDate(asOf)) return null;
  // Read as of the page's as-of date, like every other figure on it: the prior year as known then.
  return { ...query, from: yearEarlier(from, fiscal), to: yearEarlier(to, fiscal), asOf };
}
