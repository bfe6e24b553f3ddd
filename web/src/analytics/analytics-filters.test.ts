import { describe, expect, it } from 'vitest';
import { CALENDAR_YEAR, type FiscalCalendarConfig } from '../../../src/core/shared/fiscal-calendar.ts';
import { parsePlainDate } from '../../../src/core/shared/plain-date.ts';
import { FILTER_DEFAULTS, metricsQueryOf, presetPeriod, priorYearQuery, yearEarlier, type AnalyticsFilters } from './analytics-filters.ts';

const FEBRUARY_YEAR: FiscalCalendarConfig = { startMonth: 2, pattern: 'calendar', yearNaming: 'end' };
const RETAIL_YEAR: FiscalCalendarConfig = { startMonth: 2, pattern: '4-4-5', yearNaming: 'end' };
const TODAY = parsePlainDate('2025-05-15');

function filters(overrides: Partial<AnalyticsFilters>): AnalyticsFilters {
  return { ...FILTER_DEFAULTS, ...overrides };
}

describe('presetPeriod', () => {
  it('takes this quarter as the fiscal quarter holding the as-of date', () => {
    expect(presetPeriod('this_quarter', parsePlainDate('2025-05-15'), FEBRUARY_YEAR)).toEqual({ from: '2025-05-01', to: '2025-07-31' });
  });

  it('takes last quarter as the fiscal quarter before it, across a fiscal year end', () => {
    expect(presetPeriod('last_quarter', parsePlainDate('2025-02-10'), FEBRUARY_YEAR)).toEqual({ from: '2024-11-01', to: '2025-01-31' });
  });

  it('takes this year as the whole fiscal year holding the as-of date', () => {
    expect(presetPeriod('this_year', parsePlainDate('2025-01-20'), FEBRUARY_YEAR)).toEqual({ from: '2024-02-01', to: '2025-01-31' });
  });
});

describe('metricsQueryOf', () => {
  it('sends the dates of a preset with every filter that is set', () => {
    const query = metricsQueryOf(filters({ period: 'last_quarter', asOf: '2025-05-15', manager: 'per_mgr', region: 'South', currency: 'EUR' }), CALENDAR_YEAR, TODAY);
    expect(query).toEqual({ from: '2025-01-01', to: '2025-03-31', asOf: '2025-05-15', manager: 'per_mgr', region: 'South', currency: 'EUR' });
  });

  it('counts a preset from today when no as-of date is set, and leaves the as-of date to the server', () => {
    expect(metricsQueryOf(filters({ period: 'this_year' }), CALENDAR_YEAR, TODAY)).toEqual({ from: '2025-01-01', to: '2025-12-31' });
  });

  it('sends custom dates as typed, whatever the fiscal calendar', () => {
    expect(metricsQueryOf(filters({ period: 'custom', from: '2025-01-10', to: '2025-02-20' }), null, TODAY)).toEqual({ from: '2025-01-10', to: '2025-02-20' });
  });

  it('waits for the fiscal calendar before it can date last quarter', () => {
    expect(metricsQueryOf(filters({ period: 'last_quarter' }), null, TODAY)).toBeNull();
  });

  it('passes an as-of date that is not a date on, for the server to name the mistake', () => {
    expect(metricsQueryOf(filters({ asOf: '2025-02-30' }), CALENDAR_YEAR, TODAY)).toEqual({ asOf: '2025-02-30' });
  });

  it('reads an unknown period in the URL as this quarter', () => {
    expect(metricsQueryOf(filters({ period: 'next_decade' }), CALENDAR_YEAR, TODAY)).toEqual({ from: '2025-04-01', to: '2025-06-30' });
  });
});

describe('yearEarlier', () => {
  it('keeps the last day of February the last day of February in a leap year', () => {
    expect(yearEarlier(parsePlainDate('2025-02-28'), CALENDAR_YEAR)).toBe('2024-02-29');
  });

  it('moves a day inside a month by twelve months', () => {
    expect(yearEarlier(parsePlainDate('2024-02-28'), CALENDAR_YEAR)).toBe('2023-02-28');
  });

  it('goes back 52 weeks in a week-based year, landing on the same weekday', () => {
    expect(yearEarlier(parsePlainDate('2025-05-04'), RETAIL_YEAR)).toBe('2024-05-05');
  });
});

describe('priorYearQuery', () => {
  it('asks for the same period a year earlier, read as of the as-of date on screen', () => {
    const query = priorYearQuery({ region: 'West', from: '2025-04-01', to: '2025-06-30' }, { from: '2025-04-01', to: '2025-06-30', asOf: '2025-05-15' }, CALENDAR_YEAR);
    expect(query).toEqual({ region: 'West', from: '2024-04-01', to: '2024-06-30', asOf: '2025-05-15' });
  });
});
