import { describe, it, expect } from 'vitest';
import { METRICS, metricById } from './metric-catalogue.ts';

const REQUIRED = [
  'bookings', 'pipeline_created', 'open_pipeline', 'weighted_pipeline', 'coverage', 'win_rate_count', 'win_rate_value',
  'average_deal_size', 'sales_cycle_median_days', 'sales_cycle_mean_days', 'sales_velocity', 'stage_conversion',
  'time_in_stage', 'slippage_count', 'slippage_amount', 'forecast_category_mix', 'type_mix', 'lead_source_mix',
];

describe('METRICS', () => {
  it('holds every metric the analytics pages need', () => {
    expect(REQUIRED.filter((id) => metricById(id) === undefined)).toEqual([]);
  });

  it('never gives two metrics the same id', () => {
    expect(new Set(METRICS.map((m) => m.id)).size).toBe(METRICS.length);
  });

  it('names, explains and gives a formula for every metric', () => {
    expect(METRICS.filter((m) => m.name === '' || m.formula === '' || m.description === '')).toEqual([]);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(METRICS) && METRICS.every((m) => Object.isFrozen(m))).toBe(true);
  });
});

describe('metricById', () => {
  it('finds a metric by its id', () => {
    expect(metricById('sales_velocity')?.unit).toBe('money_per_day');
  });

  it('finds nothing for an unknown id', () => {
    expect(metricById('quota_attainment')).toBeUndefined();
  });
});
