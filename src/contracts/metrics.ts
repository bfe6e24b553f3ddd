import { z } from 'zod';
import { exportFormat, isoDate } from './common.ts';
import { opportunityListItem } from './pipeline.ts';

/** The dimensions a metric can be cut by (the `by` of a metric query). */
export const metricSlice = z.enum([
  'month', 'quarter', 'year', 'owner', 'team', 'manager', 'region', 'state', 'segment', 'industry', 'product',
  'type', 'lead_source', 'process', 'stage', 'forecast_category',
]);
export type MetricSliceId = z.infer<typeof metricSlice>;

/**
 * The filters every analytics request takes, kept in the web app's URL. `from`..`to` is the reporting
 * period (both days included; default the current fiscal quarter); `asOf` the date the data is read
 * as of (default today: a past date rebuilds every deal from its field history).
 */
export const metricsFilter = z.object({
  from: isoDate.optional(),
  to: isoDate.optional(),
  asOf: isoDate.optional(),
  /** A person id: their reporting subtree as of the period's end. */
  manager: z.string().max(64).optional(),
  ownerId: z.string().max(64).optional(),
  segment: z.string().max(200).optional(),
  region: z.string().max(200).optional(),
  state: z.string().max(200).optional(),
  industry: z.string().max(200).optional(),
  processId: z.string().max(64).optional(),
  type: z.string().max(200).optional(),
  leadSource: z.string().max(200).optional(),
  /** Report in this currency (converted at dated rates) instead of the corporate currency. */
  currency: z.string().length(3).optional(),
});
export type MetricsFilter = z.infer<typeof metricsFilter>;

export const metricDefinition = z.object({
  id: z.string(),
  name: z.string(),
  formula: z.string(),
  unit: z.enum(['money', 'count', 'ratio', 'days', 'money_per_day']),
  direction: z.enum(['higher_is_better', 'lower_is_better', 'neutral']),
  description: z.string(),
  /** Dimensions this metric can be cut by. */
  slices: z.array(metricSlice),
});
export type MetricDefinitionView = z.infer<typeof metricDefinition>;

export const metricCatalogue = z.object({ metrics: z.array(metricDefinition), slices: z.array(z.object({ id: metricSlice, name: z.string() })) });
export type MetricCatalogueView = z.infer<typeof metricCatalogue>;

/**
 * One figure. `value` is in the metric's unit: money and money_per_day in integer minor units of
 * `currency`, ratio as a plain fraction (0.25 = 25 %; for display, computed from exact counts or
 * minor units), days and counts as numbers; null when undefined (no deals closed, no target).
 */
export const metricValue = z.object({
  value: z.number().nullable(),
  /** The value as a person reads it: "$1,234.56", "25.0 %", "41 days". */
  display: z.string(),
  /** For ratios: the exact parts the ratio came from, in the numerator's unit. */
  numerator: z.number().nullable().optional(),
  denominator: z.number().nullable().optional(),
  /** How many records stand behind the figure (what a drill-down lists). */
  recordCount: z.number().int(),
});
export type MetricValueView = z.infer<typeof metricValue>;

export const metricSliceValue = metricValue.extend({ key: z.string(), label: z.string() });
export type MetricSliceValueView = z.infer<typeof metricSliceValue>;

export const metricQuery = metricsFilter.extend({ by: metricSlice.optional(), target: z.coerce.number().int().nonnegative().optional() });
export type MetricQuery = z.infer<typeof metricQuery>;

export const resolvedFilter = z.object({
  from: isoDate,
  to: isoDate,
  asOf: isoDate,
  currency: z.string(),
  corporateCurrency: z.string(),
});

export const metricResult = z.object({
  metric: metricDefinition,
  filter: resolvedFilter,
  total: metricValue,
  by: metricSlice.nullable(),
  /** One entry per slice key, in key order (periods in date order); empty without `by`. */
  slices: z.array(metricSliceValue),
  isDemo: z.boolean(),
});
export type MetricResultView = z.infer<typeof metricResult>;

export const kpiTile = z.object({
  metric: metricDefinition,
  current: metricValue,
  /** The same metric over the previous period of the same length, read as of the same as-of date. */
  previous: metricValue,
  /** current − previous in the metric's unit; null when either is undefined. */
  change: z.number().nullable(),
});
export const metricsSummary = z.object({ filter: resolvedFilter, previous: z.object({ from: isoDate, to: isoDate, asOf: isoDate }), tiles: z.array(kpiTile), isDemo: z.boolean() });
export type MetricsSummaryView = z.infer<typeof metricsSummary>;

export const movementBucket = z.enum(['created', 'pulledIn', 'restored', 'pushedOut', 'amountChanged', 'won', 'lost', 'removed']);
export const movementAmounts = z.object({
  starting: z.number().int(),
  created: z.number().int(),
  pulledIn: z.number().int(),
  restored: z.number().int(),
  pushedOut: z.number().int(),
  amountChanged: z.number().int(),
  won: z.number().int(),
  lost: z.number().int(),
  removed: z.number().int(),
  ending: z.number().int(),
});
export const movementQuery = metricsFilter.extend({
  /** Compare the pipeline as of `start` with the pipeline as of `asOf` (default: 7 days before). */
  start: isoDate.optional(),
  by: metricSlice.optional(),
});
export type MovementQuery = z.infer<typeof movementQuery>;
export const pipelineMovementView = z.object({
  filter: resolvedFilter,
  start: isoDate,
  total: movementAmounts,
  slices: z.array(movementAmounts.extend({ key: z.string(), label: z.string(), transferredIn: z.number().int(), transferredOut: z.number().int() })),
  dealCount: z.number().int(),
  isDemo: z.boolean(),
});
export type PipelineMovementView = z.infer<typeof pipelineMovementView>;

export const stageFunnelView = z.object({
  filter: resolvedFilter,
  stages: z.array(z.object({
    stageId: z.string(),
    name: z.string(),
    processId: z.string(),
    /** Deals that reached the stage (entered it or a later one), among deals created in the period. */
    reached: z.number().int(),
    /** Share of those reaching this stage that reached the next one; null for the last. */
    conversionToNext: z.number().nullable(),
    medianDaysInStage: z.number().nullable(),
    meanDaysInStage: z.number().nullable(),
    openAmount: z.number().int(),
    openCount: z.number().int(),
  })),
  isDemo: z.boolean(),
});
export type StageFunnelView = z.infer<typeof stageFunnelView>;

export const histogramView = z.object({
  filter: resolvedFilter,
  bins: z.array(z.object({ fromDays: z.number().int(), toDays: z.number().int(), count: z.number().int() })),
  isDemo: z.boolean(),
});
export type HistogramView = z.infer<typeof histogramView>;

/**
 * The records behind a figure: `metric` and optionally one slice (`by` + `key`); amounts in the
 * report currency beside the deal's own.
 */
export const metricRecordsQuery = metricQuery.extend({
  metric: z.string().max(64),
  key: z.string().max(200).optional(),
  /** For movement drill-down: the bucket whose deals to list, or the pipeline at either end. */
  bucket: z.enum([...movementBucket.options, 'starting', 'ending']).optional(),
  start: isoDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  format: exportFormat.optional(),
});
export type MetricRecordsQuery = z.infer<typeof metricRecordsQuery>;
export const metricRecord = opportunityListItem.extend({
  /** The deal's contribution to the figure in the report currency (minor units). */
  reportAmountMinor: z.number().int().nullable(),
});
export type MetricRecordView = z.infer<typeof metricRecord>;
export const metricRecordsPage = z.object({
  items: z.array(metricRecord),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
  currency: z.string(),
});
export type MetricRecordsPageView = z.infer<typeof metricRecordsPage>;

export const chartExportQuery = metricQuery.extend({ format: exportFormat.default('csv') });

export const warningKind = z.enum(['close_date_past', 'no_next_step', 'stalled', 'pushed', 'amount_changed', 'no_activity']);

/** The open deals of the caller's scope with their warnings, as of the as-of date. */
export const inspectionQuery = metricsFilter.extend({
  /** Only deals carrying this warning. */
  warning: warningKind.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  format: exportFormat.optional(),
});
export type InspectionQuery = z.infer<typeof inspectionQuery>;

const complianceFigures = z.object({
  openCount: z.number().int(),
  cleanCount: z.number().int(),
  openAmountMinor: z.number().int(),
  cleanAmountMinor: z.number().int(),
  /** Share of the open pipeline (by amount; by count when it has none) without warnings, 0..10000. */
  scoreBps: z.number().int().nullable(),
  warningCounts: z.record(z.string(), z.number().int()),
});

export const inspectionView = z.object({
  filter: resolvedFilter,
  kinds: z.array(z.object({ id: warningKind, label: z.string(), description: z.string() })),
  deals: z.array(z.object({
    deal: metricRecord,
    warnings: z.array(z.object({ kind: warningKind, message: z.string() })),
  })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  byRep: z.array(complianceFigures.extend({ ownerId: z.string(), name: z.string() })),
  byTeam: z.array(complianceFigures.extend({ teamId: z.string().nullable(), name: z.string(), repCount: z.number().int() })),
  /** Each rep's score at the end of each of the last weeks, oldest first. */
  trend: z.array(z.object({ ownerId: z.string(), name: z.string(), points: z.array(z.object({ asOf: isoDate, scoreBps: z.number().int().nullable() })) })),
  isDemo: z.boolean(),
});
export type InspectionView = z.infer<typeof inspectionView>;

const inspectionRulesShape = z.object({
  closeDateInPast: z.boolean(),
  noNextStep: z.boolean(),
  stalledPercentile: z.number().int().nullable(),
  pushCount: z.number().int().nullable(),
  amountChangeBps: z.number().int().nullable(),
  noActivityDays: z.number().int().nullable(),
});
/** The workspace's deal inspection rules: defaults and, per sales process id, the entries that differ. */
export const inspectionRulesBody = z.object({
  defaults: inspectionRulesShape,
  byProcess: z.record(z.string(), inspectionRulesShape.partial()),
});
export type InspectionRulesBody = z.infer<typeof inspectionRulesBody>;
