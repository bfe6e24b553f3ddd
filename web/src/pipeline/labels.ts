import type { OpportunityListItem, StageHistoryEntry } from '../../../src/contracts/pipeline.ts';

export type ForecastCategory = OpportunityListItem['forecastCategory'];

export const FORECAST_CATEGORY_LABELS: Readonly<Record<ForecastCategory, string>> = {
  pipeline: 'Pipeline',
  best_case: 'Best case',
  commit: 'Commit',
  closed: 'Closed',
  omitted: 'Omitted',
};

export const FORECAST_CATEGORIES = Object.keys(FORECAST_CATEGORY_LABELS) as ForecastCategory[];

export const STATUS_OPTIONS = [
  { value: 'all', label: 'All' },
  { value: 'open', label: 'Open' },
  { value: 'won', label: 'Won' },
  { value: 'lost', label: 'Lost' },
  { value: 'closed', label: 'Closed (won or lost)' },
] as const;

export const HISTORY_FIELD_LABELS: Readonly<Record<StageHistoryEntry['field'], string>> = {
  stage: 'Stage',
  amount: 'Amount',
  close_date: 'Close date',
  forecast_category: 'Forecast category',
  owner: 'Owner',
};

export function opportunityStatus(item: Pick<OpportunityListItem, 'isClosed' | 'isWon'>): string {
  if (!item.isClosed) return 'Open';
  return item.isWon ? 'Won' : 'Lost';
}

/** Probability from basis points: 2500 -> "25%", 1250 -> "12.5%". */
export function formatProbability(bps: number): string {
  return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(bps / 100)}%`;
}
