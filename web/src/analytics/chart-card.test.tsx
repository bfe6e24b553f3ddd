// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { HistogramView } from '../../../src/contracts/metrics.ts';
import { metricResult, ok, slice, stubMetricsApi, type FakeAnswer } from './testing/fake-metrics-api.ts';
import { renderAnalytics, withoutCanvas } from './testing/render-analytics.tsx';

const PAGE = '/analytics/leaderboards?asOf=2025-05-15';
const OWNERS = [slice('per_b', 'Bo Seller', 100, '$1.00', 1), slice('per_a', 'Ana Closer', 900, '$9.00', 3)];

function leaderboards(bookings: FakeAnswer): Record<string, FakeAnswer> {
  return {
    '/api/metrics/bookings': bookings,
    '/api/metrics/win_rate_count': (url) => ok(metricResult('win_rate_count', url, OWNERS)),
    '/api/metrics/pipeline_created': (url) => ok(metricResult('pipeline_created', url, OWNERS)),
  };
}

async function card(title: string) {
  return within((await screen.findByRole('heading', { name: title })).closest('section')!);
}

beforeEach(withoutCanvas);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('chart cards', () => {
  it('say so in the data’s words when no deal stands behind the figure', async () => {
    stubMetricsApi(leaderboards((url) => ok(metricResult('bookings', url, []))));
    renderAnalytics(PAGE);
    expect(await (await card('Bookings by owner')).findByText('No deals closed won in this period.')).toBeTruthy();
  });

  it('show the server’s message and a way to try again when the figures fail to load', async () => {
    const api = stubMetricsApi(leaderboards({ status: 400, body: { error: { code: 'invalid_argument', message: 'The period cannot end before it starts' } } }));
    renderAnalytics(PAGE);
    const bookings = await card('Bookings by owner');
    expect((await bookings.findByRole('alert')).textContent).toContain('The period cannot end before it starts');
    fireEvent.click(bookings.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(api.requestsTo('/api/metrics/bookings')).toHaveLength(2));
  });

  it('say they are loading until the first answer arrives', async () => {
    vi.stubGlobal('fetch', vi.fn(() => new Promise<Response>(() => undefined)));
    renderAnalytics(PAGE);
    expect((await card('Bookings by owner')).getByRole('status').textContent).toBe('Loading…');
  });

  it('stand the chart aside for its table where the browser cannot draw, keeping the test id and label', async () => {
    stubMetricsApi(leaderboards((url) => ok(metricResult('bookings', url, OWNERS))));
    renderAnalytics(PAGE);
    const bookings = await card('Bookings by owner');
    await bookings.findByRole('table');
    const chart = screen.getByTestId('chart-leaderboard-bookings');
    expect([chart.getAttribute('role'), chart.getAttribute('aria-label'), chart.getAttribute('data-rendered')]).toEqual(['img', 'Bookings by owner: Bookings by owner, 2 bars', null]);
  });

  it('rank a leaderboard’s table largest first', async () => {
    stubMetricsApi(leaderboards((url) => ok(metricResult('bookings', url, OWNERS))));
    renderAnalytics(PAGE);
    const rows = (await (await card('Bookings by owner')).findAllByRole('row')).slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell').slice(0, 2).map((cell) => cell.textContent))).toEqual([
      ['1', 'Ana Closer'],
      ['2', 'Bo Seller'],
    ]);
  });

  it('link their exports to the data’s export with the same filters', async () => {
    stubMetricsApi(leaderboards((url) => ok(metricResult('bookings', url, OWNERS))));
    renderAnalytics(`${PAGE}&segment=SMB`);
    const bookings = await card('Bookings by owner');
    expect((await bookings.findByRole('link', { name: 'XLSX' })).getAttribute('href')).toBe('/api/metrics/bookings/export?format=xlsx&from=2025-04-01&to=2025-06-30&asOf=2025-05-15&segment=SMB&by=owner');
  });

  it('say no deals were won when the cycle histogram has no bins', async () => {
    const empty: HistogramView = { filter: { from: '2025-04-01', to: '2025-06-30', asOf: '2025-05-15', currency: 'USD', corporateCurrency: 'USD' }, bins: [], isDemo: false };
    stubMetricsApi({ '/api/metrics/cycle-histogram': ok(empty) });
    renderAnalytics('/analytics/win-rate?asOf=2025-05-15');
    expect(await (await card('Sales cycle histogram')).findByText('No deals closed won in this period.')).toBeTruthy();
  });
});
