import { describe, expect, it } from 'vitest';
import { categoryChartOption, escapeHtml, waterfallOption } from './chart-options.ts';
import { waterfallSteps } from './movement-waterfall.ts';

type Formatter = (params: unknown) => string;

function tooltipOf(option: ReturnType<typeof categoryChartOption>): Formatter {
  const tooltip = option.tooltip;
  if (tooltip === undefined || Array.isArray(tooltip) || typeof tooltip.formatter !== 'function') throw new Error('The option has no tooltip formatter');
  return tooltip.formatter as Formatter;
}

describe('chart options', () => {
  it('escapes names from the data before a tooltip shows them as HTML', () => {
    expect(escapeHtml('<img src=x onerror="alert(1)">')).toBe('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('shows the server’s display text in a bar’s tooltip, not the plotted number', () => {
    const option = categoryChartOption({ categories: ['SMB'], series: [{ name: 'Bookings', values: [1234.56], displays: ['$1,234.56'] }], unit: 'money', currency: 'USD' });
    expect(tooltipOf(option)([{ dataIndex: 0, seriesIndex: 0, marker: '' }])).toBe('SMB<br/>Bookings: <b>$1,234.56</b>');
  });

  it('lifts each waterfall step to where the pipeline stood, in major units', () => {
    const steps = waterfallSteps({ starting: 100000, created: 20000, pulledIn: 0, restored: 0, pushedOut: 5000, amountChanged: 0, won: 0, lost: 0, removed: 0, ending: 115000 });
    const option = waterfallOption(steps, steps.map(() => ''), 'USD');
    const series = Array.isArray(option.series) ? option.series : [];
    expect(series[0]?.data?.slice(0, 5)).toEqual([0, 1000, 1200, 1200, 1150]);
  });
});
