/**
 * How metric figures read on screen beyond the server's own `display` text: changes between
 * periods, the colour a change deserves, and the numbers a chart plots. Money stays integer minor
 * units everywhere except the plotted height of a bar, which is only drawn, never summed or shown.
 */
import type { MetricDefinitionView } from '../../../src/contracts/metrics.ts';
import { exponentOf, formatMoney } from '../lib/format-money.ts';

export type MetricUnit = MetricDefinitionView['unit'];
export type MetricDirection = MetricDefinitionView['direction'];
export type ChangeTone = 'better' | 'worse' | 'neutral';

const count = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const points = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

function signed(text: string, value: number): string {
  return value > 0 ? `+${text}` : text;
}

/**
 * A change between two periods in the metric's unit: money "+$1,200.00", a ratio in percentage
 * points "+2.5 pts", days "−3 days", counts "+2". "—" when there is no change to speak of (one
 * side undefined).
 */
export function formatChange(change: number | null, unit: MetricUnit, currency: string): string {
  if (change === null) return '—';
  switch (unit) {
    case 'money':
    case 'money_per_day':
      return signed(formatMoney({ minor: change, currency }), change) + (unit === 'money_per_day' ? ' per day' : '');
    case 'ratio':
      return `${signed(points.format(change * 100), change)} pts`;
    case 'days':
      return `${signed(count.format(change), change)} ${Math.abs(change) === 1 ? 'day' : 'days'}`;
    case 'count':
      return signed(count.format(change), change);
  }
}

/** Whether a change is good news: up is better unless the metric says lower is better. */
export function changeTone(change: number | null, direction: MetricDirection): ChangeTone {
  if (change === null || change === 0 || direction === 'neutral') return 'neutral';
  const up = change > 0;
  return up === (direction === 'higher_is_better') ? 'better' : 'worse';
}

/** A share in basis points (0..10000) as "92.5%". */
export function formatBps(bps: number | null): string {
  return bps === null ? '—' : percent.format(bps / 10000);
}

export function formatCount(value: number): string {
  return count.format(value);
}

/**
 * The height a chart plots for a value: money in major units, ratios in percent, days and counts
 * as they are. Null (an undefined figure) leaves a gap rather than a zero.
 */
export function plotValue(value: number | null, unit: MetricUnit, currency: string): number | null {
  if (value === null) return null;
  if (unit === 'money' || unit === 'money_per_day') return value / 10 ** exponentOf(currency);
  if (unit === 'ratio') return value * 100;
  return value;
}

const compactFormats = new Map<string, Intl.NumberFormat>();

/** The value axis's labels for plotted values: "$1.2M", "25%", "40 d", "1.2K". */
export function axisLabelFormatter(unit: MetricUnit, currency: string): (value: number) => string {
  if (unit === 'ratio') return (value) => `${count.format(value)}%`;
  if (unit === 'days') return (value) => `${count.format(value)} d`;
  const key = unit === 'count' ? '' : currency;
  let format = compactFormats.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(undefined, key === '' ? { notation: 'compact' } : { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
    compactFormats.set(key, format);
  }
  const chosen = format;
  return (value) => chosen.format(value);
}
