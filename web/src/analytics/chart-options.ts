/**
 * ECharts options for the Analytics charts, built from API answers. Tooltips show the server's
 * own display text (exact money, rounded ratios) rather than the plotted numbers.
 */
import type { ChartOption } from './echart.tsx';
import type { WaterfallStep } from './movement-waterfall.ts';
import { axisLabelFormatter, plotValue, type MetricUnit } from './value-format.ts';

export const CHART_COLORS = {
  primary: '#1f5fbf',
  secondary: '#9db7e0',
  increase: '#1e7a3c',
  decrease: '#b42318',
  total: '#5b6475',
  palette: ['#1f5fbf', '#e07b00', '#1e7a3c', '#8e44ad', '#b42318', '#0f8b8d', '#6b7a90', '#c2185b'],
} as const;

const TEXT = { color: '#1d2430', fontFamily: 'system-ui, sans-serif' };

/** Labels and names come from the data: tooltips are HTML, so they are escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

interface TooltipItem {
  readonly dataIndex: number;
  readonly seriesIndex?: number;
  readonly marker?: unknown;
}

function itemsOf(params: unknown): TooltipItem[] {
  const list: unknown[] = Array.isArray(params) ? params : [params];
  return list.filter((p): p is TooltipItem => typeof p === 'object' && p !== null && 'dataIndex' in p && typeof p.dataIndex === 'number');
}

function markerOf(item: TooltipItem): string {
  return typeof item.marker === 'string' ? item.marker : '';
}

export interface CategorySeries {
  readonly name: string;
  /** Plotted heights (see plotValue); null leaves a gap. */
  readonly values: readonly (number | null)[];
  /** What the tooltip says for each category. */
  readonly displays: readonly string[];
  readonly type?: 'bar' | 'line';
  readonly color?: string;
}

export interface CategoryChart {
  readonly categories: readonly string[];
  readonly series: readonly CategorySeries[];
  readonly unit: MetricUnit;
  readonly currency: string;
  /** Bars lying down, first category on top: for long names (owners, stages). */
  readonly horizontal?: boolean;
}

/** Bars (and lines) over categories: months, stages, owners, segments. */
export function categoryChartOption(chart: CategoryChart): ChartOption {
  const categoryAxis = { type: 'category' as const, data: [...chart.categories], axisLabel: { ...TEXT, hideOverlap: true }, inverse: chart.horizontal === true };
  const valueAxis = { type: 'value' as const, axisLabel: { ...TEXT, formatter: axisLabelFormatter(chart.unit, chart.currency) } };
  return {
    animationDuration: 300,
    grid: { left: 8, right: 24, top: chart.series.length > 1 ? 36 : 16, bottom: 8, containLabel: true },
    legend: chart.series.length > 1 ? { top: 0, textStyle: TEXT } : { show: false },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const items = itemsOf(params);
        const first = items[0];
        if (first === undefined) return '';
        const lines = items.map((item) => {
          const series = chart.series[item.seriesIndex ?? 0];
          return series === undefined ? '' : `${markerOf(item)}${escapeHtml(series.name)}: <b>${escapeHtml(series.displays[item.dataIndex] ?? '')}</b>`;
        });
        return [escapeHtml(chart.categories[first.dataIndex] ?? ''), ...lines].join('<br/>');
      },
    },
    xAxis: chart.horizontal === true ? valueAxis : categoryAxis,
    yAxis: chart.horizontal === true ? categoryAxis : valueAxis,
    series: chart.series.map((series, index) => {
      const color = series.color ?? CHART_COLORS.palette[index % CHART_COLORS.palette.length] ?? CHART_COLORS.primary;
      const data = series.values.map((value) => value ?? '-');
      return series.type === 'line'
        ? { type: 'line' as const, name: series.name, data, itemStyle: { color }, lineStyle: { color, width: 2 }, symbolSize: 7, connectNulls: false }
        : { type: 'bar' as const, name: series.name, data, itemStyle: { color }, barMaxWidth: 36, cursor: 'pointer' };
    }),
  };
}

/** Lines over dates, one per series (compliance trend per rep); values in percent. */
export function trendChartOption(dates: readonly string[], series: readonly { readonly name: string; readonly values: readonly (number | null)[]; readonly displays: readonly string[] }[]): ChartOption {
  return categoryChartOption({
    categories: dates,
    series: series.map((s) => ({ ...s, type: 'line' as const })),
    unit: 'ratio',
    currency: '',
  });
}

/**
 * The movement waterfall as stacked bars: an invisible bar lifts each step to where the pipeline
 * stood, the visible one shows the rise (green) or fall (red); starting and ending stand on zero.
 * The pipeline never runs below zero (it is a sum of open amounts), so every step sits above it.
 */
export function waterfallOption(steps: readonly WaterfallStep[], displays: readonly string[], currency: string): ChartOption {
  const colorOf = (step: WaterfallStep) => (step.kind === 'total' ? CHART_COLORS.total : step.kind === 'increase' ? CHART_COLORS.increase : CHART_COLORS.decrease);
  const plot = axisLabelFormatter('money', currency);
  const scale = (minor: number) => plotValue(minor, 'money', currency) ?? 0;
  return {
    animationDuration: 300,
    grid: { left: 8, right: 24, top: 16, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const item = itemsOf(params)[0];
        const step = item === undefined ? undefined : steps[item.dataIndex];
        if (item === undefined || step === undefined) return '';
        return `${escapeHtml(step.label)}: <b>${escapeHtml(displays[item.dataIndex] ?? '')}</b>`;
      },
    },
    xAxis: { type: 'category', data: steps.map((s) => s.label), axisLabel: { ...TEXT, interval: 0, hideOverlap: false } },
    yAxis: { type: 'value', axisLabel: { ...TEXT, formatter: plot } },
    series: [
      {
        type: 'bar',
        name: 'base',
        stack: 'waterfall',
        silent: true,
        itemStyle: { color: 'transparent', borderColor: 'transparent' },
        emphasis: { disabled: true },
        data: steps.map((s) => scale(s.kind === 'total' ? 0 : Math.min(s.before, s.after))),
      },
      {
        type: 'bar',
        name: 'Pipeline movement',
        stack: 'waterfall',
        cursor: 'pointer',
        barMaxWidth: 56,
        data: steps.map((s) => ({ value: scale(s.kind === 'total' ? s.after : Math.abs(s.delta)), itemStyle: { color: colorOf(s) } })),
      },
    ],
  };
}

/** The stage funnel, in process order (not sorted by size: a later stage can hold more deals). */
export function funnelOption(stages: readonly { readonly name: string; readonly reached: number }[], displays: readonly string[]): ChartOption {
  return {
    animationDuration: 300,
    tooltip: {
      trigger: 'item',
      formatter: (params: unknown) => {
        const item = itemsOf(params)[0];
        if (item === undefined) return '';
        return `${escapeHtml(stages[item.dataIndex]?.name ?? '')}: <b>${escapeHtml(displays[item.dataIndex] ?? '')}</b>`;
      },
    },
    series: [
      {
        type: 'funnel',
        name: 'Deals reaching each stage',
        sort: 'none',
        left: '10%',
        width: '80%',
        top: 8,
        bottom: 8,
        minSize: '8%',
        gap: 2,
        cursor: 'pointer',
        label: { show: true, position: 'inside', color: '#ffffff', formatter: '{b}: {c}' },
        data: stages.map((stage, index) => ({ name: stage.name, value: stage.reached, itemStyle: { color: CHART_COLORS.palette[index % CHART_COLORS.palette.length] ?? CHART_COLORS.primary } })),
      },
    ],
  };
}
