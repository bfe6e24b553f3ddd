import { describe, expect, it } from 'vitest';
import { exportLinksOf, recordsExportLinks, recordsPath } from './analytics-api.ts';

describe('metrics addresses', () => {
  it('puts the export format first and the same filters after it', () => {
    expect(exportLinksOf('/api/metrics/bookings', { from: '2025-01-01', region: 'South' }, { by: 'month' }).xlsx).toBe('/api/metrics/bookings/export?format=xlsx&from=2025-01-01&region=South&by=month');
  });

  it('sends an empty slice key, which names the deals without a value', () => {
    const url = new URL(recordsPath({ from: '2025-01-01' }, { metric: 'bookings', by: 'segment', key: '' }, 2, 25), 'http://x');
    expect([url.searchParams.get('key'), url.searchParams.get('page'), url.searchParams.get('pageSize')]).toEqual(['', '2', '25']);
  });

  it('lists a movement bucket’s deals from the movement’s start date', () => {
    const url = new URL(recordsExportLinks({ asOf: '2025-05-15' }, { metric: 'pipeline_movement', bucket: 'won', start: '2025-05-08' }).csv, 'http://x');
    expect(Object.fromEntries(url.searchParams)).toEqual({ format: 'csv', asOf: '2025-05-15', metric: 'pipeline_movement', bucket: 'won', start: '2025-05-08' });
  });
});
