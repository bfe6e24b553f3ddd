import type { Kysely } from 'kysely';

/**
 * Indexes for analytics. Reading the pipeline as of a past date starts from today's rows and
 * reverts the changes made after that date, so the changes after an instant (per field) must be
 * found without scanning the whole history; slippage reads one field's changes in a window the
 * same way. Pipeline created reads opportunities by creation date.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('history_by_field_time').on('opportunity_history').columns(['field', 'changed_at']).execute();
  await db.schema.createIndex('opportunity_by_created').on('opportunity').columns(['created_date', 'id']).execute();
}
