/**
 * The parts of ECharts the Analytics charts use, registered once. The chart wrapper loads this
 * module on first draw, so ECharts travels in its own chunk and only to people who open a chart.
 */
import { BarChart, FunnelChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, LineChart, FunnelChart, GridComponent, TooltipComponent, LegendComponent, CanvasRenderer]);

export { init };
