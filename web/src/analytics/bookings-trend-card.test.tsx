// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { metricResult, ok, slice, stubMetricsApi } from './testing/fake-metrics-api.ts';
import { renderAnalytics, withoutCanvas } from './testing/render-analytics.tsx';

/** Each year's bookings keyed by its own months, so the two answers can be told apart. */
const ANSWERS = {
  '/api/metrics/bookings': (url: URL) => {
    const year = (url.searchParams.get('from') ?? '2025').slice(0, 4);
    return ok(metricResult('bookings', url, [slice(`${year}-04-01`, `FY${year} M04`, 1000, `$${year === '2025' ? '10' : '7'}.00`, 1)]));
  },
  '/api/metrics/records': ok({ items: [], page: 1, pageSize: 25, total: 0, currency: 'USD' }),
};

beforeEach(withoutCanvas);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

async function trendTable() {
  return within(await screen.findByRole('table', { name: 'Bookings by month against the prior year' }));
}

describe('BookingsTrendCard', () => {
  it('asks for the same period a year earlier, read as of the page\'s as-of date', async () => {
    const api = stubMetricsApi(ANSWERS);
    renderAnalytics('/analytics?asOf=2025-05-15');
    await waitFor(() => expect(api.requestsTo('/api/metrics/bookings')).toHaveLength(2));
    expect(Object.fromEntries(api.requestsTo('/api/metrics/bookings')[1]!.searchParams)).toEqual({ from: '2024-04-01', to: '2024-06-30', asOf: '2025-05-15', by: 'month' });
  });

  it('sets each month beside the same month a year earlier', async () => {
    stubMetricsApi(ANSWERS);
    renderAnalytics('/analytics?asOf=2025-05-15');
    const row = (await (await trendTable()).findAllByRole('row'))[1]!;
    expect(within(row).getAllByRole('cell').map((cell) => cell.textContent).slice(0, 3)).toEqual(['FY2025 M04', '$10.00', '$7.00']);
  });

  it('lists a prior-year month’s deals with the prior year’s dates', async () => {
    const api = stubMetricsApi(ANSWERS);
    renderAnalytics('/analytics?asOf=2025-05-15');
    fireEvent.click(await (await trendTable()).findByRole('button', { name: /in FY2024 M04/ }));
    await screen.findByRole('dialog', { name: 'Bookings — FY2024 M04' });
    expect(Object.fromEntries(api.requestsTo('/api/metrics/records').at(-1)?.searchParams ?? [])).toMatchObject({ from: '2024-04-01', to: '2024-06-30', metric: 'bookings', by: 'month', key: '2024-04-01' });
  });
});
