// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PipelineMovementView } from '../../../src/contracts/metrics.ts';
import { ok, stubMetricsApi } from './testing/fake-metrics-api.ts';
import { renderAnalytics, withoutCanvas } from './testing/render-analytics.tsx';

const AMOUNTS = { starting: 100000, created: 20000, pulledIn: 0, restored: 0, pushedOut: 5000, amountChanged: 0, won: 15000, lost: 0, removed: 0, ending: 100000 };

const MOVEMENT: PipelineMovementView = {
  filter: { from: '2025-04-01', to: '2025-06-30', asOf: '2025-05-15', currency: 'USD', corporateCurrency: 'USD' },
  start: '2025-05-08',
  total: AMOUNTS,
  slices: [{ ...AMOUNTS, key: 'per_rep', label: 'Rita Rep', transferredIn: 0, transferredOut: 0 }],
  dealCount: 4,
  isDemo: false,
};

beforeEach(withoutCanvas);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

function lastRecordsRequest(api: ReturnType<typeof stubMetricsApi>): Record<string, string> {
  return Object.fromEntries(api.requestsTo('/api/metrics/records').at(-1)?.searchParams ?? []);
}

describe('MovementPage', () => {
  it('lists the deals of a waterfall step by its bucket, from the movement’s start date', async () => {
    const api = stubMetricsApi({ '/api/metrics/movement': ok(MOVEMENT), '/api/metrics/records': ok({ items: [], page: 1, pageSize: 25, total: 0, currency: 'USD' }) });
    renderAnalytics('/analytics/movement?asOf=2025-05-15');
    const steps = within(await screen.findByRole('table', { name: 'Pipeline movement steps' }));
    fireEvent.click(steps.getByRole('button', { name: /-\$150\.00/ }));
    await screen.findByRole('dialog', { name: 'Pipeline movement — Won' });
    expect(lastRecordsRequest(api)).toMatchObject({ metric: 'pipeline_movement', bucket: 'won', start: '2025-05-08', asOf: '2025-05-15' });
  });

  it('lists the deals of one bucket of one owner from the table by owner', async () => {
    const api = stubMetricsApi({ '/api/metrics/movement': ok(MOVEMENT), '/api/metrics/records': ok({ items: [], page: 1, pageSize: 25, total: 0, currency: 'USD' }) });
    renderAnalytics('/analytics/movement?asOf=2025-05-15');
    fireEvent.click(await screen.findByRole('button', { name: /Created for Rita Rep/ }));
    await screen.findByRole('dialog');
    expect(lastRecordsRequest(api)).toMatchObject({ metric: 'pipeline_movement', bucket: 'created', by: 'owner', key: 'per_rep' });
  });

  it('asks for the movement since the picked start date, cut by the picked dimension', async () => {
    const api = stubMetricsApi({ '/api/metrics/movement': ok(MOVEMENT) });
    renderAnalytics('/analytics/movement?asOf=2025-05-15');
    fireEvent.change(await screen.findByLabelText('Movement since'), { target: { value: '2025-04-30' } });
    fireEvent.change(screen.getByLabelText('By'), { target: { value: 'segment' } });
    await waitFor(() => expect(Object.fromEntries(api.requestsTo('/api/metrics/movement').at(-1)?.searchParams ?? [])).toMatchObject({ start: '2025-04-30', by: 'segment' }));
  });

  it('says so when no pipeline existed or moved', async () => {
    stubMetricsApi({ '/api/metrics/movement': ok({ ...MOVEMENT, dealCount: 0, slices: [] }) });
    renderAnalytics('/analytics/movement?asOf=2025-05-15');
    expect(await screen.findAllByText('No pipeline closing in this period existed or moved between these dates.')).toHaveLength(2);
  });
});
