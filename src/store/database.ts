import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { engineOfTarget, type Engine } from './engine.ts';
import { migrateToLatest, migrationStatus } from './migrate.ts';
import type { Database } from './schema.ts';
import { StoreError } from './store-error.ts';

// PostgreSQL returns int8 (bigint) as a string; salesops keeps every money amount and count within
// the safe integer range, so it is read as a number.
pg.types.setTypeParser(20, (value: string) => {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new StoreError('constraint_violation', `Integer ${value} is beyond the safe range`);
  return n;
});

/** An open database: the typed query builder plus the engine's own handle for bulk paths. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly engine: Engine;
  /** The path or URL it was opened with (a URL's password is not kept). */
  readonly target: string;
  /** The better-sqlite3 handle, on SQLite only: bulk imports use prepared statements directly. */
  readonly sqlite: SqliteDatabase.Database | undefined;
  /** The pg pool, on PostgreSQL only. */
  readonly pool: pg.Pool | undefined;
  close: () => Promise<void>;
}

export interface OpenStoreOptions {
  /** Apply pending migrations (default true). With false, an uninitialised or outdated database is refused. */
  readonly migrate?: boolean;
  /** Open without creating the SQLite file when it does not exist. */
  readonly mustExist?: boolean;
  readonly poolSize?: number;
}

function redact(target: string): string {
  return target.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}

function openSqlite(path: string, mustExist: boolean): SqliteDatabase.Database {
  let handle: SqliteDatabase.Database;
  try {
    handle = new SqliteDatabase(path, { fileMustExist: mustExist });
  } catch (error) {
    throw new StoreError('database_unreachable', `Cannot open SQLite database ${path}: ${(error as Error).message}`);
  }
  // Pages of 8 KiB suit rows of this width: fewer B-tree splits on bulk imports. It takes effect
  // only on a new, empty file (an existing database keeps the page size it was created with).
  handle.pragma('page_size = 8192');
  // WAL: readers never block the writer, and a killed process leaves the last committed state.
  handle.pragma('journal_mode = WAL');
  handle.pragma('synchronous = NORMAL');
  handle.pragma('foreign_keys = ON');
  handle.pragma('busy_timeout = 5000');
  return handle;
}

/** Opens (and by default migrates) the SQLite file or PostgreSQL database named by `target`. */
export async function openStore(target: string, options: OpenStoreOptions = {}): Promise<Store> {
  const engine = engineOfTarget(target);
  let store: Store;
  if (engine === 'sqlite') {
    const sqlite = openSqlite(target, options.mustExist ?? false);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    store = { db, engine, target, sqlite, pool: undefined, close: () => db.destroy() };
  } else {
    const pool = new pg.Pool({ connectionString: target, max: options.poolSize ?? 10 });
    try {
      const client = await pool.connect();
      client.release();
    } catch (error) {
      await pool.end();
      throw new StoreError('database_unreachable', `Cannot connect to ${redact(target)}: ${(error as Error).message}`);
    }
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    store = { db, engine, target: redact(target), sqlite: undefined, pool, close: () => db.destroy() };
  }
  try {
    if (options.migrate ?? true) {
      await migrateToLatest(store.db as unknown as Kysely<unknown>, engine);
    } else {
      const status = await migrationStatus(store.db as unknown as Kysely<unknown>);
      if (status.pending.length > 0) {
        throw new StoreError('database_not_initialised', `The database at ${store.target} needs "salesops init" (pending: ${status.pending.join(', ')}).`);
      }
    }
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
