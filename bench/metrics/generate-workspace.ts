/**
 * The benchmark workspace in a store created by salesops itself (openStore runs the migrations,
 * initialiseWorkspace creates the workspace and the default sales processes, the currency rates go
 * through their repository), then filled in bulk: on SQLite through prepared statements in large
 * transactions with `synchronous=OFF` (WAL as always), on PostgreSQL with COPY from files written
 * first (COPY of the history must follow the opportunities it refers to). Planner statistics are
 * refreshed afterwards. Each copy is cached (see workspace-manifest.ts) and generated again only
 * when the generator version, seed or scale changes, or when asked.
 */
import { createReadStream, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { NEW_BUSINESS_PROCESS, RENEWAL_PROCESS } from '../../src/core/pipeline/default-processes.ts';
import { initialiseWorkspace } from '../../src/services/initialise-workspace.ts';
import { refreshPlannerStatistics } from '../../src/services/refresh-planner-statistics.ts';
import { upsertCurrencyRates } from '../../src/store/currency-rate-repository.ts';
import { openStore, type Store } from '../../src/store/database.ts';
import { listSalesProcesses, type SalesProcess, type Stage } from '../../src/store/sales-process-repository.ts';
import { getWorkspace } from '../../src/store/workspace-repository.ts';
import type { BenchProcess, BenchStage } from './deal-timeline.ts';
import { createProgressMeter, formatCount } from './progress-meter.ts';
import { sqliteRowSink, teeSink, tsvPath, tsvRowSink, type ClosableSink } from './row-sinks.ts';
import { cacheTag, GENERATOR_VERSION, editedMigrations, isCurrent, migrationHashes, postgresDatabaseName, readManifest, workspaceName, writeManifest, type WorkspaceManifest } from './workspace-manifest.ts';
import { BENCH_COLUMNS, BENCH_TABLES, benchCurrencyRates, writeWorkspaceRows, type BenchCatalog, type BenchTable, type WorkspaceSpec } from './workspace-rows.ts';

/** The migration sources of this build, by name (see WorkspaceManifest.migrationHashes). */
const MIGRATION_HASHES = migrationHashes(fileURLToPath(new URL('../../src/store/migrations/', import.meta.url)));

export interface GenerateOptions {
  readonly spec: WorkspaceSpec;
  /** bench/.data: the cached files live here. */
  readonly dataDir: string;
  readonly regenerate: boolean;
  readonly log: (line: string) => void;
}

export interface PreparedWorkspace {
  /** A SQLite path or a postgres:// URL. */
  readonly target: string;
  /** False when a cached copy was reused. */
  readonly generated: boolean;
  readonly manifest: WorkspaceManifest;
}

export function sqlitePath(options: Pick<GenerateOptions, 'spec' | 'dataDir'>): string {
  return join(options.dataDir, `metrics-${cacheTag(options.spec)}.db`);
}

/** The SQLite file with its write-ahead log, in bytes. */
export function sqliteSizeBytes(path: string): number {
  return ['', '-wal'].reduce((sum, suffix) => sum + (existsSync(`${path}${suffix}`) ? statSync(`${path}${suffix}`).size : 0), 0);
}

function removeSqlite(path: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
}

function benchStage(stage: Stage): BenchStage {
  return { id: stage.id, name: stage.name, isClosed: stage.isClosed, isWon: stage.isWon, probabilityBps: stage.probabilityBps, forecastCategory: stage.forecastCategory };
}

function benchProcess(process: SalesProcess | undefined, name: string): BenchProcess {
  const won = process?.stages.find((s) => s.isClosed && s.isWon);
  const lost = process?.stages.find((s) => s.isClosed && !s.isWon);
  if (process === undefined || won === undefined || lost === undefined) throw new Error(`The workspace has no "${name}" process with won and lost stages`);
  return { id: process.id, name: process.name, openStages: process.stages.filter((s) => !s.isClosed).map(benchStage), won: benchStage(won), lost: benchStage(lost) };
}

/** The stage and process ids of this store's default processes. */
export async function catalogOf(store: Store): Promise<BenchCatalog> {
  const processes = await listSalesProcesses(store.db);
  return {
    newBusiness: benchProcess(processes.find((p) => p.name === NEW_BUSINESS_PROCESS), NEW_BUSINESS_PROCESS),
    renewal: benchProcess(processes.find((p) => p.name === RENEWAL_PROCESS), RENEWAL_PROCESS),
  };
}

async function appliedMigrations(store: Store): Promise<string[]> {
  const result = await sql<{ name: string }>`SELECT name FROM schema_migration ORDER BY name`.execute(store.db);
  return result.rows.map((r) => r.name);
}

/** The workspace, the default processes and the currency rates, through salesops' own services and repositories. */
async function initialise(store: Store, spec: WorkspaceSpec): Promise<BenchCatalog> {
  await initialiseWorkspace(store, { name: workspaceName(spec), corporateCurrency: 'USD', actor: 'bench' });
  const rates = benchCurrencyRates(spec);
  await upsertCurrencyRates(
    store.db,
    rates.records.map((r) => ({ currency: r.currency, startDate: r.startDate, rate: r.rate, externalId: r.externalId })),
  );
  return catalogOf(store);
}

export interface GeneratedCounts {
  readonly opportunities: number;
  readonly historyRows: number;
  /** Rows written per table. */
  readonly rows: Readonly<Record<BenchTable, number>>;
}

/** Writes the rows to `sink`, printing progress; returns the counts. */
function generateInto(spec: WorkspaceSpec, catalog: BenchCatalog, target: ClosableSink, label: string, log: (line: string) => void): GeneratedCounts {
  const meter = createProgressMeter(label, log);
  const rows: Record<BenchTable, number> = { person: 0, reporting_line: 0, account: 0, opportunity: 0, opportunity_history: 0 };
  const sink: ClosableSink = {
    write(table, values) {
      rows[table] += 1;
      target.write(table, values);
    },
    checkpoint: () => target.checkpoint?.(),
    finish: () => target.finish(),
  };
  const counts = writeWorkspaceRows(spec, catalog, sink, (p) =>
    meter.update(p.opportunities + p.historyRows, `${formatCount(p.opportunities)} of ${formatCount(p.totalOpportunities)} opportunities, ${formatCount(p.historyRows)} history rows`),
  );
  sink.finish();
  meter.update(counts.opportunities + counts.historyRows, `${formatCount(counts.opportunities)} opportunities, ${formatCount(counts.historyRows)} history rows written`, true);
  return { ...counts, rows };
}

/** Whether a cached store holds what its manifest says: the workspace this spec names, with as many opportunities. */
async function holdsManifest(store: Store, spec: WorkspaceSpec, manifest: WorkspaceManifest): Promise<boolean> {
  const workspace = await getWorkspace(store.db);
  if (workspace?.name !== workspaceName(spec)) return false;
  const row = await store.db.selectFrom('opportunity').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0) === manifest.opportunities;
}

/**
 * Opens a cached copy, checks it and brings its planner statistics up to date when migrations
 * have been added since (a new index needs them); null when it cannot be reused.
 */
async function reuse(target: string, manifestPath: string, options: GenerateOptions): Promise<PreparedWorkspace | null> {
  const manifest = readManifest(manifestPath);
  if (options.regenerate || !isCurrent(manifest, options.spec)) return null;
  const edited = editedMigrations(manifest, MIGRATION_HASHES);
  if (edited.length > 0) {
    options.log(`${target}: migrations edited since the copy was generated (${edited.join(', ')}): generating it again`);
    return null;
  }
  let store: Store;
  try {
    store = await openStore(target, { mustExist: true });
  } catch {
    return null;
  }
  try {
    if (!(await holdsManifest(store, options.spec, manifest))) return null;
    const migrations = await appliedMigrations(store);
    if (migrations.join() === manifest.migrations.join()) return { target, generated: false, manifest };
    options.log(`Migrations added since the copy was generated (${migrations.filter((m) => !manifest.migrations.includes(m)).join(', ')}): refreshing planner statistics`);
    await refreshPlannerStatistics(store);
    const updated = { ...manifest, migrations, migrationHashes: MIGRATION_HASHES };
    writeManifest(manifestPath, updated);
    return { target, generated: false, manifest: updated };
  } finally {
    await store.close();
  }
}

/**
 * The SQLite copy in bench/.data/metrics-<scale>.db, generated when missing or stale. When
 * `tsvDirectory` is given and the copy is generated, the same rows are also written there as
 * TSV files (for DuckDB), saving a second pass of the generator.
 */
export async function prepareSqliteWorkspace(options: GenerateOptions & { readonly tsvDirectory?: string }): Promise<PreparedWorkspace & { readonly tsvWritten: boolean }> {
  const path = sqlitePath(options);
  const manifestPath = `${path}.json`;
  const cached = await reuse(path, manifestPath, options);
  if (cached !== null) return { ...cached, tsvWritten: false };

  const { spec, log } = options;
  mkdirSync(options.dataDir, { recursive: true });
  removeSqlite(path);
  rmSync(manifestPath, { force: true });
  log(`SQLite: generating ${path} (generator v${GENERATOR_VERSION}, seed ${spec.seed}, scale ${spec.scale})`);
  const startedAt = performance.now();
  const store = await openStore(path);
  try {
    const catalog = await initialise(store, spec);
    const handle = store.sqlite;
    if (handle === undefined) throw new Error('A SQLite store without its handle');
    // Durability is not needed while loading: a crash means generating again. WAL is the store's own setting.
    handle.pragma('synchronous = OFF');
    handle.pragma('cache_size = -524288');
    const sinks = [sqliteRowSink(handle)];
    if (options.tsvDirectory !== undefined) {
      mkdirSync(options.tsvDirectory, { recursive: true });
      sinks.push(tsvRowSink(options.tsvDirectory));
    }
    const { opportunities, historyRows } = generateInto(spec, catalog, teeSink(sinks), 'SQLite load', log);
    handle.pragma('synchronous = NORMAL');
    const analyseStartedAt = performance.now();
    await refreshPlannerStatistics(store);
    handle.pragma('wal_checkpoint(TRUNCATE)');
    log(`SQLite: ANALYZE and checkpoint in ${((performance.now() - analyseStartedAt) / 1000).toFixed(1)} s`);
    const manifest: WorkspaceManifest = {
      generatorVersion: GENERATOR_VERSION,
      seed: spec.seed,
      scale: spec.scale,
      opportunities,
      historyRows,
      generationSeconds: (performance.now() - startedAt) / 1000,
      generatedAt: new Date().toISOString(),
      migrations: await appliedMigrations(store),
      migrationHashes: MIGRATION_HASHES,
    };
    writeManifest(manifestPath, manifest);
    return { target: path, generated: true, manifest, tsvWritten: options.tsvDirectory !== undefined };
  } finally {
    await store.close();
  }
}

/** Writes the workspace's rows as TSV files in `directory`, with the given store's stage and process ids. */
export function writeTsvFiles(spec: WorkspaceSpec, catalog: BenchCatalog, directory: string, label: string, log: (line: string) => void): GeneratedCounts {
  rmSync(directory, { recursive: true, force: true });
  mkdirSync(directory, { recursive: true });
  return generateInto(spec, catalog, tsvRowSink(directory), label, log);
}

function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** COPY of one TSV file into its table, printing progress by the bytes sent (rows estimated from them). */
async function copyFile(client: pg.PoolClient, table: BenchTable, file: string, expectedRows: number, log: (line: string) => void): Promise<void> {
  const size = statSync(file).size;
  const meter = createProgressMeter(`PostgreSQL COPY ${table}`, log);
  let sent = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sent += chunk.length;
      const rows = size > 0 ? (expectedRows * sent) / size : 0;
      meter.update(rows, `${formatCount(rows)} of ${formatCount(expectedRows)} rows (${(sent / 2 ** 20).toFixed(0)} of ${(size / 2 ** 20).toFixed(0)} MiB)`);
      done(null, chunk);
    },
  });
  await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), counter, client.query(copyFrom(`COPY ${table} (${BENCH_COLUMNS[table].join(', ')}) FROM STDIN`)));
  meter.update(expectedRows, `${formatCount(expectedRows)} rows`, true);
}

/**
 * The PostgreSQL copy in the database `salesops_bench_metrics` (other scales get a suffix) beside
 * `adminUrl`'s, generated when missing or stale: dropped and created again, initialised by
 * salesops, then filled with COPY and VACUUM ANALYZE'd.
 */
export async function preparePostgresWorkspace(options: GenerateOptions & { readonly adminUrl: string }): Promise<PreparedWorkspace> {
  const { spec, log } = options;
  const database = postgresDatabaseName(spec);
  const target = databaseUrl(options.adminUrl, database);
  const manifestPath = join(options.dataDir, `metrics-${cacheTag(spec)}.postgres.json`);
  const cached = await reuse(target, manifestPath, options);
  if (cached !== null) return cached;

  mkdirSync(options.dataDir, { recursive: true });
  rmSync(manifestPath, { force: true });
  log(`PostgreSQL: generating database ${database} (generator v${GENERATOR_VERSION}, seed ${spec.seed}, scale ${spec.scale})`);
  const startedAt = performance.now();
  const admin = new pg.Client({ connectionString: options.adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  const store = await openStore(target);
  const tsvDirectory = join(options.dataDir, `tsv-postgres-${cacheTag(spec)}`);
  try {
    const catalog = await initialise(store, spec);
    const counts = writeTsvFiles(spec, catalog, tsvDirectory, 'PostgreSQL files', log);
    const pool = store.pool;
    if (pool === undefined) throw new Error('A PostgreSQL store without its pool');
    const client = await pool.connect();
    try {
      for (const table of BENCH_TABLES) await copyFile(client, table, tsvPath(tsvDirectory, table), counts.rows[table], log);
    } finally {
      client.release();
    }
    const analyseStartedAt = performance.now();
    await refreshPlannerStatistics(store);
    log(`PostgreSQL: VACUUM ANALYZE in ${((performance.now() - analyseStartedAt) / 1000).toFixed(1)} s`);
    const manifest: WorkspaceManifest = {
      generatorVersion: GENERATOR_VERSION,
      seed: spec.seed,
      scale: spec.scale,
      opportunities: counts.opportunities,
      historyRows: counts.historyRows,
      generationSeconds: (performance.now() - startedAt) / 1000,
      generatedAt: new Date().toISOString(),
      migrations: await appliedMigrations(store),
      migrationHashes: MIGRATION_HASHES,
    };
    writeManifest(manifestPath, manifest);
    return { target, generated: true, manifest };
  } finally {
    rmSync(tsvDirectory, { recursive: true, force: true });
    await store.close();
  }
}

/** The database's size on disk, bytes. */
export async function postgresSizeBytes(store: Store): Promise<number> {
  const result = await sql<{ bytes: number }>`SELECT pg_database_size(current_database()) AS bytes`.execute(store.db);
  return Number(result.rows[0]?.bytes ?? 0);
}
