/**
 * Addresses of the metrics API: each endpoint with the global filter query and its own extras,
 * and the `/export` twin of each, which answers the same query with a CSV or XLSX file.
 */
import type { ExportLinks } from '../components/data-table.tsx';
import { queryString, type QueryValue } from '../lib/http-client.ts';
import type { MetricsQuery } from './analytics-filters.ts';

export type Extras = Readonly<Record<string, QueryValue>>;

/** `/api/metrics/...?<filters>&<extras>`; empty values are left out. */
export function metricsPath(base: string, query: MetricsQuery, extras: Extras = {}): string {
  return `${base}${queryString({ ...query, ...extras })}`;
}

/** The CSV and XLSX downloads of an endpoint's data, for the same query. */
export function exportLinksOf(base: string, query: MetricsQuery, extras: Extras = {}): ExportLinks {
  const link = (format: 'csv' | 'xlsx') => `${base}/export${queryString({ format, ...query, ...extras })}`;
  return { csv: link('csv'), xlsx: link('xlsx') };
}

/** What a drill-down lists: the records behind one figure. */
export interface RecordsTarget {
  /** A metric id, or `pipeline_movement` with a bucket. */
  readonly metric: string;
  readonly by?: string;
  /**
   * The slice key; '' is a real key (deals without a value, shown as "(none)"), so it is sent even
   * when empty, unlike the other parameters.
   */
  readonly key?: string;
  readonly bucket?: string;
  readonly start?: string;
  readonly target?: string;
}

function recordsSearch(query: MetricsQuery, target: RecordsTarget, extras: Extras): URLSearchParams {
  const { key, ...rest } = target;
  const search = new URLSearchParams(queryString({ ...extras, ...query, ...rest }).slice(1));
  if (key !== undefined) search.set('key', key);
  return search;
}

/** One page of the records behind a figure. */
export function recordsPath(query: MetricsQuery, target: RecordsTarget, page: number, pageSize: number): string {
  const search = recordsSearch(query, target, {});
  search.set('page', String(page));
  search.set('pageSize', String(pageSize));
  return `/api/metrics/records?${search.toString()}`;
}

/** Every record behind a figure as CSV or XLSX. */
export function recordsExportLinks(query: MetricsQuery, target: RecordsTarget): ExportLinks {
  const link = (format: 'csv' | 'xlsx') => `/api/metrics/records/export?${recordsSearch(query, target, { format }).toString()}`;
  return { csv: link('csv'), xlsx: link('xlsx') };
}
