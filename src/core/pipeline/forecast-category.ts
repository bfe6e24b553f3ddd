import { DomainError } from '../shared/domain-error.ts';

/**
 * Forecast categories, in order from least to most certain (Omitted sits outside the forecast).
 * Cumulative views: closed + commit = "commit"; + best case = "best case"; + pipeline = "open pipeline".
 */
export const FORECAST_CATEGORIES = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;
export type ForecastCategory = (typeof FORECAST_CATEGORIES)[number];

export const FORECAST_CATEGORY_LABELS: Readonly<Record<ForecastCategory, string>> = {
  pipeline: 'Pipeline',
  best_case: 'Best Case',
  commit: 'Commit',
  closed: 'Closed',
  omitted: 'Omitted',
};

export function isForecastCategory(value: string): value is ForecastCategory {
  return (FORECAST_CATEGORIES as readonly string[]).includes(value);
}

/** Accepts the labels CRMs export ("Best Case", "BestCase", "best_case", "Closed Won" is not one). */
export function parseForecastCategory(value: string): ForecastCategory {
  const key = value.trim().toLowerCase().replace(/[\s-]+/g, '_');
  const normalised = key === 'bestcase' ? 'best_case' : key;
  if (!isForecastCategory(normalised)) {
    throw new DomainError('invalid_stage', `"${value}" is not a forecast category (Pipeline, Best Case, Commit, Closed, Omitted)`, { value });
  }
  return normalised;
}
