import { useCallback, useMemo, useState } from 'react';
import { NavLink, Outlet } from 'react-router';
import type { SalesProcess, WorkspaceSettings } from '../../../src/contracts/settings.ts';
import { parsePlainDate } from '../../../src/core/shared/plain-date.ts';
import { ErrorState } from '../components/error-state.tsx';
import { todayUtc } from '../lib/format-date.ts';
import { useApi } from '../lib/use-api.ts';
import { useQueryState } from '../lib/use-query-state.ts';
import { AnalyticsContext, type AnalyticsContextValue } from './analytics-context.tsx';
import { AnalyticsFilterBar } from './analytics-filter-bar.tsx';
import { FILTER_DEFAULTS, FILTER_KEYS, metricsQueryOf, type AnalyticsFilters } from './analytics-filters.ts';
import { DrillDownProvider } from './drill-down.tsx';

/** The Analytics pages, in the order of the sub-navigation. */
export const ANALYTICS_PAGES = [
  { path: '/analytics', label: 'Overview' },
  { path: '/analytics/pipeline', label: 'Pipeline' },
  { path: '/analytics/movement', label: 'Movement' },
  { path: '/analytics/win-rate', label: 'Win rate & cycle' },
  { path: '/analytics/leaderboards', label: 'Leaderboards' },
  { path: '/analytics/inspection', label: 'Inspection' },
  { path: '/analytics/explorer', label: 'Metric explorer' },
] as const;

/** The query string of the global filters alone: moving between pages keeps them and drops page-only state. */
export function filterSearch(filters: AnalyticsFilters): string {
  const search = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key] !== FILTER_DEFAULTS[key]) search.set(key, filters[key]);
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * The frame of every Analytics page: the title (with the demo-data label when an answer came from
 * the demo company), the shared filters, the sub-navigation, and the drill-down dialog.
 */
export function AnalyticsLayout() {
  const [filters, update] = useQueryState(FILTER_DEFAULTS);
  const today = todayUtc();
  const workspace = useApi<WorkspaceSettings>('/api/settings/workspace');
  const settings = workspace.data;
  const fiscal = useMemo(
    () => (settings === undefined ? null : { startMonth: settings.fiscalYearStartMonth, pattern: settings.fiscalPattern, yearNaming: settings.fiscalYearNaming }),
    [settings],
  );
  // Until the calendar is known the period's dates are not, and asking without them would load every chart twice.
  const waitForCalendar = settings === undefined && workspace.status !== 'error' && filters.period !== 'custom';
  const query = useMemo(() => (waitForCalendar ? null : metricsQueryOf(filters, fiscal, parsePlainDate(today))), [waitForCalendar, filters, fiscal, today]);
  const processList = useApi<{ processes: SalesProcess[] }>('/api/settings/sales-processes');
  const processes = useMemo(() => processList.data?.processes ?? [], [processList.data]);
  const [isDemo, setIsDemo] = useState(false);
  const reportDemo = useCallback((demo: boolean) => {
    if (demo) setIsDemo(true);
  }, []);

  const value = useMemo<AnalyticsContextValue>(
    () => ({ filters, setFilters: update, query, fiscal, corporateCurrency: settings?.corporateCurrency ?? null, processes, reportDemo }),
    [filters, update, query, fiscal, settings, processes, reportDemo],
  );
  const search = filterSearch(filters);

  return (
    <AnalyticsContext.Provider value={value}>
      <section className="page analytics">
        <h1>
          Analytics{' '}
          {isDemo && (
            <span className="badge badge-demo" title="These figures come from a generated demo company, not real data">
              Demo data
            </span>
          )}
        </h1>
        <AnalyticsFilterBar today={today} />
        {workspace.status === 'error' && <ErrorState error={workspace.error} onRetry={workspace.reload} />}
        <nav className="analytics-nav" aria-label="Analytics pages">
          <ul>
            {ANALYTICS_PAGES.map((page) => (
              <li key={page.path}>
                <NavLink to={{ pathname: page.path, search }} end className="analytics-nav-link">
                  {page.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <DrillDownProvider>
          <Outlet />
        </DrillDownProvider>
      </section>
    </AnalyticsContext.Provider>
  );
}
