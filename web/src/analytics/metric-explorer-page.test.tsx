// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MetricCatalogueView } from '../../../src/contracts/metrics.ts';
import { definition, metricResult, ok, slice, stubMetricsApi } from './testing/fake-metrics-api.ts';
import { renderAnalytics, withoutCanvas } from './testing/render-analytics.tsx';

const CATALOGUE: MetricCatalogueView = {
  metrics: [
    definition('bookings', { name: 'Bookings', slices: ['month', 'owner'] }),
    definition('win_rate_count', { name: 'Win rate (count)', unit: 'ratio', formula: 'won ÷ (won + lost)', slices: ['segment', 'owner'] }),
  ],
  slices: [
    { id: 'month', name: 'Fiscal month' },
    { id: 'owner', name: 'Owner' },
    { id: 'segment', name: 'Segment' },
  ],
};

const ANSWERS = {
  '/api/metrics': ok(CATALOGUE),
  '/api/metrics/bookings': (url: URL) => ok(metricResult('bookings', url, [slice('per_rep', 'Rita Rep', 100, '$1.00', 1)])),
  '/api/metrics/win_rate_count': (url: URL) => ok(metricResult('win_rate_count', url, [slice('SMB', 'SMB', 0.5, '50.0 %', 2)])),
};

beforeEach(withoutCanvas);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('MetricExplorerPage', () => {
  it('shows the picked metric’s definition and asks for it by the picked slice', async () => {
    const api = stubMetricsApi(ANSWERS);
    renderAnalytics('/analytics/explorer?asOf=2025-05-15&metric=win_rate_count&by=owner');
    const definitionCard = within((await screen.findByRole('heading', { name: 'Win rate (count)' })).closest('section')!);
    expect(definitionCard.getByText('won ÷ (won + lost)')).toBeTruthy();
    await waitFor(() => expect(api.requestsTo('/api/metrics/win_rate_count').at(-1)?.searchParams.get('by')).toBe('owner'));
  });

  it('falls back to the metric’s first slice when the URL names one it cannot be cut by', async () => {
    const api = stubMetricsApi(ANSWERS);
    renderAnalytics('/analytics/explorer?asOf=2025-05-15&metric=win_rate_count&by=month');
    await waitFor(() => expect(api.requestsTo('/api/metrics/win_rate_count').at(-1)?.searchParams.get('by')).toBe('segment'));
  });

  it('writes the picked metric to the URL', async () => {
    stubMetricsApi(ANSWERS);
    renderAnalytics('/analytics/explorer?asOf=2025-05-15');
    fireEvent.change(await screen.findByLabelText('Metric'), { target: { value: 'win_rate_count' } });
    expect(screen.getByTestId('location').textContent).toContain('metric=win_rate_count');
  });
});
