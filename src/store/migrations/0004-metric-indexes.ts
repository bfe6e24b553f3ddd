import type { Kysely } from 'kysely';

/**
 * Indexes for analytics. Reading the pipeline as of a past date starts from today's rows and
 * reverts the changes made after that date, so the changes after an instant (per field) must be
 * found without scanning the whole history; slippage reads one field's changes in a window the
 * same way. Pipeline created reads opportunities by creation date. The workspace keeps its deal
 * inspection rules (defaults and per-process overrides) as one JSON document; null = the defaults.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('history_by_field_time').on('opportunity_history').columns(['field', 'changed_at']).execute();
  await db.schema.alterTable('workspace').addColumn('inspection_rules_json', 'text').execute();
  await db.schema.createIndex('opportunity_by_created').on('opportunity').columns(['created_date', 'id']).execute();
}
