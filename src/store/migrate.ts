import { sql, type Kysely } from 'kysely';
import type { Engine } from './engine.ts';
import { MIGRATIONS, type Migration } from './migrations/index.ts';
import { StoreError } from './store-error.ts';

export interface MigrationStatus {
  readonly applied: readonly string[];
  readonly pending: readonly string[];
}

async function ensureMigrationTable(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE IF NOT EXISTS schema_migration (name text PRIMARY KEY, applied_at text NOT NULL)`.execute(db);
}

async function appliedNames(db: Kysely<unknown>): Promise<string[]> {
  const result = await sql<{ name: string }>`SELECT name FROM schema_migration ORDER BY name`.execute(db);
  return result.rows.map((r) => r.name);
}

/**
 * Refuses a database that holds migrations this build does not know: it was written by a newer
 * salesops, and an older binary could corrupt it.
 */
function assertNotNewer(applied: readonly string[], known: readonly Migration[]): void {
  const knownNames = new Set(known.map((m) => m.name));
  const unknown = applied.filter((name) => !knownNames.has(name));
  if (unknown.length > 0) {
    throw new StoreError(
      'database_too_new',
      `This database was written by a newer version of salesops (it has schema ${unknown.join(', ')}); upgrade salesops to open it.`,
      { unknown },
    );
  }
}

export async function migrationStatus(db: Kysely<unknown>): Promise<MigrationStatus> {
  await ensureMigrationTable(db);
  const applied = await appliedNames(db);
  assertNotNewer(applied, MIGRATIONS);
  const done = new Set(applied);
  return { applied, pending: MIGRATIONS.filter((m) => !done.has(m.name)).map((m) => m.name) };
}

/**
 * Applies the pending migrations, each in its own transaction with its bookkeeping row, so a
 * crash leaves either the old schema or the new one. Running it again does nothing.
 */
export async function migrateToLatest(db: Kysely<unknown>, engine: Engine, migrations: readonly Migration[] = MIGRATIONS): Promise<string[]> {
  await ensureMigrationTable(db);
  assertNotNewer(await appliedNames(db), migrations);
  const ran: string[] = [];
  for (const migration of migrations) {
    const did = await db.transaction().execute(async (trx) => {
      if (engine === 'postgres') {
        // Two processes starting at once must not both run a migration.
        await sql`SELECT pg_advisory_xact_lock(7352001)`.execute(trx);
      }
      const exists = await sql<{ n: number }>`SELECT count(*) AS n FROM schema_migration WHERE name = ${migration.name}`.execute(trx);
      if (Number(exists.rows[0]?.n ?? 0) > 0) return false;
      await migration.up(trx, engine);
      await sql`INSERT INTO schema_migration (name, applied_at) VALUES (${migration.name}, ${new Date().toISOString()})`.execute(trx);
      return true;
    });
    if (did) ran.push(migration.name);
  }
  return ran;
}
