/**
 * Import benchmark: N Salesforce Data Loader opportunities (default 1,000,000; BENCH_IMPORT_ROWS
 * overrides) imported with full validation, beside each engine's own bare bulk load of the same
 * file measured in the same run: sqlite3's `.import` into a bare table, and PostgreSQL's COPY.
 * Goal: at least 0.3 of the bare rate on SQLite, with peak memory under 1 GiB.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, mkdirSync, rmSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { generateSalesforceExport } from '../src/services/testing/generate-salesforce-export.ts';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '.out', 'import');
const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const pgAdminUrl = process.env.SALESOPS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
console.log(`Generating ${rows.toLocaleString('en-US')} opportunities (Salesforce Data Loader format)…`);
const files = await generateSalesforceExport(out, rows);
const bareColumns = files.opportunityColumns.map((c) => `"${c}" text`).join(', ');

function rate(n: number, ms: number): number {
  return Math.round(n / (ms / 1000));
}

function runChild(target: string): { rows: number; ms: number; maxRssMb: number } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'import-child.ts'), target, files.users, files.accounts, files.opportunities], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (child.status !== 0) throw new Error(`salesops import failed: ${child.stderr}`);
  const last = child.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as { rows: number; ms: number; maxRssMb: number };
}

interface Line { engine: string; oursRate: number; peerRate: number; peer: string; maxRssMb: number }
const lines: Line[] = [];

// SQLite: the sqlite3 shell's .import into a table with no constraints is the bare bulk-load rate.
const sqlitePeerDb = join(out, 'peer.db');
execFileSync('sqlite3', [sqlitePeerDb, `CREATE TABLE opportunity_bare (${bareColumns});`]);
let started = performance.now();
execFileSync('sqlite3', [sqlitePeerDb, '.mode csv', `.import --skip 1 ${files.opportunities} opportunity_bare`]);
const sqlitePeerMs = performance.now() - started;
const ours = runChild(join(out, 'salesops.db'));
lines.push({ engine: 'SQLite', oursRate: rate(ours.rows, ours.ms), peerRate: rate(rows, sqlitePeerMs), peer: 'sqlite3 .import', maxRssMb: ours.maxRssMb });

// PostgreSQL: COPY … FROM STDIN (CSV) into a bare table is the bare bulk-load rate.
const dbName = `salesops_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: pgAdminUrl });
await admin.connect();
await admin.query(`CREATE DATABASE ${dbName}`);
const url = new URL(pgAdminUrl);
url.pathname = `/${dbName}`;
try {
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  await client.query(`CREATE TABLE opportunity_bare (${bareColumns})`);
  started = performance.now();
  await pipeline(createReadStream(files.opportunities), client.query(copyFrom(`COPY opportunity_bare FROM STDIN (FORMAT csv, HEADER true)`)));
  const pgPeerMs = performance.now() - started;
  await client.end();
  const oursPg = runChild(url.toString());
  lines.push({ engine: 'PostgreSQL', oursRate: rate(oursPg.rows, oursPg.ms), peerRate: rate(rows, pgPeerMs), peer: 'COPY', maxRssMb: oursPg.maxRssMb });
} finally {
  await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin.end();
}

console.log(`\nImport of ${rows.toLocaleString('en-US')} opportunities (full validation, upsert by external id, one transaction)`);
console.log('engine      salesops rows/s   bare load rows/s   ratio   peer              peak RSS');
for (const l of lines) {
  console.log(
    `${l.engine.padEnd(11)} ${l.oursRate.toLocaleString('en-US').padStart(15)}   ${l.peerRate.toLocaleString('en-US').padStart(16)}   ${(l.oursRate / l.peerRate).toFixed(2).padStart(5)}   ${l.peer.padEnd(16)}  ${Math.round(l.maxRssMb)} MiB`,
  );
}
const sqliteLine = lines[0];
if (sqliteLine) {
  const ok = sqliteLine.oursRate / sqliteLine.peerRate >= 0.3 && sqliteLine.maxRssMb < 1024;
  console.log(`Goal (SQLite ratio >= 0.30, peak memory < 1 GiB): ${ok ? 'met' : 'NOT met'}`);
}
rmSync(out, { recursive: true, force: true });
