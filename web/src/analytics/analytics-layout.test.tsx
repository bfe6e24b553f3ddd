// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { metricResult, ok, slice, stubMetricsApi } from './testing/fake-metrics-api.ts';
import { renderAnalytics, withoutCanvas } from './testing/render-analytics.tsx';

const LEADERBOARD_ANSWERS = Object.fromEntries(
  ['bookings', 'win_rate_count', 'pipeline_created'].map((id) => [`/api/metrics/${id}`, (url: URL) => ok(metricResult(id, url, [slice('per_rep', 'Rita Rep', 500, '$5.00', 2)]))]),
);

const FILTERED = '/analytics/leaderboards?period=custom&from=2025-01-01&to=2025-03-31&region=South&manager=per_mgr';

function location(): string {
  return screen.getByTestId('location').textContent;
}

beforeEach(withoutCanvas);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('AnalyticsLayout', () => {
  it('shows the filters the URL holds in the filter bar', async () => {
    stubMetricsApi(LEADERBOARD_ANSWERS);
    renderAnalytics(FILTERED);
    const filters = screen.getByRole('search', { name: 'Analytics filters' });
    await within(filters).findByRole('option', { name: /Mo Manager/ });
    expect({
      period: within(filters).getByLabelText<HTMLSelectElement>('Period').value,
      from: within(filters).getByLabelText<HTMLInputElement>('From').value,
      to: within(filters).getByLabelText<HTMLInputElement>('To').value,
      region: within(filters).getByLabelText<HTMLSelectElement>('Region').value,
      team: within(filters).getByLabelText<HTMLSelectElement>('Team').value,
    }).toEqual({ period: 'custom', from: '2025-01-01', to: '2025-03-31', region: 'South', team: 'per_mgr' });
  });

  it('asks the API for the figures of the filters in the URL', async () => {
    const api = stubMetricsApi(LEADERBOARD_ANSWERS);
    renderAnalytics(FILTERED);
    await waitFor(() => expect(api.requestsTo('/api/metrics/bookings')).toHaveLength(1));
    const params = Object.fromEntries(api.requestsTo('/api/metrics/bookings')[0]!.searchParams);
    expect(params).toEqual({ from: '2025-01-01', to: '2025-03-31', manager: 'per_mgr', region: 'South', by: 'owner' });
  });

  it('writes a changed filter to the URL, keeping the others, and asks again with it', async () => {
    const api = stubMetricsApi(LEADERBOARD_ANSWERS);
    renderAnalytics(FILTERED);
    await waitFor(() => expect(api.requestsTo('/api/metrics/bookings')).toHaveLength(1));
    fireEvent.change(screen.getByLabelText('Region'), { target: { value: 'West' } });
    expect(new URL(location(), 'http://x').searchParams.get('region')).toBe('West');
    expect(location()).toContain('from=2025-01-01');
    await waitFor(() => expect(api.requestsTo('/api/metrics/bookings').at(-1)?.searchParams.get('region')).toBe('West'));
  });

  it('dates a preset period from the as-of date with the workspace’s fiscal calendar', async () => {
    const api = stubMetricsApi(LEADERBOARD_ANSWERS);
    renderAnalytics('/analytics/leaderboards?period=last_quarter&asOf=2025-05-15');
    await waitFor(() => expect(api.requestsTo('/api/metrics/bookings')).toHaveLength(1));
    const params = api.requestsTo('/api/metrics/bookings')[0]!.searchParams;
    expect([params.get('from'), params.get('to'), params.get('asOf')]).toEqual(['2025-01-01', '2025-03-31', '2025-05-15']);
  });

  it('starts custom dates from the period on screen when custom is picked', async () => {
    stubMetricsApi(LEADERBOARD_ANSWERS);
    renderAnalytics('/analytics/leaderboards?asOf=2025-05-15');
    await screen.findByText(/as of/);
    fireEvent.change(screen.getByLabelText('Period'), { target: { value: 'custom' } });
    const search = new URL(location(), 'http://x').searchParams;
    expect([search.get('period'), search.get('from'), search.get('to')]).toEqual(['custom', '2025-04-01', '2025-06-30']);
  });

  it('keeps the filters, and only them, in the links to the other Analytics pages', () => {
    stubMetricsApi(LEADERBOARD_ANSWERS);
    renderAnalytics(`${FILTERED}&movementBy=team`);
    const nav = screen.getByRole('navigation', { name: 'Analytics pages' });
    expect(within(nav).getByRole('link', { name: 'Overview' }).getAttribute('href')).toBe('/analytics?period=custom&from=2025-01-01&to=2025-03-31&manager=per_mgr&region=South');
  });

  it('clears every filter from the URL with Reset filters', () => {
    stubMetricsApi(LEADERBOARD_ANSWERS);
    renderAnalytics(FILTERED);
    fireEvent.click(screen.getByRole('button', { name: 'Reset filters' }));
    expect(location()).toBe('/analytics/leaderboards');
  });

  it('labels the figures as demo data when an answer says it comes from the demo company', async () => {
    stubMetricsApi({ ...LEADERBOARD_ANSWERS, '/api/metrics/bookings': (url) => ok(metricResult('bookings', url, [], { isDemo: true })) });
    renderAnalytics(FILTERED);
    expect(await within(screen.getByRole('heading', { level: 1 })).findByText('Demo data')).toBeTruthy();
  });
});
