/**
 * A stand-in for the salesops API in the Analytics component tests: answers by path with the
 * payloads given (or a workspace-wide default), records every request, and can fail on purpose.
 */
import { vi } from 'vitest';
import type { MetricDefinitionView, MetricResultView, MetricSliceValueView } from '../../../../src/contracts/metrics.ts';
import type { PeopleTree } from '../../../../src/contracts/people.ts';
import type { SalesProcess, WorkspaceSettings } from '../../../../src/contracts/settings.ts';

export type FakeAnswer = { readonly status: number; readonly body: unknown } | ((url: URL) => { readonly status: number; readonly body: unknown });

export const WORKSPACE: WorkspaceSettings = {
  name: 'Acme',
  corporateCurrency: 'USD',
  fiscalYearStartMonth: 1,
  fiscalPattern: 'calendar',
  fiscalYearNaming: 'end',
  bookingBasis: 'acv',
  managersSeePay: false,
  isDemo: false,
};

export const PROCESSES: { processes: SalesProcess[] } = {
  processes: [
    {
      id: 'proc_new',
      name: 'New business',
      kind: 'new_business',
      isDefault: true,
      stages: [
        { id: 'stg_won', name: 'Closed Won', sortOrder: 3, probabilityBps: 10000, forecastCategory: 'closed', isClosed: true, isWon: true },
        { id: 'stg_qualify', name: 'Qualify', sortOrder: 1, probabilityBps: 1000, forecastCategory: 'pipeline', isClosed: false, isWon: false },
        { id: 'stg_propose', name: 'Propose', sortOrder: 2, probabilityBps: 5000, forecastCategory: 'best_case', isClosed: false, isWon: false },
      ],
    },
  ],
};

export const PEOPLE: PeopleTree = {
  asOf: '2025-05-15',
  count: 3,
  roots: [
    {
      id: 'per_vp',
      name: 'Vera VP',
      title: 'VP Sales',
      jobRole: 'executive',
      email: null,
      active: true,
      reports: [
        { id: 'per_mgr', name: 'Mo Manager', title: null, jobRole: 'manager', email: null, active: true, reports: [{ id: 'per_rep', name: 'Rita Rep', title: null, jobRole: 'rep', email: null, active: true, reports: [] }] },
      ],
    },
  ],
};

const ALL_SLICES: MetricDefinitionView['slices'] = ['month', 'owner', 'segment', 'stage'];

export function definition(id: string, overrides: Partial<MetricDefinitionView> = {}): MetricDefinitionView {
  return { id, name: id === 'bookings' ? 'Bookings' : id, formula: `formula of ${id}`, unit: 'money', direction: 'higher_is_better', description: `What ${id} means.`, slices: ALL_SLICES, ...overrides };
}

export function slice(key: string, label: string, value: number | null, display: string, recordCount: number): MetricSliceValueView {
  return { key, label, value, display, recordCount };
}

/** A metric answer for the filters of a request, so figures can be told apart by what was asked. */
export function metricResult(id: string, url: URL, slices: readonly MetricSliceValueView[], overrides: Partial<MetricResultView> = {}): MetricResultView {
  const recordCount = slices.reduce((sum, s) => sum + s.recordCount, 0);
  return {
    metric: definition(id),
    filter: { from: url.searchParams.get('from') ?? '2025-04-01', to: url.searchParams.get('to') ?? '2025-06-30', asOf: url.searchParams.get('asOf') ?? '2025-05-15', currency: url.searchParams.get('currency') ?? 'USD', corporateCurrency: 'USD' },
    total: { value: slices.reduce((sum, s) => sum + (s.value ?? 0), 0), display: 'total', recordCount },
    by: null,
    slices: [...slices],
    isDemo: false,
    ...overrides,
  };
}

const ok = (body: unknown) => ({ status: 200, body });

/** Answers for what every Analytics page asks of the layout: settings, people, processes, rates. */
const LAYOUT_ANSWERS: Readonly<Record<string, FakeAnswer>> = {
  '/api/settings/workspace': ok(WORKSPACE),
  '/api/settings/sales-processes': ok(PROCESSES),
  '/api/settings/currency-rates': ok({ corporateCurrency: 'USD', rates: [{ currency: 'EUR', startDate: null, rate: '0.9' }] }),
  '/api/people/tree': ok(PEOPLE),
  '/api/metrics/open_pipeline': (url) => ok(metricResult('open_pipeline', url, url.searchParams.get('by') === 'segment' ? [slice('Enterprise', 'Enterprise', 100, '$1.00', 1)] : [])),
};

export interface FakeApi {
  /** Every request made, in order. */
  readonly requests: URL[];
  /** The requests to one path. */
  requestsTo(pathname: string): URL[];
}

/** Stubs fetch: `answers` by pathname first, then the layout's defaults; anything else is a 404. */
export function stubMetricsApi(answers: Readonly<Record<string, FakeAnswer>> = {}): FakeApi {
  const requests: URL[] = [];
  const fetchMock = vi.fn((input: string) => {
    const url = new URL(input, 'http://salesops.test');
    requests.push(url);
    const answer = answers[url.pathname] ?? LAYOUT_ANSWERS[url.pathname];
    const { status, body } = answer === undefined ? { status: 404, body: { error: { code: 'not_found', message: `No fake for ${url.pathname}` } } } : typeof answer === 'function' ? answer(url) : answer;
    return Promise.resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } }));
  });
  vi.stubGlobal('fetch', fetchMock);
  return { requests, requestsTo: (pathname) => requests.filter((url) => url.pathname === pathname) };
}

export { ok };
