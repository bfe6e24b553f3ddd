/**
 * The crash test: an import killed with SIGKILL at any moment must leave the database exactly as
 * it was before the import or exactly as it is after it, never in between. Each trial copies a
 * prepared database, starts an import in a child process, kills it after a random delay, then
 * checks `PRAGMA integrity_check` and compares a signature of the data with both end states.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'import-child.ts');

/**
 * Row counts of every table plus a hash of the business content that an import writes. Random
 * ids and clock times differ between runs, so rows are identified by external ids instead.
 */
export function databaseSignature(path: string): { integrity: string; signature: string; counts: Record<string, number> } {
  const db = new SqliteDatabase(path, { readonly: true, fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check', { simple: true }) as string) ?? 'unknown';
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    const counts: Record<string, number> = {};
    for (const table of tables) {
      counts[table] = (db.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    }
    const hash = createHash('sha256');
    hash.update(JSON.stringify(counts));
    const content = [
      `SELECT o.external_id, o.name, o.amount_minor, o.currency, o.close_date, o.created_date, s.name AS stage, o.forecast_category,
              p.external_id AS owner, a.external_id AS account, o.type, o.lead_source, o.next_step
         FROM opportunity o JOIN stage s ON s.id = o.stage_id
         LEFT JOIN person p ON p.id = o.owner_id LEFT JOIN account a ON a.id = o.account_id
        ORDER BY o.external_id`,
      `SELECT o.external_id, h.field, h.old_value IS NULL AS created FROM opportunity_history h
         JOIN opportunity o ON o.id = h.opportunity_id ORDER BY o.external_id, h.field, h.changed_at`,
      `SELECT status, rows_read, inserted, updated, unchanged, rejected FROM import_run ORDER BY started_at`,
      `SELECT action, object_type FROM audit_event ORDER BY occurred_at`,
    ];
    for (const query of content) {
      for (const row of db.prepare(query).iterate()) hash.update(JSON.stringify(row));
    }
    return { integrity, signature: hash.digest('hex'), counts };
  } finally {
    db.close();
  }
}

function runImport(dbPath: string, file: string, killAfterMs: number | null): Promise<{ killed: boolean; code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dbPath, file], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let killed = false;
    const timer = killAfterMs === null ? null : setTimeout(() => {
      killed = child.kill('SIGKILL');
    }, killAfterMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      if (timer) clearTimeout(timer);
      resolve({ killed: killed && code === null, code, stderr });
    });
  });
}

export interface KillTrialReport {
  readonly trials: number;
  readonly endedBefore: number;
  readonly endedAfter: number;
  readonly fullRunMs: number;
  readonly failures: readonly string[];
}

/**
 * Runs `trials` kills. `baseDb` is a prepared SQLite file (the "before" state); `file` is the
 * import to interrupt. Kill delays are drawn over the time a full run takes (every other one in
 * its last 30 % and a little past it), so kills land before, during and after the commit.
 */
export async function runKillTrials(options: { baseDb: string; file: string; workDir: string; trials: number; random?: () => number }): Promise<KillTrialReport> {
  const random = options.random ?? Math.random;
  const before = databaseSignature(options.baseDb);
  const afterDb = join(options.workDir, 'after.db');
  copyFileSync(options.baseDb, afterDb);
  const started = performance.now();
  const full = await runImport(afterDb, options.file, null);
  const fullRunMs = performance.now() - started;
  if (full.code !== 0) throw new Error(`the uninterrupted import failed: ${full.stderr}`);
  const after = databaseSignature(afterDb);
  if (after.signature === before.signature) throw new Error('the import changed nothing, so the test would prove nothing');

  const failures: string[] = [];
  let endedBefore = 0;
  let endedAfter = 0;
  for (let trial = 0; trial < options.trials; trial += 1) {
    const trialDb = join(options.workDir, `trial-${trial}.db`);
    copyFileSync(options.baseDb, trialDb);
    // Half the kills anywhere in the run; half in its last stretch, where the transaction commits.
    const delay = Math.floor(trial % 2 === 0 ? random() * fullRunMs : fullRunMs * (0.7 + random() * 0.4));
    const run = await runImport(trialDb, options.file, delay);
    if (!run.killed && run.code !== 0) failures.push(`trial ${trial}: the import exited ${run.code}: ${run.stderr}`);
    const state = databaseSignature(trialDb);
    if (state.integrity !== 'ok') failures.push(`trial ${trial} (killed at ${delay} ms): integrity_check says ${state.integrity}`);
    if (state.signature === before.signature) endedBefore += 1;
    else if (state.signature === after.signature) endedAfter += 1;
    else failures.push(`trial ${trial} (killed at ${delay} ms): the database is neither as before nor as after: ${JSON.stringify(state.counts)}`);
    for (const suffix of ['', '-wal', '-shm']) if (existsSync(trialDb + suffix)) rmSync(trialDb + suffix);
  }
  return { trials: options.trials, endedBefore, endedAfter, fullRunMs, failures };
}
