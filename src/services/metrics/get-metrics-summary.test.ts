import { describe, expect, it } from 'vitest';
import { CALENDAR_YEAR } from '../../core/shared/fiscal-calendar.ts';
import { parsePlainDate as d } from '../../core/shared/plain-date.ts';
import { previousWindow } from './get-metrics-summary.ts';

describe('previousWindow', () => {
  it('compares a fiscal year with the fiscal year before, whatever their lengths', () => {
    expect(previousWindow(CALENDAR_YEAR, d('2017-01-01'), d('2017-12-31'), d('2026-11-27'))).toEqual({ from: '2016-01-01', to: '2016-12-31', asOf: '2026-11-27' });
  });

  it('compares a quarter with the quarter before', () => {
    expect(previousWindow(CALENDAR_YEAR, d('2026-04-01'), d('2026-06-30'), d('2026-05-15'))).toEqual({ from: '2026-01-01', to: '2026-03-31', asOf: '2026-05-15' });
  });

  it('compares any other range with the days of the same length just before it', () => {
    expect(previousWindow(CALENDAR_YEAR, d('2026-05-11'), d('2026-05-20'), d('2026-05-20'))).toEqual({ from: '2026-05-01', to: '2026-05-10', asOf: '2026-05-20' });
  });
});
