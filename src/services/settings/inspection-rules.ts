import type { InspectionRulesBody } from '../../contracts/metrics.ts';
import { DEFAULT_INSPECTION_RULES, validateInspectionConfig, type InspectionConfig } from '../../core/inspection/inspection-rules.ts';
import { appendAuditEvent } from '../../store/audit-repository.ts';
import type { Store } from '../../store/database.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.ts';
import { readInspectionRulesJson, writeInspectionRulesJson } from '../../store/inspection-rules-repository.ts';
import { listSalesProcesses } from '../../store/sales-process-repository.ts';
import { getWorkspace } from '../../store/workspace-repository.ts';
import type { Actor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';
import { ServiceError } from '../service-error.ts';

/** The built-in rules: every warning on, with the defaults of DEFAULT_INSPECTION_RULES, no process overrides. */
export const DEFAULT_INSPECTION_CONFIG: InspectionConfig = { defaults: DEFAULT_INSPECTION_RULES, byProcess: {} };

/** The rules in force: the stored document, validated, or the defaults. */
export async function loadInspectionConfig(db: Kysely<Database>): Promise<InspectionConfig> {
  const json = await readInspectionRulesJson(db);
  if (json === null) return DEFAULT_INSPECTION_CONFIG;
  return validateInspectionConfig(JSON.parse(json) as InspectionConfig);
}

/** The workspace's deal inspection rules, for anyone who may read settings. */
export async function getInspectionRules(store: Store, actor: Actor): Promise<InspectionRulesBody> {
  await authorize(store, actor, 'settings.read');
  return loadInspectionConfig(store.db);
}

/**
 * Replaces the rules (ops and admins): validated (ranges, known rule names), every overridden
 * process must exist; the change and its audit event are written together.
 */
export async function changeInspectionRules(store: Store, actor: Actor, body: InspectionRulesBody): Promise<InspectionRulesBody> {
  await authorize(store, actor, 'settings.edit', { type: 'inspection_rules' });
  const config = validateInspectionConfig(body);
  const processes = new Set((await listSalesProcesses(store.db)).map((p) => p.id));
  const unknown = Object.keys(config.byProcess).filter((id) => !processes.has(id));
  if (unknown.length > 0) throw new ServiceError('invalid_argument', `No sales process ${unknown.join(', ')}: rules can be set only for existing processes`, { field: 'byProcess' });
  await store.db.transaction().execute(async (trx) => {
    const workspace = await getWorkspace(trx);
    if (workspace === null) throw new ServiceError('not_found', 'This database has no workspace yet: run "salesops init"');
    const before = await loadInspectionConfig(trx);
    await writeInspectionRulesJson(trx, JSON.stringify(config));
    await appendAuditEvent(trx, { actor: actor.userId, action: 'update', objectType: 'inspection_rules', objectId: workspace.id, before, after: config });
  });
  return config;
}
