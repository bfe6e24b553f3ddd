import type { MetricSliceId } from '../../contracts/metrics.ts';
import { censusRegionOf } from '../../core/geo/us-census-region.ts';
import { FORECAST_CATEGORY_LABELS, isForecastCategory } from '../../core/pipeline/forecast-category.ts';
import { fiscalPeriodOf, fiscalPeriodsBetween, type PeriodGrain } from '../../core/shared/fiscal-calendar.ts';
import { minDate, type PlainDate } from '../../core/shared/plain-date.ts';
import type { Store } from '../../store/database.ts';
import { listPeople, managerOfEachPersonOn } from '../../store/person-repository.ts';
import { listAllStages, listSalesProcesses } from '../../store/sales-process-repository.ts';
import { listTeams, teamOfEachPersonOn } from '../../store/team-repository.ts';
import type { MetricDeal } from './load-metric-deals.ts';
import type { MetricRequest } from './metric-request.ts';

/** The key deals without a value for the dimension are grouped under, and its label. */
export const NONE_KEY = '';
const NONE_LABEL = '(none)';

export const SLICE_NAMES: Readonly<Record<MetricSliceId, string>> = {
  month: 'Fiscal month',
  quarter: 'Fiscal quarter',
  year: 'Fiscal year',
  owner: 'Owner',
  team: 'Team',
  manager: 'Manager (first line)',
  region: 'Region (US census)',
  state: 'State',
  segment: 'Segment',
  industry: 'Industry',
  product: 'Product line',
  type: 'Opportunity type',
  lead_source: 'Lead source',
  process: 'Sales process',
  stage: 'Stage',
  forecast_category: 'Forecast category',
};

/** How deals are keyed and labelled for one dimension of one request. */
export interface SliceKeying {
  keyOf(deal: MetricDeal, dateOf: (deal: MetricDeal) => PlainDate): string;
  labelOf(key: string): string;
  /** Keys that appear even when no deal has them (every fiscal period of the report), in order. */
  readonly fixedKeys: readonly string[];
}

const GRAINS: Partial<Record<MetricSliceId, PeriodGrain>> = { month: 'month', quarter: 'quarter', year: 'year' };

function plain(value: string | null): string {
  return value === null || value.trim() === '' ? NONE_KEY : value;
}

/**
 * The keying of a dimension. People, teams and managers are read as of the period's end (or the
 * as-of date when earlier): "the team" is the team the owner was in then. Product is keyed by the
 * line items, not here (see splitByProduct).
 */
export async function sliceKeying(store: Store, request: MetricRequest, by: MetricSliceId): Promise<SliceKeying> {
  const orgDate = minDate(request.to, request.asOf);
  const labelFromMap = (names: ReadonlyMap<string, string>) => (key: string) => (key === NONE_KEY ? NONE_LABEL : names.get(key) ?? key);
  const grain = GRAINS[by];
  if (grain !== undefined) {
    const periods = fiscalPeriodsBetween(request.fiscal, request.from, request.to, grain);
    return {
      keyOf: (deal, dateOf) => fiscalPeriodOf(request.fiscal, dateOf(deal), grain).start,
      labelOf: (key) => (key === NONE_KEY ? NONE_LABEL : fiscalPeriodOf(request.fiscal, key as PlainDate, grain).label),
      fixedKeys: periods.map((p) => p.start),
    };
  }
  switch (by) {
    case 'owner':
    case 'manager': {
      const names = new Map((await listPeople(store.db)).map((p) => [p.id, p.name]));
      if (by === 'owner') return { keyOf: (d) => d.ownerId, labelOf: labelFromMap(names), fixedKeys: [] };
      const managers = await managerOfEachPersonOn(store.db, orgDate);
      return { keyOf: (d) => managers.get(d.ownerId) ?? NONE_KEY, labelOf: labelFromMap(names), fixedKeys: [] };
    }
    case 'team': {
      const teams = await teamOfEachPersonOn(store.db, orgDate);
      const names = new Map((await listTeams(store.db)).map((t) => [t.id, t.name]));
      return { keyOf: (d) => teams.get(d.ownerId) ?? NONE_KEY, labelOf: labelFromMap(names), fixedKeys: [] };
    }
    case 'stage': {
      const stages = await listAllStages(store.db);
      const processes = await listSalesProcesses(store.db);
      const multi = processes.length > 1;
      const processName = new Map(processes.map((p) => [p.id, p.name]));
      const names = new Map(stages.map((s) => [s.id, multi ? `${processName.get(s.processId) ?? s.processId}: ${s.name}` : s.name]));
      return { keyOf: (d) => d.stageId, labelOf: labelFromMap(names), fixedKeys: [] };
    }
    case 'process': {
      const names = new Map((await listSalesProcesses(store.db)).map((p) => [p.id, p.name]));
      return { keyOf: (d) => d.processId, labelOf: labelFromMap(names), fixedKeys: [] };
    }
    case 'forecast_category':
      return { keyOf: (d) => d.forecastCategory, labelOf: (key) => (isForecastCategory(key) ? FORECAST_CATEGORY_LABELS[key] : key), fixedKeys: [] };
    case 'region':
      return { keyOf: (d) => censusRegionOf(d.state) ?? NONE_KEY, labelOf: (key) => (key === NONE_KEY ? NONE_LABEL : key), fixedKeys: [] };
    case 'state':
      return { keyOf: (d) => plain(d.state), labelOf: (key) => (key === NONE_KEY ? NONE_LABEL : key), fixedKeys: [] };
    case 'segment':
      return { keyOf: (d) => plain(d.segment), labelOf: (key) => (key === NONE_KEY ? NONE_LABEL : key), fixedKeys: [] };
    case 'industry':
      return { keyOf: (d) => plain(d.industry), labelOf: (key) => (key === NONE_KEY ? NONE_LABEL : key), fixedKeys: [] };
    case 'type':
      return { keyOf: (d) => plain(d.type), labelOf: (key) => (key === NONE_KEY ? NONE_LABEL : key), fixedKeys: [] };
    case 'lead_source':
      return { keyOf: (d) => plain(d.leadSource), labelOf: (key) => (key === NONE_KEY ? NONE_LABEL : key), fixedKeys: [] };
    case 'product':
      // Deals are split into product-line parts before keying; the part's key rides on its segment slot.
      return { keyOf: (d) => (d as MetricDeal & { productLine?: string }).productLine ?? NONE_KEY, labelOf: (key) => (key === NONE_KEY ? 'No product' : key), fixedKeys: [] };
    default:
      return { keyOf: () => NONE_KEY, labelOf: () => NONE_LABEL, fixedKeys: [] };
  }
}
