import { calculateBookings, calculateCoverage, calculateOpenPipeline, calculatePipelineCreated, calculateWeightedPipeline, openInPeriod, wonInPeriod } from '../../core/metrics/bookings-and-pipeline.ts';
import { calculateSalesCycle } from '../../core/metrics/cycle-time.ts';
import { closedOn, isInPeriod, type MetricPeriod, type StageEntry } from '../../core/metrics/metric-input.ts';
import { calculateMix } from '../../core/metrics/mix.ts';
import { calculateSlippage } from '../../core/metrics/slippage.ts';
import { calculateStageConversion, calculateTimeInStage } from '../../core/metrics/stage-metrics.ts';
import { calculateSalesVelocity } from '../../core/metrics/velocity.ts';
import { calculateAverageDealSize, calculateWinRate, closedInPeriod } from '../../core/metrics/win-rate.ts';
import type { PlainDate } from '../../core/shared/plain-date.ts';
import type { MetricDeal } from './load-metric-deals.ts';

/**
 * How each catalogue metric is computed from loaded deals: the core function that defines it, the
 * deals that stand behind the figure (what a drill-down lists), and which deals must be loaded.
 * Every figure here comes from the core's functions; this module only chooses and routes.
 */

/** One computed figure in the metric's unit (money in minor units of the report currency). */
export interface Figure {
  readonly value: number | null;
  readonly numerator?: number | null;
  readonly denominator?: number | null;
  /** Time in stage: the mean days beside the median the value holds. */
  readonly meanDays?: number | null;
  /** The deals behind the figure (empty when the figure was summed in the database: see recordCount). */
  readonly records: readonly MetricDeal[];
  /** How many deals stand behind the figure, when not all of them are in `records`. */
  readonly recordCount?: number;
}

/** How many deals stand behind a figure. */
export function recordCountOf(figure: Figure): number {
  return figure.recordCount ?? figure.records.length;
}

export interface EvaluationContext {
  readonly period: MetricPeriod;
  /** Target for coverage in minor units of the report currency; undefined when none was given. */
  readonly targetMinor?: number | undefined;
  /** Stage entries of the loaded deals (stage metrics only). */
  readonly stageEntries?: readonly StageEntry[];
  /** Stage ids in process order (stage metrics only). */
  readonly stageOrder?: readonly string[];
}

/** What a metric needs loaded besides the deals of its period. */
export interface MetricNeeds {
  /** The date each deal is placed in a fiscal period by, when cut by month, quarter or year. */
  readonly dateOf: (deal: MetricDeal) => PlainDate;
  /** All deals open on the as-of date, whatever their close date. */
  readonly allOpen?: boolean;
  readonly stageHistory?: boolean;
  readonly pushes?: boolean;
  /** The metric splits a deal's amount over its line items when cut by product. */
  readonly byProduct?: boolean;
}

interface Evaluator extends MetricNeeds {
  evaluate(deals: readonly MetricDeal[], context: EvaluationContext): Figure;
}

const byClose = (deal: MetricDeal): PlainDate => closedOn(deal);
const byCreated = (deal: MetricDeal): PlainDate => deal.createdDate;

function createdIn(deals: readonly MetricDeal[], period: MetricPeriod): MetricDeal[] {
  return deals.filter((d) => isInPeriod(period, d.createdDate));
}

function asDeals(list: readonly unknown[], deals: readonly MetricDeal[]): MetricDeal[] {
  // The core filters return the very objects it was given; map them back to the loaded deals.
  const ids = new Set((list as readonly { id: string }[]).map((o) => o.id));
  return deals.filter((d) => ids.has(d.id));
}

function stageInputs(context: EvaluationContext): { entries: readonly StageEntry[]; order: readonly string[] } {
  return { entries: context.stageEntries ?? [], order: context.stageOrder ?? [] };
}

const EVALUATORS: Readonly<Record<string, Evaluator>> = {
  bookings: {
    dateOf: byClose,
    byProduct: true,
    evaluate: (deals, { period }) => ({ value: calculateBookings(deals, period).amountMinor, records: asDeals(wonInPeriod(deals, period), deals) }),
  },
  pipeline_created: {
    dateOf: byCreated,
    byProduct: true,
    evaluate: (deals, { period }) => ({ value: calculatePipelineCreated(deals, period).amountMinor, records: createdIn(deals, period) }),
  },
  open_pipeline: {
    dateOf: byClose,
    byProduct: true,
    evaluate: (deals, { period }) => ({ value: calculateOpenPipeline(deals, period).amountMinor, records: asDeals(openInPeriod(deals, period), deals) }),
  },
  weighted_pipeline: {
    dateOf: byClose,
    byProduct: true,
    evaluate: (deals, { period }) => ({ value: calculateWeightedPipeline(deals, period).amountMinor, records: asDeals(openInPeriod(deals, period), deals) }),
  },
  coverage: {
    dateOf: byClose,
    evaluate: (deals, { period, targetMinor }) => {
      const records = asDeals(openInPeriod(deals, period), deals);
      if (targetMinor === undefined) return { value: null, numerator: calculateOpenPipeline(deals, period).amountMinor, denominator: null, records };
      const coverage = calculateCoverage(deals, period, targetMinor);
      return { value: coverage.ratio, numerator: coverage.openPipelineMinor, denominator: coverage.remainingTargetMinor, records };
    },
  },
  win_rate_count: {
    dateOf: byClose,
    evaluate: (deals, { period }) => {
      const rate = calculateWinRate(deals, period);
      return { value: rate.byCount, numerator: rate.wonCount, denominator: rate.wonCount + rate.lostCount, records: asDeals(closedInPeriod(deals, period), deals) };
    },
  },
  win_rate_value: {
    dateOf: byClose,
    evaluate: (deals, { period }) => {
      const rate = calculateWinRate(deals, period);
      return { value: rate.byValue, numerator: rate.wonAmountMinor, denominator: rate.wonAmountMinor + rate.lostAmountMinor, records: asDeals(closedInPeriod(deals, period), deals) };
    },
  },
  average_deal_size: {
    dateOf: byClose,
    evaluate: (deals, { period }) => {
      const size = calculateAverageDealSize(deals, period);
      return { value: size.amountMinor, numerator: calculateBookings(deals, period).amountMinor, denominator: size.count, records: asDeals(wonInPeriod(deals, period), deals) };
    },
  },
  sales_cycle_median_days: {
    dateOf: byClose,
    evaluate: (deals, { period }) => ({ value: calculateSalesCycle(deals, period).medianDays, records: asDeals(closedInPeriod(deals, period).filter((d) => d.isWon), deals) }),
  },
  sales_cycle_mean_days: {
    dateOf: byClose,
    evaluate: (deals, { period }) => {
      const cycle = calculateSalesCycle(deals, period);
      return { value: cycle.meanDays, numerator: cycle.totalDays, denominator: cycle.count, records: asDeals(closedInPeriod(deals, period).filter((d) => d.isWon), deals) };
    },
  },
  sales_velocity: {
    dateOf: byClose,
    allOpen: true,
    evaluate: (deals, { period }) => ({ value: calculateSalesVelocity(deals, period).minorPerDay, records: deals.filter((d) => !d.isClosed) }),
  },
  stage_conversion: {
    dateOf: byCreated,
    stageHistory: true,
    evaluate: (deals, context) => {
      const { entries, order } = stageInputs(context);
      const rows = calculateStageConversion(deals, context.period, entries, order);
      const entered = rows.reduce((sum, r) => sum + r.entered, 0);
      const advanced = rows.reduce((sum, r) => sum + r.advanced, 0);
      const ids = new Set(entries.filter((e) => isInPeriod(context.period, e.enteredAt)).map((e) => e.opportunityId));
      return { value: entered === 0 ? null : advanced / entered, numerator: advanced, denominator: entered, records: deals.filter((d) => ids.has(d.id)) };
    },
  },
  time_in_stage: {
    dateOf: byCreated,
    stageHistory: true,
    evaluate: (deals, context) => {
      const { entries, order } = stageInputs(context);
      const rows = calculateTimeInStage(deals, context.period, entries, order);
      const stays = rows.reduce((sum, r) => sum + r.stays, 0);
      // Over all stages: the mean of every stay, weighting each stage by its stays.
      const totalDays = rows.reduce((sum, r) => sum + (r.meanDays ?? 0) * r.stays, 0);
      const ids = new Set(entries.map((e) => e.opportunityId));
      return { value: stays === 0 ? null : totalDays / stays, numerator: null, denominator: stays, records: deals.filter((d) => ids.has(d.id)) };
    },
  },
  slippage_count: {
    dateOf: byClose,
    allOpen: true,
    pushes: true,
    evaluate: (deals, { period }) => {
      const slipped = deals.filter((d) => !d.isClosed && d.pushCount > 0 && d.closeDate >= period.from);
      return { value: calculateSlippage(deals, period).count, records: slipped };
    },
  },
  slippage_amount: {
    dateOf: byClose,
    allOpen: true,
    pushes: true,
    evaluate: (deals, { period }) => {
      const slipped = deals.filter((d) => !d.isClosed && d.pushCount > 0 && d.closeDate >= period.from);
      return { value: calculateSlippage(deals, period).amountMinor, records: slipped };
    },
  },
  forecast_category_mix: {
    dateOf: byClose,
    evaluate: (deals, { period }) => {
      const records = asDeals(openInPeriod(deals, period), deals);
      return { value: calculateMix(records, 'forecast_category').amountMinor, records };
    },
  },
  type_mix: {
    dateOf: byClose,
    byProduct: true,
    evaluate: (deals, { period }) => {
      const records = asDeals(wonInPeriod(deals, period), deals);
      return { value: calculateMix(records, 'type').amountMinor, records };
    },
  },
  lead_source_mix: {
    dateOf: byCreated,
    byProduct: true,
    evaluate: (deals, { period }) => {
      const records = createdIn(deals, period);
      return { value: calculateMix(records, 'lead_source').amountMinor, records };
    },
  },
};

/** The dimension a mix metric is cut by when the caller names none. */
export const DEFAULT_SLICE: Readonly<Record<string, 'forecast_category' | 'type' | 'lead_source' | 'stage'>> = {
  forecast_category_mix: 'forecast_category',
  type_mix: 'type',
  lead_source_mix: 'lead_source',
  stage_conversion: 'stage',
  time_in_stage: 'stage',
};

export function evaluatorOf(metricId: string): Evaluator | undefined {
  return EVALUATORS[metricId];
}

/** Metric ids with an evaluator: every catalogue entry must have one (a test checks). */
export const EVALUATED_METRICS: readonly string[] = Object.keys(EVALUATORS);
