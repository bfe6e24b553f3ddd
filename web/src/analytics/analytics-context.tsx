import { createContext, useContext, useEffect } from 'react';
import type { SalesProcess } from '../../../src/contracts/settings.ts';
import type { FiscalCalendarConfig } from '../../../src/core/shared/fiscal-calendar.ts';
import { useApi, type ApiResource } from '../lib/use-api.ts';
import { metricsPath, type Extras } from './analytics-api.ts';
import type { AnalyticsFilters, FilterKey, MetricsQuery } from './analytics-filters.ts';

export interface AnalyticsContextValue {
  /** The filters as the URL holds them. */
  readonly filters: AnalyticsFilters;
  readonly setFilters: (patch: Partial<Record<FilterKey, string>>, options?: { readonly replace?: boolean }) => void;
  /** The API query of those filters; null until the period can be worked out. */
  readonly query: MetricsQuery | null;
  /** The workspace's fiscal calendar; null while it loads. */
  readonly fiscal: FiscalCalendarConfig | null;
  /** The workspace's corporate currency (the report currency unless one is picked); null while it loads. */
  readonly corporateCurrency: string | null;
  /** The sales processes and their stages (the filter's choices, the order of stage charts); empty while they load. */
  readonly processes: readonly SalesProcess[];
  /** Pages say when an answer came from the generated demo company, for the label by the title. */
  readonly reportDemo: (isDemo: boolean) => void;
}

export const AnalyticsContext = createContext<AnalyticsContextValue | null>(null);

/** The shared filters of the Analytics area; only inside AnalyticsLayout. */
export function useAnalytics(): AnalyticsContextValue {
  const value = useContext(AnalyticsContext);
  if (value === null) throw new Error('useAnalytics is used outside the Analytics layout');
  return value;
}

/**
 * GETs a metrics endpoint with the global filters (or `query` when given, e.g. the prior year)
 * and its extras; waits while the filters are not ready; reports demo data to the layout.
 */
export function useMetricsApi<T extends { readonly isDemo: boolean }>(base: string, extras: Extras = {}, query?: MetricsQuery | null): ApiResource<T> {
  const analytics = useAnalytics();
  const effective = query === undefined ? analytics.query : query;
  const resource = useApi<T>(effective === null ? null : metricsPath(base, effective, extras));
  const isDemo = resource.data?.isDemo === true;
  const { reportDemo } = analytics;
  useEffect(() => {
    if (isDemo) reportDemo(true);
  }, [isDemo, reportDemo]);
  return resource;
}
