import type { Command } from 'commander';
import { metricQuery, metricSlice, type MetricResultView } from '../../contracts/metrics.ts';
import { CLI_ACTOR } from '../../services/access/actor.ts';
import { getMetric } from '../../services/metrics/get-metric.ts';
import { metricCatalogue } from '../../services/metrics/metric-catalogue-view.ts';
import { ServiceError } from '../../services/service-error.ts';
import { globalOptions, print, printJson, withStore } from '../cli-context.ts';
import { formatTable } from '../print-table.ts';

interface MetricsOptions {
  readonly list?: boolean;
  readonly by?: string;
  readonly period?: string;
  readonly asOf?: string;
  readonly currency?: string;
  readonly target?: string;
  readonly segment?: string;
  readonly region?: string;
  readonly manager?: string;
}

/** "2026-01-01..2026-03-31" into its two ends. */
export function parsePeriodOption(text: string): { from: string; to: string } {
  const match = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text.trim());
  if (match === null) throw new ServiceError('invalid_argument', `--period "${text}" is not <from>..<to> (e.g. 2026-01-01..2026-03-31)`, { field: 'period' });
  return { from: match[1] ?? '', to: match[2] ?? '' };
}

function formatList(): string {
  const catalogue = metricCatalogue();
  const table = formatTable(
    [{ header: 'metric' }, { header: 'name' }, { header: 'unit' }, { header: 'formula', maxWidth: 90 }],
    catalogue.metrics.map((m) => [m.id, m.name, m.unit, m.formula]),
  );
  return `${table}\nSlices (--by): ${catalogue.slices.map((s) => s.id).join(', ')}\n`;
}

function formatResult(result: MetricResultView): string {
  const f = result.filter;
  const lines = [
    `${result.metric.name} (${result.metric.id}): ${result.metric.formula}`,
    `Period ${f.from}..${f.to}, as of ${f.asOf}, in ${f.currency}${result.isDemo ? ' [demo data]' : ''}`,
    '',
  ];
  if (result.by !== null) {
    lines.push(formatTable(
      [{ header: result.by }, { header: 'value', align: 'right' }, { header: 'records', align: 'right' }],
      [...result.slices.map((s) => [s.label, s.display, String(s.recordCount)]), ['Total', result.total.display, String(result.total.recordCount)]],
    ));
  } else {
    lines.push(`${result.total.display}   (${result.total.recordCount} records)`);
  }
  return lines.join('\n');
}

export function registerMetricsCommand(program: Command): void {
  program
    .command('metrics')
    .description('a sales metric for a period, as of any date, whole or cut by a slice (the numbers the Analytics pages and the API show)')
    .argument('[metric-id]', 'the metric (see --list)')
    .option('--list', 'list the metrics with their formulas, and the slices')
    .option('--by <slice>', 'cut by: month, quarter, year, owner, team, manager, region, state, segment, industry, product, type, lead_source, process, stage, forecast_category')
    .option('--period <from>..<to>', 'the reporting period, both days included (default: the fiscal quarter of the as-of date)')
    .option('--as-of <date>', 'read the data as it stood at the end of this day (default today)')
    .option('--currency <code>', 'report in this currency at dated rates (default the corporate currency)')
    .option('--target <amount>', 'target for coverage, in minor units of the report currency')
    .option('--segment <segment>', 'only accounts of this segment')
    .option('--region <region>', 'only accounts in this US census region (Northeast, Midwest, South, West)')
    .option('--manager <person-id>', 'only this manager\'s reporting subtree')
    .addHelpText('after', '\nExamples:\n  salesops metrics --list\n  salesops metrics bookings --by month --period 2026-01-01..2026-12-31\n  salesops metrics win_rate_count --by segment --as-of 2026-06-30 --json\n')
    .action(async (metricId: string | undefined, options: MetricsOptions, command: Command) => {
      const global = globalOptions(command);
      if (options.list === true || metricId === undefined) {
        if (global.json) printJson(metricCatalogue());
        else print(formatList());
        return;
      }
      const period = options.period === undefined ? {} : parsePeriodOption(options.period);
      if (options.by !== undefined && !metricSlice.safeParse(options.by).success) {
        throw new ServiceError('invalid_argument', `--by "${options.by}" is not a slice (see salesops metrics --list)`, { field: 'by' });
      }
      const query = metricQuery.parse({
        ...period,
        by: options.by,
        asOf: options.asOf,
        currency: options.currency,
        target: options.target,
        segment: options.segment,
        region: options.region,
        manager: options.manager,
      });
      const result = await withStore(global.db, { migrate: false, mustExist: true }, (store) => getMetric(store, CLI_ACTOR, metricId, query));
      if (global.json) printJson(result);
      else print(formatResult(result));
    });
}
