// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MetricRecordsPageView, MetricsSummaryView } from '../../../src/contracts/metrics.ts';
import { definition, metricResult, ok, slice, stubMetricsApi } from './testing/fake-metrics-api.ts';
import { renderAnalytics, withoutCanvas } from './testing/render-analytics.tsx';

const FILTER = { from: '2025-04-01', to: '2025-06-30', asOf: '2025-05-15', currency: 'USD', corporateCurrency: 'USD' };

const SUMMARY: MetricsSummaryView = {
  filter: FILTER,
  previous: { from: '2025-01-01', to: '2025-03-31', asOf: '2025-02-13' },
  tiles: [{ metric: definition('bookings', { name: 'Bookings' }), current: { value: 150000, display: '$1,500.00', recordCount: 1 }, previous: { value: 0, display: '$0.00', recordCount: 0 }, change: 150000 }],
  isDemo: false,
};

const RECORDS: MetricRecordsPageView = {
  items: [
    {
      id: 'opp_1',
      externalId: null,
      name: 'Acme renewal',
      account: { id: 'acct_1', name: 'Acme' },
      owner: { id: 'per_rep', name: 'Rita Rep' },
      stage: { id: 'stg_won', name: 'Closed Won' },
      amount: { minor: 150000, currency: 'USD' },
      closeDate: '2025-05-02',
      createdDate: '2025-01-10',
      forecastCategory: 'closed',
      probabilityBps: 10000,
      isClosed: true,
      isWon: true,
      reportAmountMinor: 150000,
    },
  ],
  page: 1,
  pageSize: 25,
  total: 1,
  currency: 'USD',
};

const ANSWERS = {
  '/api/metrics/summary': ok(SUMMARY),
  '/api/metrics/bookings': (url: URL) => ok(metricResult('bookings', url, [slice('2025-04-01', 'FY2025 M04', 150000, '$1,500.00', 1)])),
  '/api/metrics/records': ok(RECORDS),
  '/api/metrics/win_rate_count': (url: URL) => ok(metricResult('win_rate_count', url, [slice('', '(none)', 0.5, '50.0 %', 2), slice('Enterprise', 'Enterprise', 1, '100.0 %', 1)])),
};

beforeEach(withoutCanvas);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function recordsParams(api: ReturnType<typeof stubMetricsApi>): Record<string, string> {
  const request = api.requestsTo('/api/metrics/records').at(-1);
  return request === undefined ? {} : Object.fromEntries(request.searchParams);
}

describe('drill-down', () => {
  it('lists the records behind a KPI tile with the page’s filters', async () => {
    const api = stubMetricsApi(ANSWERS);
    renderAnalytics('/analytics?asOf=2025-05-15&region=South');
    fireEvent.click(await within(await screen.findByTestId('kpi-bookings')).findByRole('button'));
    await screen.findByRole('dialog', { name: 'Bookings' });
    expect(recordsParams(api)).toEqual({ from: '2025-04-01', to: '2025-06-30', asOf: '2025-05-15', region: 'South', metric: 'bookings', page: '1', pageSize: '25' });
  });

  it('links each record to its opportunity and exports the whole list', async () => {
    stubMetricsApi(ANSWERS);
    renderAnalytics('/analytics?asOf=2025-05-15');
    fireEvent.click(await within(await screen.findByTestId('kpi-bookings')).findByRole('button'));
    const dialog = within(await screen.findByRole('dialog'));
    expect((await dialog.findByRole('link', { name: 'Acme renewal' })).getAttribute('href')).toBe('/opportunities/opp_1');
    expect(dialog.getByRole('link', { name: 'CSV' }).getAttribute('href')).toBe('/api/metrics/records/export?format=csv&from=2025-04-01&to=2025-06-30&asOf=2025-05-15&metric=bookings');
  });

  it('lists one slice’s records by its dimension and key from a table row', async () => {
    const api = stubMetricsApi(ANSWERS);
    renderAnalytics('/analytics/win-rate?asOf=2025-05-15');
    const card = within((await screen.findByRole('heading', { name: 'Win rate by segment (count)' })).closest('section')!);
    fireEvent.click(await card.findByRole('button', { name: /100\.0 %: show the 1 deals/ }));
    await screen.findByRole('dialog', { name: 'win_rate_count — Enterprise' });
    expect(recordsParams(api)).toMatchObject({ metric: 'win_rate_count', by: 'segment', key: 'Enterprise' });
  });

  it('asks for the deals without a value by their empty key, not for the whole figure', async () => {
    const api = stubMetricsApi(ANSWERS);
    renderAnalytics('/analytics/win-rate?asOf=2025-05-15');
    const card = within((await screen.findByRole('heading', { name: 'Win rate by segment (count)' })).closest('section')!);
    fireEvent.click(await card.findByRole('button', { name: /50\.0 %: show the 2 deals/ }));
    await screen.findByRole('dialog');
    expect(recordsParams(api)).toMatchObject({ by: 'segment', key: '' });
  });

  it('turns to the next page of records with the same figure', async () => {
    const api = stubMetricsApi({ ...ANSWERS, '/api/metrics/records': ok({ ...RECORDS, total: 60 }) });
    renderAnalytics('/analytics?asOf=2025-05-15');
    fireEvent.click(await within(await screen.findByTestId('kpi-bookings')).findByRole('button'));
    const dialog = within(await screen.findByRole('dialog'));
    await dialog.findByText('Acme renewal');
    fireEvent.click(dialog.getByRole('button', { name: 'Next' }));
    await waitFor(() => expect(recordsParams(api)).toMatchObject({ metric: 'bookings', page: '2' }));
  });

  it('closes with Escape and gives focus back to what opened it', async () => {
    stubMetricsApi(ANSWERS);
    renderAnalytics('/analytics?asOf=2025-05-15');
    const opener = await within(await screen.findByTestId('kpi-bookings')).findByRole('button');
    opener.focus();
    fireEvent.click(opener);
    await screen.findByRole('dialog');
    fireEvent.keyDown(document, { key: 'Escape' });
    expect([screen.queryByRole('dialog'), document.activeElement]).toEqual([null, opener]);
  });
});
