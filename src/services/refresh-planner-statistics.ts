import { sql } from 'kysely';
import type { Store } from '../store/database.ts';

/**
 * Brings the query planner's statistics up to date after a bulk load (the demo workspace), so
 * the first requests after it use the indexes: PostgreSQL's VACUUM ANALYZE also sets the
 * visibility map that index-only scans need (a fresh load would otherwise be scanned whole until
 * autovacuum comes round); SQLite's ANALYZE fills sqlite_stat1.
 */
export async function refreshPlannerStatistics(store: Store): Promise<void> {
  if (store.engine === 'postgres') await sql`VACUUM ANALYZE`.execute(store.db);
  else await sql`ANALYZE`.execute(store.db);
}
