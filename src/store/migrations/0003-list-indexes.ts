import type { Kysely } from 'kysely';

/**
 * Indexes that answer the opportunity list's default order (close date, then id) from the index
 * alone: for a manager's or rep's owners, and for everyone's. They replace the indexes on
 * (owner_id, close_date) and (close_date), which they extend, so writes keep the same index count.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('opportunity_by_owner').execute();
  await db.schema.dropIndex('opportunity_by_close_date').execute();
  await db.schema.createIndex('opportunity_by_owner_close').on('opportunity').columns(['owner_id', 'close_date', 'id']).execute();
  await db.schema.createIndex('opportunity_by_close').on('opportunity').columns(['close_date', 'id']).execute();
}
