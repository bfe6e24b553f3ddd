import type { Kysely } from 'kysely';

/** The opportunity columns analytics read for every deal of a report, after the leading date and id. */
export const METRIC_COLUMNS = [
  'owner_id', 'process_id', 'stage_id', 'account_id', 'amount_minor', 'currency', 'close_date', 'created_date', 'type', 'lead_source',
  'forecast_category', 'forecast_category_override', 'probability_bps', 'is_closed', 'is_won',
] as const;

/**
 * Indexes for analytics. A report reads the deals closing or created in its period: two covering
 * indexes, led by close date and by creation date, hold every column it needs, so both engines read
 * the period as one sequential range instead of fetching each row from the table (on a million
 * deals, the difference between a tenth of a second and several). The close-date one extends the
 * list's (close_date, id) index, which it replaces.
 *
 * Reading the pipeline as of a past date starts from today's rows and reverts the changes made
 * after that date, so the changes after an instant (per field) must be found without scanning the
 * whole history; slippage reads one field's changes in a window the same way.
 *
 * The workspace keeps its deal inspection rules (defaults and per-process overrides) as one JSON
 * document; null = the defaults.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createIndex('history_by_field_time').on('opportunity_history').columns(['field', 'changed_at']).execute();
  await db.schema.alterTable('workspace').addColumn('inspection_rules_json', 'text').execute();
  await db.schema.dropIndex('opportunity_by_close').execute();
  const rest = (lead: string) => METRIC_COLUMNS.filter((c) => c !== lead);
  await db.schema.createIndex('opportunity_metric_by_close').on('opportunity').columns(['close_date', 'id', ...rest('close_date')]).execute();
  await db.schema.createIndex('opportunity_metric_by_created').on('opportunity').columns(['created_date', 'id', ...rest('created_date')]).execute();
}
