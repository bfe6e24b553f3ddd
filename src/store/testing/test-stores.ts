import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store } from '../database.ts';
import type { Engine } from '../engine.ts';

/**
 * Store tests run on both engines. PostgreSQL is reached through SALESOPS_TEST_PG_URL (default: the
 * local server); each test store is a fresh database, dropped afterwards. Setting
 * SALESOPS_TEST_PG_URL=off runs SQLite only (for machines without PostgreSQL; CI never sets it).
 */
export const TEST_PG_URL = process.env.SALESOPS_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const TEST_ENGINES: readonly Engine[] = TEST_PG_URL === 'off' ? ['sqlite'] : ['sqlite', 'postgres'];

export interface TestStore extends Store {
  /** The target to open the same database again (a file path or a URL), for tests that reopen it. */
  readonly openTarget: string;
  /** Closes the store and removes its file or database. */
  dispose: () => Promise<void>;
}

function uniqueName(): string {
  return `salesops_test_${process.pid}_${randomBytes(5).toString('hex')}`;
}

function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Creates an empty database (not migrated) on the engine and returns its target. */
export async function createTestTarget(engine: Engine): Promise<{ target: string; drop: () => Promise<void> }> {
  const name = uniqueName();
  if (engine === 'sqlite') {
    const path = join(tmpdir(), `${name}.db`);
    return {
      target: path,
      drop: () => {
        for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${path}${suffix}`, { force: true });
        return Promise.resolve();
      },
    };
  }
  const admin = new pg.Client({ connectionString: TEST_PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  return {
    target: databaseUrl(TEST_PG_URL, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      try {
        // pg's pool.end() resolves before its sockets have closed; forcing the drop at once would
        // kill those closing sessions and surface as an uncaught error in the test run. Wait for
        // them to go, and force only if they do not.
        for (let attempt = 0; ; attempt += 1) {
          try {
            await client.query(`DROP DATABASE IF EXISTS ${name}${attempt < 20 ? '' : ' WITH (FORCE)'}`);
            break;
          } catch (error) {
            if (attempt >= 20 || (error as { code?: string }).code !== '55006') throw error;
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
        }
      } finally {
        await client.end();
      }
    },
  };
}

/** A migrated, empty store on the engine. */
export async function openTestStore(engine: Engine): Promise<TestStore> {
  const { target, drop } = await createTestTarget(engine);
  const store = await openStore(target);
  let disposed = false;
  return {
    ...store,
    openTarget: target,
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      await store.close();
      await drop();
    },
  };
}
