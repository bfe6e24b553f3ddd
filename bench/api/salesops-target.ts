/**
 * The system under load: a fresh database on one engine holding the demo workspace, `salesops
 * serve` on it in its own process, and a session of the demo manager.
 */
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { DEMO_USER_CREDENTIALS } from '../../src/services/demo/create-demo-users.ts';
import { runToEnd, startListening, type ListeningChild } from './child-processes.ts';

export type BenchEngine = 'sqlite' | 'postgres';

export const ENGINE_LABELS: Record<BenchEngine, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

const SALESOPS_BIN = fileURLToPath(new URL('../../bin/salesops.js', import.meta.url));
const SESSION_COOKIE = 'salesops_session';

export interface BenchDatabase {
  readonly engine: BenchEngine;
  /** A SQLite file path or a postgres:// URL, as `--db` takes it. */
  readonly target: string;
  /** Removes the file or drops the database; call it once nothing uses it any more. */
  drop(): Promise<void>;
}

/** A new, empty SQLite file in the temp directory, or a new database beside `pgAdminUrl`'s. */
export async function createBenchDatabase(engine: BenchEngine, pgAdminUrl: string): Promise<BenchDatabase> {
  const name = `salesops_bench_api_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (engine === 'sqlite') {
    const path = join(tmpdir(), `${name}.db`);
    return {
      engine,
      target: path,
      drop: () => {
        for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
        return Promise.resolve();
      },
    };
  }
  const admin = new pg.Client({ connectionString: pgAdminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(pgAdminUrl);
  url.pathname = `/${name}`;
  return {
    engine,
    target: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: pgAdminUrl });
      await client.connect();
      try {
        // The server has stopped by now; FORCE only ends connections it may have left behind.
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** `salesops demo`: the generated demo company with its demo users, as a user would build it. */
export async function buildDemo(target: string, scale: number): Promise<void> {
  await runToEnd('salesops demo', [SALESOPS_BIN, '--db', target, 'demo', '--scale', String(scale), '--json']);
}

/** `salesops serve` on a free port of 127.0.0.1, in its own process. */
export function startSalesops(target: string): Promise<ListeningChild> {
  return startListening('salesops serve', [SALESOPS_BIN, '--db', target, 'serve', '--port', '0', '--json'], 120_000);
}

/** Signs the demo manager in and returns the Cookie header that carries the session. */
export async function signInAsManager(baseUrl: string): Promise<string> {
  const manager = DEMO_USER_CREDENTIALS.find((credentials) => credentials.role === 'manager');
  if (manager === undefined) throw new Error('DEMO_USER_CREDENTIALS has no manager');
  const response = await fetch(new URL('/api/auth/sign-in', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: manager.email, password: manager.password }),
  });
  if (!response.ok) throw new Error(`Sign-in as ${manager.email} answered ${response.status}: ${await response.text()}`);
  for (const cookie of response.headers.getSetCookie()) {
    const [pair] = cookie.split(';');
    if (pair?.startsWith(`${SESSION_COOKIE}=`)) return pair;
  }
  throw new Error(`Sign-in as ${manager.email} set no ${SESSION_COOKIE} cookie`);
}

/** GET `path` with the session cookie; the body as text, after checking the status is 200. */
export async function getText(baseUrl: string, path: string, cookie: string): Promise<string> {
  const response = await fetch(new URL(path, baseUrl), { headers: { cookie } });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return text;
}
