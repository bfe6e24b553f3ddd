/**
 * One load of the analytics dashboard: the requests the web app issues together for a period,
 * each answered by salesops' own services, and the figures of each answer flattened to
 * `name → number` so they can be compared with the DuckDB peer's.
 */
import type { MetricResultView, MetricsSummaryView, PipelineMovementView } from '../../src/contracts/metrics.ts';
import { CALENDAR_YEAR, fiscalPeriodOf } from '../../src/core/shared/fiscal-calendar.ts';
import { addDays, addMonths, type PlainDate } from '../../src/core/shared/plain-date.ts';
import type { Actor } from '../../src/services/access/actor.ts';
import { getMetric } from '../../src/services/metrics/get-metric.ts';
import { getMetricsSummary, previousWindow } from '../../src/services/metrics/get-metrics-summary.ts';
import { getPipelineMovement } from '../../src/services/metrics/get-pipeline-movement.ts';
import type { Store } from '../../src/store/database.ts';

export const DASHBOARD_QUERIES = ['summary', 'open_pipeline_by_stage', 'bookings_by_month', 'win_rate_by_segment', 'bookings_by_owner', 'movement'] as const;
export type DashboardQueryId = (typeof DASHBOARD_QUERIES)[number];

export const QUERY_LABELS: Readonly<Record<DashboardQueryId, string>> = {
  summary: 'KPI summary (8 tiles x 2 periods)',
  open_pipeline_by_stage: 'open pipeline by stage',
  bookings_by_month: 'bookings by month (12)',
  win_rate_by_segment: 'win rate (count) by segment',
  bookings_by_owner: 'bookings by owner',
  movement: 'pipeline movement (7 days)',
};

/** The dates of one dashboard load. */
export interface DashboardPage {
  readonly asOf: PlainDate;
  /** The fiscal quarter holding the as-of date. */
  readonly period: { readonly from: PlainDate; readonly to: PlainDate };
  /** The summary's comparison: the previous period of the same length, as of the same offset. */
  readonly previous: { readonly from: PlainDate; readonly to: PlainDate; readonly asOf: PlainDate };
  /** Twelve fiscal months, the as-of date's month last. */
  readonly months: { readonly from: PlainDate; readonly to: PlainDate };
  /** Movement from the end of this day to the end of the as-of date. */
  readonly movementStart: PlainDate;
}

/** The dashboard as of `asOf` on a calendar fiscal year (the benchmark workspace's). */
export function dashboardPage(asOf: PlainDate): DashboardPage {
  const quarter = fiscalPeriodOf(CALENDAR_YEAR, asOf, 'quarter');
  const month = fiscalPeriodOf(CALENDAR_YEAR, asOf, 'month');
  return {
    asOf,
    period: { from: quarter.start, to: quarter.end },
    previous: previousWindow(CALENDAR_YEAR, quarter.start, quarter.end, asOf),
    months: { from: addMonths(month.start, -11), to: month.end },
    movementStart: addDays(asOf, -7),
  };
}

/** name → figure; a missing name reads as 0 (a slice with nothing in it). */
export type Figures = ReadonlyMap<string, number | null>;

export interface DashboardQuery {
  readonly id: DashboardQueryId;
  run(): Promise<Figures>;
}

function summaryFigures(view: MetricsSummaryView): Map<string, number | null> {
  const figures = new Map<string, number | null>();
  for (const tile of view.tiles) {
    for (const [when, value] of [['current', tile.current], ['previous', tile.previous]] as const) {
      figures.set(`${when}.${tile.metric.id}`, value.value);
      if (value.numerator !== undefined) figures.set(`${when}.${tile.metric.id}.numerator`, value.numerator);
      if (value.denominator !== undefined) figures.set(`${when}.${tile.metric.id}.denominator`, value.denominator);
    }
  }
  return figures;
}

/**
 * Slices by key (by label with `byLabel`: stage ids differ between the engines' copies, their
 * "Process: Stage" labels do not); for a ratio its exact parts instead of the ratio.
 */
function sliceFigures(view: MetricResultView, options: { readonly parts?: boolean; readonly byLabel?: boolean } = {}): Map<string, number | null> {
  const figures = new Map<string, number | null>();
  for (const slice of view.slices) {
    const name = options.byLabel === true ? slice.label : slice.key;
    if (options.parts === true) {
      figures.set(`${name}.numerator`, slice.numerator ?? null);
      figures.set(`${name}.denominator`, slice.denominator ?? null);
    } else {
      figures.set(name, slice.value);
    }
  }
  return figures;
}

function movementFigures(view: PipelineMovementView): Map<string, number | null> {
  return new Map(Object.entries(view.total));
}

/**
 * The page's requests through salesops' services, as the API routes call them for `actor`. The
 * period comes from the as-of date (the services' default, the fiscal quarter holding it).
 */
export function salesopsQueries(store: Store, actor: Actor, page: DashboardPage): DashboardQuery[] {
  const { asOf } = page;
  const run: Record<DashboardQueryId, () => Promise<Figures>> = {
    summary: async () => summaryFigures(await getMetricsSummary(store, actor, { asOf })),
    open_pipeline_by_stage: async () => sliceFigures(await getMetric(store, actor, 'open_pipeline', { asOf, by: 'stage' }), { byLabel: true }),
    bookings_by_month: async () => sliceFigures(await getMetric(store, actor, 'bookings', { asOf, from: page.months.from, to: page.months.to, by: 'month' })),
    win_rate_by_segment: async () => sliceFigures(await getMetric(store, actor, 'win_rate_count', { asOf, by: 'segment' }), { parts: true }),
    bookings_by_owner: async () => sliceFigures(await getMetric(store, actor, 'bookings', { asOf, by: 'owner' })),
    movement: async () => movementFigures(await getPipelineMovement(store, actor, { asOf, start: page.movementStart })),
  };
  return DASHBOARD_QUERIES.map((id) => ({ id, run: run[id] }));
}
