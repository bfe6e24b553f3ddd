/**
 * The one React wrapper around ECharts: it creates the chart in its container, draws each new
 * option, follows the container's size, and disposes of the chart on unmount. ECharts itself
 * (only the pieces these charts draw, see echarts-runtime.ts) is loaded with the first chart.
 */
import type { BarSeriesOption, FunnelSeriesOption, LineSeriesOption } from 'echarts/charts';
import type { GridComponentOption, LegendComponentOption, TooltipComponentOption } from 'echarts/components';
import type { ComposeOption, ECElementEvent, EChartsType, ElementEvent } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';

export type ChartOption = ComposeOption<BarSeriesOption | LineSeriesOption | FunnelSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption>;

/** What was clicked: the category (bar, point, funnel step) and the series it belongs to. */
export interface ChartClick {
  readonly dataIndex: number;
  readonly seriesIndex: number;
}

/**
 * Whether this browser can draw on a canvas. jsdom (the component tests) has no canvas and answers
 * null; the charts then step aside and the tables beside them carry the figures.
 */
export function canvasAvailable(): boolean {
  if (typeof document === 'undefined') return false;
  try {
    return document.createElement('canvas').getContext('2d') !== null;
  } catch {
    return false;
  }
}

export function useCanvasAvailable(): boolean {
  const [available] = useState(canvasAvailable);
  return available;
}

export interface EChartProps {
  /** The chart's name: the container is `data-testid="chart-<name>"`. */
  readonly name: string;
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  readonly label: string;
  readonly option: ChartOption;
  readonly onItemClick?: (click: ChartClick) => void;
  /**
   * The category axis of a bar chart: a click anywhere in a category's band counts as a click on
   * it (series 0), so thin bars and waterfall steps need no aim. Without it only items are clicked.
   */
  readonly categoryAxis?: 'x' | 'y';
  readonly height?: number;
}

/**
 * Draws `option`. The container gets `data-rendered="true"` once ECharts reports the drawing
 * finished (`"false"` while a new option is being drawn), so browser tests know when to look.
 */
export function EChart({ name, label, option, onItemClick, categoryAxis, height = 320 }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const latestOption = useRef(option);
  const clickHandler = useRef(onItemClick);
  const clickAxis = useRef(categoryAxis);
  const canDraw = useCanvasAvailable();
  const [loadFailed, setLoadFailed] = useState(false);

  useEffect(() => {
    clickHandler.current = onItemClick;
    clickAxis.current = categoryAxis;
    latestOption.current = option;
  });

  useEffect(() => {
    const element = container.current;
    if (!canDraw || element === null) return;
    let disposed = false;
    let observer: ResizeObserver | null = null;
    import('./echarts-runtime.ts').then(
      ({ init }) => {
        if (disposed) return;
        const instance = init(element, undefined, { renderer: 'canvas' });
        chart.current = instance;
        instance.on('finished', () => {
          element.dataset['rendered'] = 'true';
        });
        instance.on('click', (event: ECElementEvent) => {
          if (clickAxis.current === undefined && typeof event.dataIndex === 'number') clickHandler.current?.({ dataIndex: event.dataIndex, seriesIndex: event.seriesIndex ?? 0 });
        });
        instance.getZr().on('click', (event: ElementEvent) => {
          const axis = clickAxis.current;
          const point = [event.offsetX, event.offsetY];
          if (axis === undefined || !instance.containPixel({ gridIndex: 0 }, point)) return;
          const value = instance.convertFromPixel({ gridIndex: 0 }, point);
          const index = Array.isArray(value) ? value[axis === 'x' ? 0 : 1] : undefined;
          if (index !== undefined && Number.isFinite(index)) clickHandler.current?.({ dataIndex: Math.round(index), seriesIndex: 0 });
        });
        element.dataset['rendered'] = 'false';
        instance.setOption(latestOption.current, { notMerge: true });
        observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => instance.resize());
        observer?.observe(element);
      },
      () => {
        if (!disposed) setLoadFailed(true);
      },
    );
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
      delete element.dataset['rendered'];
    };
  }, [canDraw]);

  useEffect(() => {
    const instance = chart.current;
    const element = container.current;
    if (instance === null || element === null) return;
    element.dataset['rendered'] = 'false';
    instance.setOption(option, { notMerge: true });
  }, [option]);

  if (!canDraw || loadFailed) {
    return (
      <div className="chart chart-unavailable" data-testid={`chart-${name}`} role="img" aria-label={label}>
        <span className="muted">{loadFailed ? 'The chart could not be loaded; the table shows the same figures.' : 'This browser cannot draw the chart; the table shows the same figures.'}</span>
      </div>
    );
  }
  return <div ref={container} className="chart" data-testid={`chart-${name}`} role="img" aria-label={label} style={{ height }} />;
}
