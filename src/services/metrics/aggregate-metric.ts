import type { MetricSliceId } from '../../contracts/metrics.ts';
import { weightedAmountMinor } from '../../core/metrics/bookings-and-pipeline.ts';
import { cycleDays } from '../../core/metrics/cycle-time.ts';
import { divideHalfUp, meanOfIntegers, median, ratioOrNull, safeMinor } from '../../core/metrics/metric-arithmetic.ts';
import { isInPeriod, type MetricPeriod } from '../../core/metrics/metric-input.ts';
import type { ForecastCategory } from '../../core/pipeline/forecast-category.ts';
import { endOfDay } from '../../core/pipeline/opportunity-history.ts';
import type { PlainDate } from '../../core/shared/plain-date.ts';
import type { Store } from '../../store/database.ts';
import {
  hasChangesAfter,
  queryCloseAggregates,
  queryCreatedAggregates,
  queryCycleAggregates,
  type AggregateFilter,
  type AggregateKey,
} from '../../store/metric-aggregate-query.ts';
import { loadMetricDeals, UNASSIGNED_OWNER, type MetricDeal } from './load-metric-deals.ts';
import type { Figure } from './metric-evaluators.ts';
import type { MetricRequest } from './metric-request.ts';
import type { SliceKeying } from './metric-slices.ts';
import type { ReportConverter } from './report-converter.ts';

/**
 * The fast path for the figures a dashboard shows first: when nothing changed after the as-of date
 * (so today's rows are the deals as they stood), the deals already in the report currency are
 * summed and counted in the database, and only the others are read one by one, converted and
 * added. The figures are the core's (same filters, same per-deal rounding; medians from the exact
 * list of cycle lengths); a test compares this path with the per-deal one on the demo workspace.
 */

/** Metrics this path computes; the others always read deal by deal. */
export const AGGREGATED_METRICS: ReadonlySet<string> = new Set([
  'bookings', 'pipeline_created', 'open_pipeline', 'weighted_pipeline', 'coverage', 'win_rate_count', 'win_rate_value', 'average_deal_size',
  'sales_cycle_median_days', 'sales_cycle_mean_days',
]);

/** The metrics dated by creation (cut by month of creation); the others by close date. */
const CREATED_METRICS: ReadonlySet<string> = new Set(['pipeline_created']);

/** Sums and counts of one group of deals (a slice, or the whole). */
interface Measures {
  won: { count: number; priced: number; sum: bigint };
  lost: { count: number; sum: bigint };
  open: { count: number; sum: bigint; weighted: bigint };
  created: { count: number; sum: bigint };
  /** Cycle lengths of the won deals, in days, one entry per deal. */
  cycleDays: number[];
}

function emptyMeasures(): Measures {
  return { won: { count: 0, priced: 0, sum: 0n }, lost: { count: 0, sum: 0n }, open: { count: 0, sum: 0n, weighted: 0n }, created: { count: 0, sum: 0n }, cycleDays: [] };
}

/** The slice column a dimension is grouped by in the database (people, teams, regions and periods are mapped after). */
function aggregateKeyOf(slice: MetricSliceId | null, metricId: string): AggregateKey | null {
  switch (slice) {
    case null:
      return 'none';
    case 'owner':
    case 'team':
    case 'manager':
      return 'owner_id';
    case 'stage':
      return 'stage_id';
    case 'process':
      return 'process_id';
    case 'type':
      return 'type';
    case 'lead_source':
      return 'lead_source';
    case 'forecast_category':
      return 'forecast_category';
    case 'region':
    case 'state':
      return 'state';
    case 'segment':
      return 'segment';
    case 'industry':
      return 'industry';
    case 'month':
    case 'quarter':
    case 'year':
      return CREATED_METRICS.has(metricId) ? 'created_date' : 'close_date';
    case 'product':
      return null;
  }
}

/** A stand-in deal carrying one raw column, so a slice keying can place it like a loaded deal. */
function probe(key: AggregateKey, raw: string | null): MetricDeal {
  const value = raw ?? null;
  return {
    id: '',
    ownerId: key === 'owner_id' ? value ?? UNASSIGNED_OWNER : UNASSIGNED_OWNER,
    createdDate: (key === 'created_date' ? value : '1970-01-01') as PlainDate,
    closeDate: (key === 'close_date' ? value : '1970-01-01') as PlainDate,
    isClosed: false,
    isWon: false,
    stageId: key === 'stage_id' ? value ?? '' : '',
    amountMinor: null,
    probabilityBps: 0,
    forecastCategory: (key === 'forecast_category' ? value : 'pipeline') as ForecastCategory,
    type: key === 'type' ? value : null,
    leadSource: key === 'lead_source' ? value : null,
    pushCount: 0,
    accountId: null,
    processId: key === 'process_id' ? value ?? '' : '',
    state: key === 'state' ? value : null,
    segment: key === 'segment' ? value : null,
    industry: key === 'industry' ? value : null,
    currency: '' as MetricDeal['currency'],
    originalAmountMinor: null,
  };
}

function rawKeyOfDeal(key: AggregateKey, deal: MetricDeal): string | null {
  switch (key) {
    case 'none':
      return null;
    case 'owner_id':
      return deal.ownerId === UNASSIGNED_OWNER ? null : deal.ownerId;
    case 'stage_id':
      return deal.stageId;
    case 'process_id':
      return deal.processId;
    case 'type':
      return deal.type;
    case 'lead_source':
      return deal.leadSource;
    case 'forecast_category':
      return deal.forecastCategory;
    case 'state':
      return deal.state;
    case 'segment':
      return deal.segment;
    case 'industry':
      return deal.industry;
    case 'close_date':
      return deal.closeDate;
    case 'created_date':
      return deal.createdDate;
  }
}

/** Adds one converted deal's contributions to the measures, by the core's rules. */
function addDeal(m: Measures, deal: MetricDeal, period: MetricPeriod): void {
  const amount = BigInt(deal.amountMinor ?? 0);
  if (isInPeriod(period, deal.closeDate)) {
    if (deal.isClosed && deal.isWon) {
      m.won.count += 1;
      if (deal.amountMinor !== null) m.won.priced += 1;
      m.won.sum += amount;
      m.cycleDays.push(cycleDays(deal));
    } else if (deal.isClosed) {
      m.lost.count += 1;
      m.lost.sum += amount;
    } else {
      m.open.count += 1;
      m.open.sum += amount;
      m.open.weighted += BigInt(weightedAmountMinor(deal));
    }
  }
  if (isInPeriod(period, deal.createdDate)) {
    m.created.count += 1;
    m.created.sum += amount;
  }
}

/** The figure of one metric from a group's measures, as the core's function computes it. */
function figureOf(metricId: string, m: Measures, targetMinor: number | undefined): Figure {
  const money = (value: bigint) => safeMinor(value, metricId);
  const closed = m.won.count + m.lost.count;
  switch (metricId) {
    case 'bookings':
      return { value: money(m.won.sum), records: [], recordCount: m.won.count };
    case 'pipeline_created':
      return { value: money(m.created.sum), records: [], recordCount: m.created.count };
    case 'open_pipeline':
      return { value: money(m.open.sum), records: [], recordCount: m.open.count };
    case 'weighted_pipeline':
      return { value: money(m.open.weighted), records: [], recordCount: m.open.count };
    case 'coverage': {
      const open = money(m.open.sum);
      if (targetMinor === undefined) return { value: null, numerator: open, denominator: null, records: [], recordCount: m.open.count };
      const remaining = money(BigInt(targetMinor) - m.won.sum);
      return { value: remaining > 0 ? ratioOrNull(open, remaining) : null, numerator: open, denominator: remaining, records: [], recordCount: m.open.count };
    }
    case 'win_rate_count':
      return { value: ratioOrNull(m.won.count, closed), numerator: m.won.count, denominator: closed, records: [], recordCount: closed };
    case 'win_rate_value': {
      const won = money(m.won.sum);
      const decided = money(m.won.sum + m.lost.sum);
      return { value: ratioOrNull(won, decided), numerator: won, denominator: decided, records: [], recordCount: closed };
    }
    case 'average_deal_size': {
      const value = m.won.priced === 0 ? null : money(divideHalfUp(m.won.sum, BigInt(m.won.priced)));
      return { value, numerator: money(m.won.sum), denominator: m.won.priced, records: [], recordCount: m.won.count };
    }
    case 'sales_cycle_median_days':
      return { value: median(m.cycleDays), records: [], recordCount: m.won.count };
    case 'sales_cycle_mean_days':
      return { value: meanOfIntegers(m.cycleDays), numerator: m.cycleDays.reduce((a, b) => a + b, 0), denominator: m.cycleDays.length, records: [], recordCount: m.won.count };
    default:
      throw new Error(`${metricId} is not computed by the aggregate path`);
  }
}

export interface AggregatedMetric {
  readonly total: Figure;
  /** Figures by slice key (present for every key any deal has). */
  readonly slices: ReadonlyMap<string, Figure>;
}

/**
 * Whether this request can take the fast path: an aggregated metric, a slice the database can
 * group by, and nothing changed after the as-of date.
 */
export async function canAggregate(store: Store, request: MetricRequest, metricIds: readonly string[], slice: MetricSliceId | null): Promise<boolean> {
  if (!metricIds.every((id) => AGGREGATED_METRICS.has(id))) return false;
  if (metricIds.some((id) => aggregateKeyOf(slice, id) === null)) return false;
  return !(await hasChangesAfter(store.db, endOfDay(request.asOf)));
}

/**
 * Several metrics of one request, whole and by slice, from database sums of the deals in the
 * report currency plus the other deals converted one by one. Call only when canAggregate says so.
 */
export async function aggregateMetrics(
  store: Store,
  request: MetricRequest,
  metricIds: readonly string[],
  slice: MetricSliceId | null,
  keying: SliceKeying | null,
  converter: ReportConverter,
  targetMinor?: number,
): Promise<Map<string, AggregatedMetric>> {
  const period = { from: request.from, to: request.to };
  const filter: AggregateFilter = {
    ownerIds: request.ownerIds === null ? null : [...request.ownerIds].sort(),
    createdOnOrBefore: request.asOf,
    currency: request.currency,
    attributes: request.attributes,
  };
  const result = new Map<string, AggregatedMetric>();
  // Metrics dated by close date share one set of queries; pipeline created has its own key when cut by period.
  const keys = new Map<AggregateKey, string[]>();
  for (const id of metricIds) {
    const key = aggregateKeyOf(slice, id);
    if (key === null) throw new Error(`${id} cannot be aggregated by ${slice ?? 'nothing'}`);
    keys.set(key, [...(keys.get(key) ?? []), id]);
  }
  const needsCycle = metricIds.some((id) => id.startsWith('sales_cycle'));
  const needsCreated = metricIds.includes('pipeline_created');
  // Deals in other currencies, read and converted one by one (none when every deal is in the report currency).
  const foreign = await loadMetricDeals(
    store,
    { ...request, attributes: { ...request.attributes, excludeCurrency: request.currency } },
    { ranges: [period], accountAttributes: slice !== null && ['region', 'state', 'segment', 'industry'].includes(slice) },
    converter,
  );
  for (const [key, ids] of keys) {
    const [close, created, cycle] = await Promise.all([
      queryCloseAggregates(store.db, filter, period, key),
      needsCreated ? queryCreatedAggregates(store.db, filter, period, key) : Promise.resolve([]),
      needsCycle ? queryCycleAggregates(store.db, store.engine, filter, period, key) : Promise.resolve([]),
    ]);
    const sliceKeyOf = (raw: string | null): string => {
      if (keying === null) return '';
      const date = (raw ?? '1970-01-01') as PlainDate;
      return keying.keyOf(probe(key, raw), () => date);
    };
    const bySlice = new Map<string, Measures>();
    const whole = emptyMeasures();
    const measuresOf = (raw: string | null): Measures => {
      const k = sliceKeyOf(raw);
      let m = bySlice.get(k);
      if (m === undefined) {
        m = emptyMeasures();
        bySlice.set(k, m);
      }
      return m;
    };
    for (const r of close) {
      for (const m of [whole, measuresOf(r.key)]) {
        if (r.isClosed && r.isWon) {
          m.won.count += r.count;
          m.won.priced += r.priced;
          m.won.sum += BigInt(r.sumMinor);
        } else if (r.isClosed) {
          m.lost.count += r.count;
          m.lost.sum += BigInt(r.sumMinor);
        } else {
          m.open.count += r.count;
          m.open.sum += BigInt(r.sumMinor);
          m.open.weighted += BigInt(r.weightedMinor);
        }
      }
    }
    for (const r of created) {
      for (const m of [whole, measuresOf(r.key)]) {
        m.created.count += r.count;
        m.created.sum += BigInt(r.sumMinor);
      }
    }
    for (const r of cycle) {
      for (const m of [whole, measuresOf(r.key)]) for (let i = 0; i < r.count; i += 1) m.cycleDays.push(r.days);
    }
    for (const deal of foreign) {
      addDeal(whole, deal, period);
      addDeal(measuresOf(rawKeyOfDeal(key, deal)), deal, period);
    }
    for (const id of ids) {
      result.set(id, { total: figureOf(id, whole, targetMinor), slices: new Map([...bySlice].map(([k, m]) => [k, figureOf(id, m, targetMinor)])) });
    }
  }
  return result;
}
