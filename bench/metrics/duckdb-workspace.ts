/**
 * The DuckDB peer's copy of the workspace (bench/.data/metrics-<scale>.duckdb): the same rows as
 * the SQLite copy, with its ids, loaded from the generator's TSV files with read_csv, plus the
 * stages, processes and currency rates read from the SQLite store. The history is stored in
 * order of `changed_at`, so DuckDB's zone maps skip the blocks before an instant (the store has
 * its (field, changed_at) index for the same reads).
 */
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { listCurrencyRates } from '../../src/store/currency-rate-repository.ts';
import { openStore } from '../../src/store/database.ts';
import { listAllStages, listSalesProcesses } from '../../src/store/sales-process-repository.ts';
import { getWorkspace } from '../../src/store/workspace-repository.ts';
import { catalogOf, writeTsvFiles, type PreparedWorkspace } from './generate-workspace.ts';
import { tsvPath } from './row-sinks.ts';
import { cacheTag, GENERATOR_VERSION, isCurrent, readManifest, writeManifest, type WorkspaceManifest } from './workspace-manifest.ts';
import { BENCH_COLUMNS, type BenchTable, type WorkspaceSpec } from './workspace-rows.ts';

/** DuckDB types of the columns that are not text; every other column is VARCHAR. */
const TYPED_COLUMNS: Readonly<Record<string, string>> = {
  active: 'INTEGER',
  employees: 'INTEGER',
  annual_revenue_minor: 'BIGINT',
  amount_minor: 'BIGINT',
  forecast_category_override: 'INTEGER',
  probability_bps: 'INTEGER',
  is_closed: 'INTEGER',
  is_won: 'INTEGER',
  close_date: 'DATE',
  created_date: 'DATE',
  changed_at: 'TIMESTAMP',
};

export function duckdbPath(options: { readonly spec: WorkspaceSpec; readonly dataDir: string }): string {
  return join(options.dataDir, `metrics-${cacheTag(options.spec)}.duckdb`);
}

export function duckdbSizeBytes(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}

/** The read_csv call for one table's TSV file (COPY's text format: tabs, `\N` for null, no quoting). */
export function readTsvSql(table: BenchTable, file: string): string {
  const columns = BENCH_COLUMNS[table].map((c) => `'${c}': '${TYPED_COLUMNS[c] ?? 'VARCHAR'}'`).join(', ');
  return `read_csv('${file.replace(/'/g, "''")}', delim = '\t', header = false, quote = '', escape = '', nullstr = '\\N', auto_detect = false, columns = {${columns}})`;
}

/** A decimal rate string as an exact integer and its power of ten: "0.912345" is 912345 / 10^6. */
export function rateParts(rate: string): { readonly units: bigint; readonly factor: bigint } {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(rate.trim());
  if (match === null) throw new RangeError(`"${rate}" is not a plain positive decimal`);
  const decimals = match[2] ?? '';
  const units = BigInt(`${match[1] ?? '0'}${decimals}`);
  if (units <= 0n) throw new RangeError(`Rate "${rate}" must be positive`);
  return { units, factor: 10n ** BigInt(decimals.length) };
}

const sqlText = (value: string | null): string => (value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`);

/** The small tables the peer's queries join: stages, processes, currency rates and the corporate currency. */
export interface ReferenceData {
  readonly stages: readonly { readonly id: string; readonly processId: string; readonly name: string; readonly sortOrder: number; readonly probabilityBps: number; readonly forecastCategory: string; readonly isClosed: boolean; readonly isWon: boolean }[];
  readonly processes: readonly { readonly id: string; readonly name: string; readonly kind: string }[];
  /** `startDate` null is the static rate; `rate` is units of the currency per corporate unit, as stored. */
  readonly rates: readonly { readonly currency: string; readonly startDate: string | null; readonly rate: string }[];
  readonly corporateCurrency: string;
}

export async function createReferenceTables(connection: DuckDBConnection, data: ReferenceData): Promise<void> {
  await connection.run(`CREATE TABLE stage (id VARCHAR, process_id VARCHAR, name VARCHAR, sort_order INTEGER, probability_bps INTEGER, forecast_category VARCHAR, is_closed INTEGER, is_won INTEGER)`);
  await connection.run(
    `INSERT INTO stage VALUES ${data.stages
      .map((s) => `(${sqlText(s.id)}, ${sqlText(s.processId)}, ${sqlText(s.name)}, ${s.sortOrder}, ${s.probabilityBps}, ${sqlText(s.forecastCategory)}, ${s.isClosed ? 1 : 0}, ${s.isWon ? 1 : 0})`)
      .join(', ')}`,
  );
  await connection.run(`CREATE TABLE sales_process (id VARCHAR, name VARCHAR, kind VARCHAR)`);
  await connection.run(`INSERT INTO sales_process VALUES ${data.processes.map((p) => `(${sqlText(p.id)}, ${sqlText(p.name)}, ${sqlText(p.kind)})`).join(', ')}`);
  // A rate is units of the currency per one corporate unit: amount in corporate = amount × factor / units.
  await connection.run(`CREATE TABLE currency_rate (currency VARCHAR, start_date DATE, units BIGINT, factor BIGINT)`);
  await connection.run(
    `INSERT INTO currency_rate VALUES ${data.rates
      .map((r) => {
        const { units, factor } = rateParts(r.rate);
        return `(${sqlText(r.currency)}, ${r.startDate === null ? 'NULL' : `DATE ${sqlText(r.startDate)}`}, ${units}, ${factor})`;
      })
      .join(', ')}`,
  );
  await connection.run(`CREATE TABLE workspace AS SELECT ${sqlText(data.corporateCurrency)} AS corporate_currency`);
}

/** Stages, processes and rates as the SQLite store holds them. */
async function copyReferenceTables(connection: DuckDBConnection, sqliteTarget: string): Promise<void> {
  const store = await openStore(sqliteTarget, { mustExist: true });
  try {
    const stages = await listAllStages(store.db);
    const processes = await listSalesProcesses(store.db);
    const rates = await listCurrencyRates(store.db);
    const workspace = await getWorkspace(store.db);
    if (workspace === null) throw new Error(`${sqliteTarget} has no workspace`);
    await createReferenceTables(connection, { stages, processes, rates, corporateCurrency: workspace.corporateCurrency });
  } finally {
    await store.close();
  }
}

/** Loads the generator's TSV files from `directory` into DuckDB tables of the store's names. */
export async function loadTsvTables(connection: DuckDBConnection, directory: string): Promise<void> {
  for (const table of ['person', 'reporting_line', 'account', 'opportunity'] as const) {
    await connection.run(`CREATE TABLE ${table} AS SELECT * FROM ${readTsvSql(table, tsvPath(directory, table))}`);
  }
  await connection.run(`CREATE TABLE opportunity_history AS SELECT * FROM ${readTsvSql('opportunity_history', tsvPath(directory, 'opportunity_history'))} ORDER BY changed_at`);
}

/**
 * The DuckDB copy matching the SQLite copy `sqlite`, built when missing or stale. `tsvDirectory`
 * holds the generator's files when the SQLite load wrote them; otherwise the generator runs again
 * with the SQLite store's ids.
 */
export async function prepareDuckDbWorkspace(options: {
  readonly spec: WorkspaceSpec;
  readonly dataDir: string;
  readonly regenerate: boolean;
  readonly sqlite: PreparedWorkspace;
  readonly tsvDirectory: string;
  readonly tsvWritten: boolean;
  readonly log: (line: string) => void;
}): Promise<PreparedWorkspace> {
  const path = duckdbPath(options);
  const manifestPath = `${path}.json`;
  const cached = readManifest(manifestPath);
  if (!options.regenerate && isCurrent(cached, options.spec) && cached.builtFrom === options.sqlite.manifest.generatedAt && existsSync(path)) {
    return { target: path, generated: false, manifest: cached };
  }
  const startedAt = performance.now();
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
  rmSync(manifestPath, { force: true });
  if (!options.tsvWritten) {
    const store = await openStore(options.sqlite.target, { mustExist: true });
    const catalog = await catalogOf(store).finally(() => store.close());
    writeTsvFiles(options.spec, catalog, options.tsvDirectory, 'DuckDB files', options.log);
  }
  options.log(`DuckDB: loading ${path}`);
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  try {
    await loadTsvTables(connection, options.tsvDirectory);
    await copyReferenceTables(connection, options.sqlite.target);
    await connection.run('CHECKPOINT');
    const counts = (await connection.runAndReadAll('SELECT (SELECT count(*) FROM opportunity) AS opportunities, (SELECT count(*) FROM opportunity_history) AS history_rows')).getRowObjectsJS()[0];
    const manifest: WorkspaceManifest = {
      generatorVersion: GENERATOR_VERSION,
      seed: options.spec.seed,
      scale: options.spec.scale,
      opportunities: Number(counts?.opportunities ?? 0),
      historyRows: Number(counts?.history_rows ?? 0),
      generationSeconds: (performance.now() - startedAt) / 1000,
      generatedAt: new Date().toISOString(),
      migrations: [],
      builtFrom: options.sqlite.manifest.generatedAt,
    };
    writeManifest(manifestPath, manifest);
    options.log(`DuckDB: ${manifest.opportunities.toLocaleString('en-US')} opportunities, ${manifest.historyRows.toLocaleString('en-US')} history rows loaded in ${manifest.generationSeconds.toFixed(1)} s`);
    return { target: path, generated: true, manifest };
  } finally {
    connection.closeSync();
    instance.closeSync();
    rmSync(options.tsvDirectory, { recursive: true, force: true });
  }
}
