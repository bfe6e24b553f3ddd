import type { RepeatTiming } from './repeat-timing.ts';

/** One measured query on one engine, beside the same aggregation in DuckDB measured in the same run. */
export interface TimingCell {
  readonly engine: string;
  readonly query: string;
  readonly ours: RepeatTiming;
  readonly peer: RepeatTiming | undefined;
}

/** The goal the README states: the whole dashboard (one page load) under 300 ms at p95 on each engine. */
export const DASHBOARD_GOAL_P95_MS = 300;

const ms = (value: number): string => (Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : value < 1000 ? 1 : 0) : '-');

/** ours / DuckDB, NaN when the peer is missing or took no measurable time. */
export function ratioToPeer(ours: number, peer: number | undefined): number {
  return peer === undefined || !(peer > 0) ? Number.NaN : ours / peer;
}

/** The table's lines: a header, then one line per cell in the order given. */
export function formatTimingTable(cells: readonly TimingCell[]): string[] {
  const header = ['engine', 'query', 'p50 ms', 'p95 ms', 'DuckDB p50', 'DuckDB p95', 'x DuckDB p50', 'x DuckDB p95'];
  const rows = cells.map((cell) => {
    const p50Ratio = ratioToPeer(cell.ours.p50Ms, cell.peer?.p50Ms);
    const p95Ratio = ratioToPeer(cell.ours.p95Ms, cell.peer?.p95Ms);
    return [
      cell.engine,
      cell.query,
      ms(cell.ours.p50Ms),
      ms(cell.ours.p95Ms),
      cell.peer === undefined ? '-' : ms(cell.peer.p50Ms),
      cell.peer === undefined ? '-' : ms(cell.peer.p95Ms),
      Number.isFinite(p50Ratio) ? p50Ratio.toFixed(1) : '-',
      Number.isFinite(p95Ratio) ? p95Ratio.toFixed(1) : '-',
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

/** The line for one engine's page loads against the goal. */
export function dashboardGoalLine(engine: string, page: RepeatTiming, peer: RepeatTiming | undefined): string {
  const met = page.p95Ms < DASHBOARD_GOAL_P95_MS;
  const ratio = ratioToPeer(page.p95Ms, peer?.p95Ms);
  return (
    `dashboard p95 (all queries of one page load), ${engine}: ${ms(page.p95Ms)} ms (p50 ${ms(page.p50Ms)} ms, ${page.runs} loads) ` +
    `against ${DASHBOARD_GOAL_P95_MS} ms: ${met ? 'met' : 'not met'}` +
    (Number.isFinite(ratio) ? `; ${ratio.toFixed(1)}x DuckDB's ${ms(peer?.p95Ms ?? Number.NaN)} ms` : '')
  );
}
