/**
 * API benchmark: constant-rate load on the demo workspace, signed in as the demo manager, on
 * GET /api/opportunities?page=1&pageSize=50 (the manager's scoped list) and GET
 * /api/opportunities/<id> (one of its opportunities), at 200, 500 and 1,000 requests per second,
 * on SQLite and PostgreSQL, beside a bare node:http server answering a fixed body of the list's
 * size at the same rates in the same run (the floor of this machine's HTTP stack).
 * Goal: p99 under 100 ms at 500 req/s with no errors.
 *
 * Each server runs in its own process (`salesops serve`, and bench/api/peer-server.ts) so that the
 * load generator, here, never shares their event loop. The load is open loop
 * (bench/api/constant-rate-load.ts: request i is due at i / rate and its latency counts from
 * then) rather than autocannon's overallRate, which sends each second's requests in a burst at
 * its start and corrects latencies with a 1 ms interval (see bench/api/autocannon-load.ts): on a
 * bare node:http server it reports a p50 of 10-20 ms where the open loop measures 1-2 ms.
 * Settings: SALESOPS_BENCH_PG_URL (the
 * PostgreSQL server to create the benchmark database on; 'off' skips PostgreSQL),
 * BENCH_API_SECONDS (measured seconds per cell, default 10, after a 2 s warm-up),
 * BENCH_API_DEMO_SCALE (default 1), BENCH_API_LOAD=autocannon (load from autocannon's
 * overallRate instead of the open-loop generator, to compare the two).
 */
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { runAutocannon } from './api/autocannon-load.ts';
import { stopAllChildren, startListening, type ListeningChild } from './api/child-processes.ts';
import { DEFAULT_MAX_BACKLOG_SECONDS, runConstantRate } from './api/constant-rate-load.ts';
import type { LoadResult } from './api/latency-summary.ts';
import { formatResultsTable, GOAL_LINE, goalVerdict, type BenchCell } from './api/results-table.ts';
import { buildDemo, createBenchDatabase, ENGINE_LABELS, getText, signInAsManager, startSalesops, type BenchEngine } from './api/salesops-target.ts';

const RATES = [200, 500, 1_000] as const;
const CONNECTIONS = 100;
const WARMUP_SECONDS = 2;
const seconds = Number(process.env.BENCH_API_SECONDS ?? 10);
const demoScale = Number(process.env.BENCH_API_DEMO_SCALE ?? 1);
const pgAdminUrl = process.env.SALESOPS_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
if (!(seconds > 0) || !(demoScale > 0)) {
  console.error('BENCH_API_SECONDS and BENCH_API_DEMO_SCALE must be positive numbers');
  process.exit(2);
}
const engines: BenchEngine[] = pgAdminUrl === 'off' ? ['sqlite'] : ['sqlite', 'postgres'];
const useAutocannon = process.env.BENCH_API_LOAD === 'autocannon';
const PEER_SCRIPT = fileURLToPath(new URL('./api/peer-server.ts', import.meta.url));
const LIST_PATH = '/api/opportunities?page=1&pageSize=50';

function load(url: string, ratePerSecond: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  const options = { url, headers, ratePerSecond, durationSeconds: seconds, warmupSeconds: WARMUP_SECONDS, connections: CONNECTIONS };
  return useAutocannon ? runAutocannon(options) : runConstantRate(options);
}

const progress = (text: string) => process.stdout.write(`${text}\n`);
const describe = (r: LoadResult) =>
  `${r.overloaded ? 'FELL BEHIND, stopped early: ' : ''}${Math.round(r.achievedPerSecond)} req/s, p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms, ${r.errors} errors, ${r.non2xx} non-2xx` +
  (r.sendLagP99Ms === null ? '' : ` (generator sent late by ${r.sendLagP99Ms.toFixed(2)} ms p99)`);

interface Prepared {
  readonly engine: BenchEngine;
  readonly server: ListeningChild;
  readonly cookie: string;
  readonly listBytes: number;
  readonly detailPath: string;
}

/** Database, demo workspace, server and session for one engine; what to undo goes on `cleanups`. */
async function prepare(engine: BenchEngine, cleanups: (() => Promise<void>)[]): Promise<Prepared> {
  const database = await createBenchDatabase(engine, pgAdminUrl);
  cleanups.push(() => database.drop());
  let started = performance.now();
  await buildDemo(database.target, demoScale);
  progress(`${ENGINE_LABELS[engine]}: demo workspace (scale ${demoScale}) built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  started = performance.now();
  const server = await startSalesops(database.target);
  cleanups.push(() => server.stop());
  const cookie = await signInAsManager(server.url);
  const list = await getText(server.url, LIST_PATH, cookie);
  const page = JSON.parse(list) as { items?: { id?: unknown }[]; total?: unknown };
  const firstId = page.items?.[0]?.id;
  if (typeof firstId !== 'string') throw new Error(`${ENGINE_LABELS[engine]}: the manager's list is empty; nothing to fetch one of`);
  const detailPath = `/api/opportunities/${encodeURIComponent(firstId)}`;
  const detail = await getText(server.url, detailPath, cookie);
  progress(
    `${ENGINE_LABELS[engine]}: serving at ${server.url} (ready in ${((performance.now() - started) / 1000).toFixed(1)} s); ` +
      `the manager sees ${String(page.total)} opportunities; list ${Buffer.byteLength(list)} B, one opportunity ${Buffer.byteLength(detail)} B`,
  );
  return { engine, server, cookie, listBytes: Buffer.byteLength(list), detailPath };
}

async function measurePeer(bodyBytes: number): Promise<Map<number, LoadResult>> {
  const peer = await startListening('peer server', ['--import', 'tsx', PEER_SCRIPT, String(bodyBytes)]);
  const results = new Map<number, LoadResult>();
  try {
    for (const rate of RATES) {
      const result = await load(peer.url, rate);
      results.set(rate, result);
      progress(`peer (node:http, ${bodyBytes} B) at ${rate} req/s: ${describe(result)}`);
    }
  } finally {
    await peer.stop();
  }
  return results;
}

async function measureEngine(prepared: Prepared, peer: Map<number, LoadResult>): Promise<BenchCell[]> {
  const label = ENGINE_LABELS[prepared.engine];
  const endpoints = [
    { name: 'list (50)', path: LIST_PATH },
    { name: 'one opportunity', path: prepared.detailPath },
  ];
  const cells: BenchCell[] = [];
  for (const endpoint of endpoints) {
    for (const rate of RATES) {
      const result = await load(new URL(endpoint.path, prepared.server.url).toString(), rate, { cookie: prepared.cookie });
      cells.push({ engine: label, endpoint: endpoint.name, result, peer: peer.get(rate) });
      progress(`${label} ${endpoint.name} at ${rate} req/s: ${describe(result)}`);
    }
  }
  return cells;
}

const cleanups: (() => Promise<void>)[] = [];
let cleaned: Promise<void> | null = null;
/** Stops every child process, then drops the databases; safe to call more than once. */
function cleanUp(): Promise<void> {
  cleaned ??= (async () => {
    await stopAllChildren();
    for (const undo of cleanups.reverse()) await undo().catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
  })();
  return cleaned;
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}

const loadBefore = loadavg()[0] ?? 0;
const cells: BenchCell[] = [];
const failures: string[] = [];
let peerBytes = 0;
const startedAt = performance.now();
progress(
  `Load: ${useAutocannon ? "autocannon's overallRate" : 'open loop (request i due at i / rate; latency from its due time)'}, ` +
    `${CONNECTIONS} connections at most, ${WARMUP_SECONDS} s warm-up + ${seconds} s per cell; ${cpus().length} CPUs`,
);
try {
  let peer: Map<number, LoadResult> | null = null;
  for (const engine of engines) {
    const before = cleanups.length;
    try {
      const prepared = await prepare(engine, cleanups);
      // The peer's body is the size of the first engine's list response; the demo is seeded, so both engines answer the same list.
      if (peer === null) {
        peerBytes = prepared.listBytes;
        peer = await measurePeer(peerBytes);
      }
      cells.push(...(await measureEngine(prepared, peer)));
    } catch (error) {
      failures.push(`${ENGINE_LABELS[engine]}: ${error instanceof Error ? error.message : String(error)}`);
      progress(`${ENGINE_LABELS[engine]} FAILED: ${failures.at(-1)}`);
    } finally {
      // Stop this engine's server and drop its database before the next engine runs.
      for (const undo of cleanups.splice(before).reverse()) await undo().catch((error: unknown) => console.error(`cleanup: ${String(error)}`));
    }
  }
} finally {
  await cleanUp();
}

progress(`\nAPI under constant load, demo workspace (scale ${demoScale}) signed in as the demo manager; peer: bare node:http answering ${peerBytes} B of JSON`);
for (const line of formatResultsTable(cells)) progress(line);
if (cells.some((cell) => cell.result.overloaded)) {
  progress(
    `> : the server fell more than ${DEFAULT_MAX_BACKLOG_SECONDS} s of requests behind, so the cell was stopped early; "achieved" is then its throughput, and the latencies rank the requests still waiting with the time they had waited (lower bounds).`,
  );
}
progress(GOAL_LINE);
for (const engine of engines) {
  const verdict = goalVerdict(cells, ENGINE_LABELS[engine]);
  progress(`  ${ENGINE_LABELS[engine]}: ${verdict === null ? 'not measured' : verdict.met ? 'met' : `NOT met (${verdict.misses.join('; ')})`}`);
}
const lags = [...cells.map((c) => c.result), ...cells.flatMap((c) => (c.peer === undefined ? [] : [c.peer]))].flatMap((r) => (r.sendLagP99Ms === null ? [] : [r.sendLagP99Ms]));
if (lags.length > 0) {
  // Latencies run from each request's due time, so the generator's own lateness is in them, peer included.
  progress(`The load generator sent requests late by at most ${Math.max(...lags).toFixed(1)} ms (p99 of a cell); latencies include it.`);
}
progress(`Took ${Math.round((performance.now() - startedAt) / 1000)} s; 1-minute load average ${loadBefore.toFixed(2)} before, ${(loadavg()[0] ?? 0).toFixed(2)} after (on ${cpus().length} CPUs).`);
for (const failure of failures) progress(`FAILED ${failure}`);
if (failures.length > 0) process.exitCode = 1;
