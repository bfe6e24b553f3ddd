import type { ExportFormat } from '../../contracts/common.ts';
import type { MetricQuery, MetricValueView, MetricsFilter, MovementQuery } from '../../contracts/metrics.ts';
import type { MetricUnit } from '../../core/metrics/metric-definition.ts';
import { formatMoney } from '../../core/shared/money.ts';
import type { CurrencyCode } from '../../core/shared/currency.ts';
import type { Store } from '../../store/database.ts';
import type { Actor } from '../access/actor.ts';
import type { DownloadFile } from '../export/download-file.ts';
import { downloadTable } from '../pipeline/download-table.ts';
import { getCycleHistogram } from './get-cycle-histogram.ts';
import { getMetric } from './get-metric.ts';
import { getMetricsSummary } from './get-metrics-summary.ts';
import { getPipelineMovement } from './get-pipeline-movement.ts';
import { getStageFunnel } from './get-stage-funnel.ts';

/**
 * Every chart's data as a table to download (CSV or XLSX): the same numbers the chart draws, money
 * as exact decimal strings in the report currency, ratios as fractions, with a display column.
 */

function cell(value: number | null | undefined, unit: MetricUnit, currency: string): string {
  if (value === null || value === undefined) return '';
  if (unit === 'money' || unit === 'money_per_day') return formatMoney({ minor: value, currency: currency as CurrencyCode });
  return String(value);
}

function money(minor: number, currency: string): string {
  return formatMoney({ minor, currency: currency as CurrencyCode });
}

function valueCells(v: MetricValueView, unit: MetricUnit, currency: string): string[] {
  return [cell(v.value, unit, currency), v.display, v.numerator === undefined || v.numerator === null ? '' : String(v.numerator), v.denominator === undefined || v.denominator === null ? '' : String(v.denominator), String(v.recordCount)];
}

/** One metric, whole and by slice. */
export async function exportMetric(store: Store, actor: Actor, metricId: string, query: MetricQuery, format: ExportFormat): Promise<DownloadFile> {
  const result = await getMetric(store, actor, metricId, query);
  const unit = result.metric.unit;
  const currency = result.filter.currency;
  const header = [result.by ?? 'slice', 'label', 'value', 'display', 'numerator', 'denominator', 'records', 'currency', 'from', 'to', 'as_of'];
  const tail = [currency, result.filter.from, result.filter.to, result.filter.asOf];
  const rows = [
    ...result.slices.map((s) => [s.key, s.label, ...valueCells(s, unit, currency), ...tail]),
    ['(total)', 'Total', ...valueCells(result.total, unit, currency), ...tail],
  ];
  return downloadTable({ header, rows }, { entity: metricId, format, isDemo: result.isDemo });
}

/** The KPI tiles with the previous period's values. */
export async function exportSummary(store: Store, actor: Actor, filter: MetricsFilter, format: ExportFormat): Promise<DownloadFile> {
  const summary = await getMetricsSummary(store, actor, filter);
  const currency = summary.filter.currency;
  const header = ['metric', 'name', 'value', 'display', 'previous_value', 'previous_display', 'change', 'unit', 'currency', 'from', 'to', 'as_of'];
  const rows = summary.tiles.map((t) => [
    t.metric.id, t.metric.name, cell(t.current.value, t.metric.unit, currency), t.current.display, cell(t.previous.value, t.metric.unit, currency), t.previous.display,
    cell(t.change, t.metric.unit, currency), t.metric.unit, currency, summary.filter.from, summary.filter.to, summary.filter.asOf,
  ]);
  return downloadTable({ header, rows }, { entity: 'kpis', format, isDemo: summary.isDemo });
}

/** The movement waterfall, whole and by slice. */
export async function exportMovement(store: Store, actor: Actor, query: MovementQuery, format: ExportFormat): Promise<DownloadFile> {
  const view = await getPipelineMovement(store, actor, query);
  const c = view.filter.currency;
  const header = ['slice', 'label', 'starting', 'created', 'pulled_in', 'restored', 'pushed_out', 'amount_changed', 'won', 'lost', 'removed', 'transferred_in', 'transferred_out', 'ending', 'currency', 'start', 'as_of'];
  const line = (key: string, label: string, m: typeof view.total, tIn: number, tOut: number) => [
    key, label, money(m.starting, c), money(m.created, c), money(m.pulledIn, c), money(m.restored, c), money(m.pushedOut, c), money(m.amountChanged, c),
    money(m.won, c), money(m.lost, c), money(m.removed, c), money(tIn, c), money(tOut, c), money(m.ending, c), c, view.start, view.filter.asOf,
  ];
  const rows = [...view.slices.map((s) => line(s.key, s.label, s, s.transferredIn, s.transferredOut)), line('(total)', 'Total', view.total, 0, 0)];
  return downloadTable({ header, rows }, { entity: 'pipeline-movement', format, isDemo: view.isDemo });
}

/** The conversion funnel by stage. */
export async function exportFunnel(store: Store, actor: Actor, filter: MetricsFilter, format: ExportFormat): Promise<DownloadFile> {
  const view = await getStageFunnel(store, actor, filter);
  const c = view.filter.currency;
  const header = ['stage', 'reached', 'conversion_to_next', 'median_days_in_stage', 'mean_days_in_stage', 'open_count', 'open_amount', 'currency'];
  const rows = view.stages.map((s) => [s.name, String(s.reached), s.conversionToNext === null ? '' : String(s.conversionToNext), s.medianDaysInStage === null ? '' : String(s.medianDaysInStage), s.meanDaysInStage === null ? '' : String(s.meanDaysInStage), String(s.openCount), money(s.openAmount, c), c]);
  return downloadTable({ header, rows }, { entity: 'stage-funnel', format, isDemo: view.isDemo });
}

/** The sales-cycle histogram. */
export async function exportCycleHistogram(store: Store, actor: Actor, filter: MetricsFilter, format: ExportFormat): Promise<DownloadFile> {
  const view = await getCycleHistogram(store, actor, filter);
  const rows = view.bins.map((b) => [String(b.fromDays), String(b.toDays), String(b.count)]);
  return downloadTable({ header: ['from_days', 'to_days_exclusive', 'won_deals'], rows }, { entity: 'sales-cycle-histogram', format, isDemo: view.isDemo });
}
