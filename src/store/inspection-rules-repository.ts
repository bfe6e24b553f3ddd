import type { Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * The workspace's deal inspection rules as stored: a JSON document the services validate, or null
 * when the workspace uses the built-in defaults.
 */
export async function readInspectionRulesJson(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('workspace').select('inspection_rules_json').executeTakeFirst();
  return row?.inspection_rules_json ?? null;
}

/** Replaces the stored rules (null restores the defaults). */
export async function writeInspectionRulesJson(db: Kysely<Database>, json: string | null): Promise<void> {
  await db.updateTable('workspace').set({ inspection_rules_json: json }).execute();
}
