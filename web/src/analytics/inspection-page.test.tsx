// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InspectionView } from '../../../src/contracts/metrics.ts';
import { ok, stubMetricsApi } from './testing/fake-metrics-api.ts';
import { renderAnalytics, withoutCanvas } from './testing/render-analytics.tsx';

const INSPECTION: InspectionView = {
  filter: { from: '2025-04-01', to: '2025-06-30', asOf: '2025-05-15', currency: 'USD', corporateCurrency: 'USD' },
  kinds: [
    { id: 'stalled', label: 'Stalled in stage', description: 'Longer in its stage than most deals.' },
    { id: 'no_next_step', label: 'No next step', description: 'Nobody wrote down what moves it.' },
  ],
  deals: [
    {
      deal: {
        id: 'opp_1', externalId: null, name: 'Acme expansion', account: null, owner: { id: 'per_rep', name: 'Rita Rep' }, stage: { id: 'stg_propose', name: 'Propose' },
        amount: { minor: 500000, currency: 'USD' }, closeDate: '2025-06-01', createdDate: '2025-01-02', forecastCategory: 'best_case', probabilityBps: 5000, isClosed: false, isWon: false, reportAmountMinor: 500000,
      },
      warnings: [{ kind: 'stalled', message: 'In Propose for 80 days' }],
    },
  ],
  total: 1,
  page: 1,
  pageSize: 50,
  byRep: [{ ownerId: 'per_rep', name: 'Rita Rep', openCount: 4, cleanCount: 3, openAmountMinor: 900000, cleanAmountMinor: 400000, scoreBps: 4444, warningCounts: { stalled: 1 } }],
  byTeam: [{ teamId: 'team_1', name: 'East', repCount: 1, openCount: 4, cleanCount: 3, openAmountMinor: 900000, cleanAmountMinor: 400000, scoreBps: 4444, warningCounts: { stalled: 1 } }],
  trend: [{ ownerId: 'per_rep', name: 'Rita Rep', points: [{ asOf: '2025-05-08', scoreBps: 5000 }, { asOf: '2025-05-15', scoreBps: 4444 }] }],
  isDemo: false,
};

beforeEach(withoutCanvas);

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('InspectionPage', () => {
  it('shows each deal’s warnings as chips with the rule’s message', async () => {
    stubMetricsApi({ '/api/metrics/inspection': ok(INSPECTION) });
    renderAnalytics('/analytics/inspection?asOf=2025-05-15');
    const deals = within(await screen.findByRole('table', { name: 'Open deals with warnings' }));
    const chip = await deals.findByText('Stalled in stage');
    expect([chip.getAttribute('title'), deals.getByRole('link', { name: 'Acme expansion' }).getAttribute('href')]).toEqual(['In Propose for 80 days', '/opportunities/opp_1']);
  });

  it('shows the compliance score of each rep as a percentage', async () => {
    stubMetricsApi({ '/api/metrics/inspection': ok(INSPECTION) });
    renderAnalytics('/analytics/inspection?asOf=2025-05-15');
    const row = (await within(screen.getByRole('table', { name: 'Compliance by rep' })).findByRole('button', { name: /Rita Rep/ })).closest('tr')!;
    expect(within(row).getAllByRole('cell')[1]?.textContent).toBe(new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 }).format(0.4444));
  });

  it('asks for the deals of one warning kind and exports that list', async () => {
    const api = stubMetricsApi({ '/api/metrics/inspection': ok(INSPECTION) });
    renderAnalytics('/analytics/inspection?asOf=2025-05-15');
    await screen.findByRole('option', { name: 'Stalled in stage' });
    fireEvent.change(screen.getByLabelText('Warning'), { target: { value: 'stalled' } });
    await waitFor(() => expect(api.requestsTo('/api/metrics/inspection').at(-1)?.searchParams.get('warning')).toBe('stalled'));
    const deals = screen.getByRole('table', { name: 'Open deals with warnings' }).closest('.data-table') as HTMLElement;
    expect(within(deals).getByRole('link', { name: 'CSV' }).getAttribute('href')).toBe('/api/metrics/inspection/export?format=csv&from=2025-04-01&to=2025-06-30&asOf=2025-05-15&warning=stalled');
  });

  it('lists one rep’s deals from their warning count while compliance stays whole', async () => {
    const api = stubMetricsApi({ '/api/metrics/inspection': ok(INSPECTION) });
    renderAnalytics('/analytics/inspection?asOf=2025-05-15');
    const byRep = within(await screen.findByRole('table', { name: 'Compliance by rep' }));
    fireEvent.click(await byRep.findByRole('button', { name: '1' }));
    await waitFor(() => expect(api.requestsTo('/api/metrics/inspection').some((url) => url.searchParams.get('ownerId') === 'per_rep' && url.searchParams.get('warning') === 'stalled')).toBe(true));
    await waitFor(() => expect(api.requestsTo('/api/metrics/inspection').some((url) => url.searchParams.get('pageSize') === '1' && !url.searchParams.has('ownerId'))).toBe(true));
  });

  it('offers the compliance trend as a table beside its chart', async () => {
    stubMetricsApi({ '/api/metrics/inspection': ok(INSPECTION) });
    renderAnalytics('/analytics/inspection?asOf=2025-05-15');
    const trend = within(await screen.findByRole('table', { name: 'Compliance trend by rep' }));
    expect(trend.getAllByRole('columnheader')).toHaveLength(3);
  });
});
