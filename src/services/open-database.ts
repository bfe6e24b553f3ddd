import { existsSync } from 'node:fs';
import { sql } from 'kysely';
import { openStore, type OpenStoreOptions, type Store } from '../store/database.ts';
import { engineOfTarget, type Engine } from '../store/engine.ts';
import { StoreError } from '../store/store-error.ts';

export type { Engine, OpenStoreOptions, Store };

/**
 * Opens the SQLite file or PostgreSQL database named by `target` (a path or a postgres:// URL),
 * applying pending migrations unless `migrate: false`. The entry point for the CLI and the API,
 * which do not reach into the store layer themselves.
 */
export function openDatabase(target: string, options: OpenStoreOptions = {}): Promise<Store> {
  if (options.mustExist === true && !databaseFileExists(target)) {
    // Said plainly, rather than as SQLite's "unable to open database file".
    return Promise.reject(new StoreError('database_not_initialised', `There is no database at ${target}; run "salesops init" to create one (or pass --db)`));
  }
  return openStore(target, options);
}

/** Which engine a target names, without connecting. */
export function engineOfDatabase(target: string): Engine {
  return engineOfTarget(target);
}

/**
 * Whether a SQLite target's file is there yet. A PostgreSQL target always answers true: the
 * server's database exists or the connection fails, and the caller learns which on opening.
 */
export function databaseFileExists(target: string): boolean {
  return engineOfTarget(target) === 'postgres' || existsSync(target);
}

export interface OpenedDatabase {
  readonly store: Store;
  /** The migrations this call applied, in order; empty when the schema was up to date. */
  readonly migrated: readonly string[];
}

/**
 * Opens and migrates the database, and says which migrations ran: those whose bookkeeping row
 * was written after this call started (each migration records its own time of application).
 */
export async function openAndMigrateDatabase(target: string): Promise<OpenedDatabase> {
  const startedAt = new Date().toISOString();
  const store = await openStore(target, { migrate: true });
  try {
    const result = await sql<{ name: string }>`SELECT name FROM schema_migration WHERE applied_at >= ${startedAt} ORDER BY name`.execute(store.db);
    return { store, migrated: result.rows.map((row) => row.name) };
  } catch (error) {
    await store.close();
    throw error;
  }
}
