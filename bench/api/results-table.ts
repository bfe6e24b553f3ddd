import type { LoadResult } from './latency-summary.ts';

/** One measured cell: an engine's endpoint at one rate, beside the peer at the same rate. */
export interface BenchCell {
  readonly engine: string;
  readonly endpoint: string;
  readonly result: LoadResult;
  /** The bare node:http server at the same rate, measured in the same run. */
  readonly peer: LoadResult | undefined;
}

/** The goal the README states: p99 under 100 ms at 500 req/s with no errors. */
export const GOAL = { ratePerSecond: 500, p99UnderMs: 100 } as const;
export const GOAL_LINE = `goal: p99 under ${GOAL.p99UnderMs} ms at ${GOAL.ratePerSecond} req/s with no errors`;

/** A rate counts as reached within 5%: the generator's own jitter and the drain of the last requests stay well inside it. */
const REACHED_FRACTION = 0.95;

const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : '-');
const perSecond = (value: number): string => Math.round(value).toLocaleString('en-US');

/** The ratio salesops p99 / peer p99 ("-" when either is missing). */
export function p99Ratio(cell: BenchCell): number {
  return cell.peer === undefined || !(cell.peer.p99Ms > 0) ? Number.NaN : cell.result.p99Ms / cell.peer.p99Ms;
}

/** The table's lines: one per engine × endpoint × rate, in the order given. */
export function formatResultsTable(cells: readonly BenchCell[]): string[] {
  const header = ['engine', 'endpoint', 'rate', 'achieved', 'p50 ms', 'p99 ms', 'errors/non-2xx', 'peer p99 ms', 'ratio'];
  const rows = cells.map((cell) => {
    // A run stopped early ranks the requests still waiting with the time they had waited: lower bounds.
    const atLeast = cell.result.overloaded ? '>' : '';
    const ratio = p99Ratio(cell);
    return [
      cell.engine,
      cell.endpoint,
      perSecond(cell.result.targetPerSecond),
      perSecond(cell.result.achievedPerSecond),
      `${atLeast}${ms(cell.result.p50Ms)}`,
      `${atLeast}${ms(cell.result.p99Ms)}`,
      `${cell.result.errors}/${cell.result.non2xx}`,
      cell.peer === undefined ? '-' : ms(cell.peer.p99Ms),
      Number.isFinite(ratio) ? `${atLeast}${ratio.toFixed(1)}` : '-',
    ];
  });
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  // Names align left, figures right.
  const line = (row: readonly string[]) =>
    row
      .map((text, column) => (column < 2 ? text.padEnd(widths[column] ?? 0) : text.padStart(widths[column] ?? 0)))
      .join('   ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}

/**
 * Whether an engine met the goal: every endpoint measured at the goal rate reached it, with a
 * p99 under the limit and no errors or non-2xx answers. Null when no cell was measured at that rate.
 */
export function goalVerdict(cells: readonly BenchCell[], engine: string): { met: boolean; misses: string[] } | null {
  const atGoal = cells.filter((cell) => cell.engine === engine && cell.result.targetPerSecond === GOAL.ratePerSecond);
  if (atGoal.length === 0) return null;
  const misses: string[] = [];
  for (const { endpoint, result } of atGoal) {
    if (result.overloaded) misses.push(`${endpoint}: fell behind and was stopped`);
    else if (result.achievedPerSecond < REACHED_FRACTION * GOAL.ratePerSecond) misses.push(`${endpoint}: reached only ${perSecond(result.achievedPerSecond)} req/s`);
    if (!(result.p99Ms < GOAL.p99UnderMs)) misses.push(`${endpoint}: p99 ${result.overloaded ? 'over ' : ''}${ms(result.p99Ms)} ms`);
    if (result.errors + result.non2xx > 0) misses.push(`${endpoint}: ${result.errors} errors, ${result.non2xx} non-2xx`);
  }
  return { met: misses.length === 0, misses };
}
