/**
 * Analytics benchmark: a generated workspace of 1,000,000 opportunities and about 10,000,000
 * field-history rows (bench/metrics/generate-workspace.ts), and the dashboard's requests answered
 * by salesops' metric services on SQLite and on PostgreSQL, beside the same aggregations written
 * as SQL in DuckDB over the same rows, measured in the same run. Each query: warm-up runs, then N
 * timed runs one after another (p50/p95); then the whole page (its requests issued together, as
 * the web app does) N times. Goal: the page's p95 under 300 ms on both engines.
 *
 * Options (flags when run directly with `npx tsx bench/metrics.bench.ts`, or the environment when
 * run by `npm run bench -- metrics`):
 *   --scale S       BENCH_METRICS_SCALE      1 = 1,000,000 opportunities (default); 0.01 for a quick run
 *   --regenerate    BENCH_METRICS_REGENERATE=1  generate the cached workspaces again
 *   --runs N        BENCH_METRICS_RUNS       timed runs per query and page loads (default 20)
 *   --warmup N      BENCH_METRICS_WARMUP     unmeasured runs first (default 2)
 *   --generate-only                          prepare the cached workspaces and stop
 *   SALESOPS_BENCH_PG_URL  the PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres; 'off' skips it)
 * The workspaces are cached in bench/.data/ (SQLite and DuckDB files) and the PostgreSQL database
 * salesops_bench_metrics, regenerated only when the generator version, seed or scale changes.
 */
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import type { Actor } from '../src/services/access/actor.ts';
import { todayUtc } from '../src/services/access/today.ts';
import { openStore, type Store } from '../src/store/database.ts';
import { compareFigures, type FigureDifference } from './metrics/compare-figures.ts';
import { DASHBOARD_QUERIES, dashboardPage, QUERY_LABELS, salesopsQueries, type DashboardQuery, type DashboardQueryId, type Figures } from './metrics/dashboard-page.ts';
import { peerQueries, type PeerScope } from './metrics/duckdb-dashboard.ts';
import { duckdbSizeBytes, prepareDuckDbWorkspace } from './metrics/duckdb-workspace.ts';
import { postgresSizeBytes, preparePostgresWorkspace, prepareSqliteWorkspace, sqliteSizeBytes, type PreparedWorkspace } from './metrics/generate-workspace.ts';
import { timeRepeated, type RepeatTiming } from './metrics/repeat-timing.ts';
import { dashboardGoalLine, formatTimingTable, type TimingCell } from './metrics/timing-table.ts';
import { cacheTag, postgresDatabaseName } from './metrics/workspace-manifest.ts';
import { planPeople, DATA_TODAY } from './metrics/workspace-plan.ts';

const here = dirname(fileURLToPath(import.meta.url));
const { values: flags } = parseArgs({
  options: { scale: { type: 'string' }, regenerate: { type: 'boolean' }, runs: { type: 'string' }, warmup: { type: 'string' }, 'generate-only': { type: 'boolean' } },
  allowPositionals: true,
});
const scale = Number(flags.scale ?? process.env.BENCH_METRICS_SCALE ?? 1);
const runs = Number(flags.runs ?? process.env.BENCH_METRICS_RUNS ?? 20);
const warmup = Number(flags.warmup ?? process.env.BENCH_METRICS_WARMUP ?? 2);
const regenerate = flags.regenerate === true || process.env.BENCH_METRICS_REGENERATE === '1';
const pgAdminUrl = process.env.SALESOPS_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (!(scale > 0) || !Number.isInteger(runs) || runs < 1 || !Number.isInteger(warmup) || warmup < 0) {
  console.error('--scale must be a positive number, --runs a positive integer and --warmup a non-negative integer');
  process.exit(2);
}

const SEED = 20_261_120;
const spec = { seed: SEED, scale };
const dataDir = join(here, '.data');
const log = (line: string) => process.stdout.write(`${line}\n`);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toLocaleString('en-US', { maximumFractionDigits: 0 })} MiB`;

// The first director: a manager of managers whose subtree holds about a fifth of the reps.
const director = planPeople().find((p) => p.level === 'director');
if (director === undefined) throw new Error('The plan has no director');
const OPS: Actor = { userId: 'bench-ops', role: 'ops', personId: null, displayName: 'Benchmark (ops)', via: 'system' };
const MANAGER: Actor = { userId: 'bench-manager', role: 'manager', personId: director.id, displayName: director.name, via: 'system' };
// The services read a manager's subtree as of today (the clock's), so the peer does too.
const managerScope: PeerScope = { kind: 'subtree', managerId: director.id, on: todayUtc() };

const page = dashboardPage(DATA_TODAY);
const loadBefore = loadavg()[0] ?? 0;
const startedAt = performance.now();
log(`Dashboard as of ${page.asOf}: period ${page.period.from}..${page.period.to}, previous ${page.previous.from}..${page.previous.to} as of ${page.previous.asOf}, ` +
  `12 months ${page.months.from}..${page.months.to}, movement from ${page.movementStart}; ${warmup} warm-up + ${runs} timed runs each; ${cpus().length} CPUs`);

// ---- Workspaces
const tsvDirectory = join(dataDir, `tsv-duckdb-${cacheTag(spec)}`);
const sqlite = await prepareSqliteWorkspace({ spec, dataDir, regenerate, log, tsvDirectory });
const duck = await prepareDuckDbWorkspace({ spec, dataDir, regenerate, sqlite, tsvDirectory, tsvWritten: sqlite.tsvWritten, log });
let postgres: PreparedWorkspace | null = null;
if (pgAdminUrl !== 'off') postgres = await preparePostgresWorkspace({ spec, dataDir, regenerate, log, adminUrl: pgAdminUrl });

if (flags['generate-only'] === true) {
  log(`Workspaces ready (SQLite ${sqlite.target}, DuckDB ${duck.target}${postgres === null ? '' : `, PostgreSQL ${postgresDatabaseName(spec)}`}); --generate-only: nothing timed.`);
  process.exit(0);
}

const described = (label: string, w: PreparedWorkspace, verb = 'generated') =>
  `${label}: ${w.manifest.opportunities.toLocaleString('en-US')} opportunities, ${w.manifest.historyRows.toLocaleString('en-US')} history rows; ` +
  `${w.generated ? verb : `cached (${verb}`} in ${w.manifest.generationSeconds.toFixed(1)} s${w.generated ? '' : ')'}` +
  ` (${Math.round((w.manifest.opportunities + w.manifest.historyRows) / w.manifest.generationSeconds).toLocaleString('en-US')} rows/s)`;

// ---- DuckDB peer
const instance = await DuckDBInstance.create(duck.target, { access_mode: 'READ_ONLY' });
const connections: DuckDBConnection[] = [];
for (let i = 0; i < DASHBOARD_QUERIES.length; i += 1) connections.push(await instance.connect());

interface Measured {
  readonly timings: Map<string, RepeatTiming>;
  readonly figures: Map<DashboardQueryId, Figures>;
  readonly managerFigures: Figures | undefined;
  readonly page: RepeatTiming;
}

const SUMMARY_MANAGER = 'summary, manager (subtree)';

/** Each query alone (warm-up, then timed runs), the manager's summary, then whole pages. */
async function measure(label: string, queries: readonly DashboardQuery[], managerSummary: DashboardQuery): Promise<Measured> {
  const timings = new Map<string, RepeatTiming>();
  const figures = new Map<DashboardQueryId, Figures>();
  for (const query of queries) {
    figures.set(query.id, await query.run());
    const timing = await timeRepeated(() => query.run(), { warmup: Math.max(0, warmup - 1), runs });
    timings.set(QUERY_LABELS[query.id], timing);
    log(`${label} ${QUERY_LABELS[query.id]}: p50 ${timing.p50Ms.toFixed(1)} ms, p95 ${timing.p95Ms.toFixed(1)} ms`);
  }
  const managerFigures = await managerSummary.run();
  const managerTiming = await timeRepeated(() => managerSummary.run(), { warmup: Math.max(0, warmup - 1), runs });
  timings.set(SUMMARY_MANAGER, managerTiming);
  log(`${label} ${SUMMARY_MANAGER}: p50 ${managerTiming.p50Ms.toFixed(1)} ms, p95 ${managerTiming.p95Ms.toFixed(1)} ms`);
  const pageTiming = await timeRepeated(() => Promise.all(queries.map((q) => q.run())), { warmup: 1, runs });
  log(`${label} whole page: p50 ${pageTiming.p50Ms.toFixed(1)} ms, p95 ${pageTiming.p95Ms.toFixed(1)} ms`);
  return { timings, figures, managerFigures, page: pageTiming };
}

/** The summary among a page's queries: timed once more for the manager. */
function summaryOf(queries: readonly DashboardQuery[]): DashboardQuery {
  const summary = queries.find((q) => q.id === 'summary');
  if (summary === undefined) throw new Error('No summary query');
  return summary;
}

const peer = await measure('DuckDB', peerQueries(connections, page, { kind: 'all' }), summaryOf(peerQueries(connections, page, managerScope)));

// ---- salesops on each engine
const engines: { label: string; target: string; size: (store: Store) => Promise<number> }[] = [
  { label: 'SQLite', target: sqlite.target, size: () => Promise.resolve(sqliteSizeBytes(sqlite.target)) },
  ...(postgres === null ? [] : [{ label: 'PostgreSQL', target: postgres.target, size: postgresSizeBytes }]),
];
const cells: TimingCell[] = [];
const goalLines: string[] = [];
const agreement: string[] = [];
const sizes: string[] = [`DuckDB ${mib(duckdbSizeBytes(duck.target))}`];
const failures: string[] = [];

function agreementLine(engine: string, differences: readonly FigureDifference[], compared: number): string {
  if (differences.length === 0) return `${engine} vs DuckDB: totals agree (${compared} figures compared)`;
  const shown = differences.slice(0, 12).map((d) => `${d.name}: ours ${String(d.ours)}, DuckDB ${String(d.peer)}`);
  return `${engine} vs DuckDB: ${differences.length} of ${compared} figures differ: ${shown.join('; ')}${differences.length > shown.length ? '; …' : ''}`;
}

for (const engine of engines) {
  let store: Store | null = null;
  try {
    store = await openStore(engine.target, { migrate: false });
    const openedStore = store;
    const ours = await measure(engine.label, salesopsQueries(openedStore, OPS, page), summaryOf(salesopsQueries(openedStore, MANAGER, page)));
    for (const [query, timing] of ours.timings) cells.push({ engine: engine.label, query, ours: timing, peer: peer.timings.get(query) });
    cells.push({ engine: engine.label, query: 'whole page (concurrent)', ours: ours.page, peer: peer.page });
    goalLines.push(dashboardGoalLine(engine.label, ours.page, peer.page));
    let compared = 0;
    const differences: FigureDifference[] = [];
    const pairs: [string, Figures | undefined, Figures | undefined][] = [
      ...DASHBOARD_QUERIES.map((id): [string, Figures | undefined, Figures | undefined] => [id, ours.figures.get(id), peer.figures.get(id)]),
      ['summary (manager)', ours.managerFigures, peer.managerFigures],
    ];
    for (const [name, a, b] of pairs) {
      if (a === undefined || b === undefined) continue;
      compared += new Set([...a.keys(), ...b.keys()]).size;
      differences.push(...compareFigures(a, b).map((d) => ({ ...d, name: `${name}: ${d.name}` })));
    }
    const bookings = compareFigures(new Map([['b', ours.figures.get('summary')?.get('current.bookings') ?? null]]), new Map([['b', peer.figures.get('summary')?.get('current.bookings') ?? null]]));
    agreement.push(
      `${engine.label}: bookings in ${page.period.from}..${page.period.to} ${String(ours.figures.get('summary')?.get('current.bookings'))} minor units, DuckDB ${String(peer.figures.get('summary')?.get('current.bookings'))}: ${bookings.length === 0 ? 'totals agree' : 'DIFFER'}`,
      agreementLine(engine.label, differences, compared),
    );
    sizes.push(`${engine.label} ${mib(await engine.size(openedStore))}`);
  } catch (error) {
    failures.push(`${engine.label}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    log(`${engine.label} FAILED: ${failures.at(-1)}`);
  } finally {
    await store?.close();
  }
}
for (const connection of connections) connection.closeSync();
instance.closeSync();

// ---- Report
const people = planPeople();
log(`\nAnalytics dashboard on a generated workspace (scale ${scale}: ${sqlite.manifest.opportunities.toLocaleString('en-US')} opportunities, ` +
  `${sqlite.manifest.historyRows.toLocaleString('en-US')} history rows, ${people.length} people); actor: ops (everything) unless noted; ` +
  `peer: the same aggregations in DuckDB over the same rows`);
for (const line of formatTimingTable(cells)) log(line);
for (const line of goalLines) log(line);
for (const line of agreement) log(line);
log(described('Generation, SQLite', sqlite));
log(described('DuckDB (the same rows, read_csv from the generator\'s files)', duck, 'loaded'));
if (postgres !== null) log(described('Generation, PostgreSQL', postgres));
log(`Sizes on disk: ${sizes.join(', ')}`);
log(`Took ${Math.round((performance.now() - startedAt) / 1000)} s; 1-minute load average ${loadBefore.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after (on ${cpus().length} CPUs); today is ${todayUtc()}.`);
for (const failure of failures) log(`FAILED ${failure}`);
if (failures.length > 0) process.exitCode = 1;
