import type { Kysely, Selectable } from 'kysely';
import type { SalesProcessDefinition, SalesProcessKind } from '../core/pipeline/default-processes.ts';
import type { ForecastCategory } from '../core/pipeline/forecast-category.ts';
import { newId } from './new-id.ts';
import type { Database, SalesProcessTable, StageTable } from './schema.ts';
import { StoreError } from './store-error.ts';
import { isUniqueViolation } from './unique-violation.ts';

export interface Stage {
  readonly id: string;
  readonly processId: string;
  readonly name: string;
  readonly sortOrder: number;
  /** Default win probability: 10000 = 100 %. */
  readonly probabilityBps: number;
  readonly forecastCategory: ForecastCategory;
  readonly isClosed: boolean;
  readonly isWon: boolean;
  readonly aliases: readonly string[];
}

export interface SalesProcess {
  readonly id: string;
  readonly name: string;
  readonly kind: SalesProcessKind;
  readonly isDefault: boolean;
  /** In sort order. */
  readonly stages: readonly Stage[];
}

function toStage(row: Selectable<StageTable>, aliases: readonly string[]): Stage {
  return {
    id: row.id,
    processId: row.process_id,
    name: row.name,
    sortOrder: row.sort_order,
    probabilityBps: row.probability_bps,
    forecastCategory: row.forecast_category as ForecastCategory,
    isClosed: row.is_closed === 1,
    isWon: row.is_won === 1,
    aliases,
  };
}

async function withStages(db: Kysely<Database>, processes: readonly Selectable<SalesProcessTable>[]): Promise<SalesProcess[]> {
  if (processes.length === 0) return [];
  const ids = processes.map((p) => p.id);
  const stageRows = await db.selectFrom('stage').selectAll().where('process_id', 'in', ids).orderBy('process_id').orderBy('sort_order').execute();
  const aliasRows =
    stageRows.length === 0
      ? []
      : await db
          .selectFrom('stage_alias')
          .innerJoin('stage', 'stage.id', 'stage_alias.stage_id')
          .select(['stage_alias.stage_id', 'stage_alias.alias'])
          .where('stage.process_id', 'in', ids)
          .orderBy('stage_alias.alias')
          .execute();
  const aliases = new Map<string, string[]>();
  for (const a of aliasRows) aliases.set(a.stage_id, [...(aliases.get(a.stage_id) ?? []), a.alias]);
  return processes.map((p) => ({
    id: p.id,
    name: p.name,
    kind: p.kind as SalesProcessKind,
    isDefault: p.is_default === 1,
    stages: stageRows.filter((s) => s.process_id === p.id).map((s) => toStage(s, aliases.get(s.id) ?? [])),
  }));
}

/**
 * Creates a process with its stages (in the definition's order) and their aliases. A default
 * process takes the default from any other. A process name already in use is a conflict.
 */
export async function createSalesProcess(db: Kysely<Database>, definition: SalesProcessDefinition): Promise<SalesProcess> {
  const processId = newId('salesProcess');
  if (definition.isDefault) await db.updateTable('sales_process').set({ is_default: 0 }).where('is_default', '=', 1).execute();
  try {
    await db.insertInto('sales_process').values({ id: processId, name: definition.name, kind: definition.kind, is_default: definition.isDefault ? 1 : 0 }).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new StoreError('conflict', `A sales process named ${definition.name} already exists`, { name: definition.name });
    throw error;
  }
  const stages = definition.stages.map((s, index) => ({
    id: newId('stage'),
    process_id: processId,
    name: s.name,
    sort_order: index + 1,
    probability_bps: s.probabilityBps,
    forecast_category: s.forecastCategory,
    is_closed: s.isClosed ? 1 : 0,
    is_won: s.isWon ? 1 : 0,
  }));
  if (stages.length > 0) await db.insertInto('stage').values(stages).execute();
  const aliases = definition.stages.flatMap((s, index) => {
    const stageId = stages[index]?.id ?? '';
    const distinct = [...new Set(s.aliases.map((a) => a.trim()).filter((a) => a !== ''))];
    return distinct.map((alias) => ({ alias, stage_id: stageId }));
  });
  if (aliases.length > 0) await db.insertInto('stage_alias').values(aliases).execute();
  const [created] = await withStages(db, [{ id: processId, name: definition.name, kind: definition.kind, is_default: definition.isDefault ? 1 : 0 }]);
  if (created === undefined) throw new StoreError('not_found', `Sales process ${processId} vanished`);
  return created;
}

/** Every process with its stages, the default first, then by name. */
export async function listSalesProcesses(db: Kysely<Database>): Promise<SalesProcess[]> {
  const rows = await db.selectFrom('sales_process').selectAll().orderBy('is_default', 'desc').orderBy('name').execute();
  return withStages(db, rows);
}

export async function findSalesProcessByName(db: Kysely<Database>, name: string): Promise<SalesProcess | null> {
  const rows = await db.selectFrom('sales_process').selectAll().where('name', '=', name).execute();
  const [process] = await withStages(db, rows);
  return process ?? null;
}

export async function getSalesProcess(db: Kysely<Database>, id: string): Promise<SalesProcess | null> {
  const rows = await db.selectFrom('sales_process').selectAll().where('id', '=', id).execute();
  const [process] = await withStages(db, rows);
  return process ?? null;
}

/** The process opportunities fall into when none is named. */
export async function getDefaultSalesProcess(db: Kysely<Database>): Promise<SalesProcess | null> {
  const rows = await db.selectFrom('sales_process').selectAll().where('is_default', '=', 1).orderBy('name').limit(1).execute();
  const [process] = await withStages(db, rows);
  return process ?? null;
}

/** A stage of the process by name or alias, ignoring case and surrounding spaces; a name beats an alias. */
export async function findStage(db: Kysely<Database>, processId: string, nameOrAlias: string): Promise<Stage | null> {
  const key = nameOrAlias.trim().toLowerCase();
  const byName = await db
    .selectFrom('stage')
    .select('id')
    .where('process_id', '=', processId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', key))
    .executeTakeFirst();
  const byAlias =
    byName ??
    (await db
      .selectFrom('stage_alias')
      .innerJoin('stage', 'stage.id', 'stage_alias.stage_id')
      .select('stage.id')
      .where('stage.process_id', '=', processId)
      .where((eb) => eb(eb.fn('lower', ['stage_alias.alias']), '=', key))
      .orderBy('stage.sort_order')
      .executeTakeFirst());
  return byAlias === undefined ? null : getStage(db, byAlias.id);
}

export async function getStage(db: Kysely<Database>, stageId: string): Promise<Stage | null> {
  const row = await db.selectFrom('stage').selectAll().where('id', '=', stageId).executeTakeFirst();
  if (row === undefined) return null;
  const aliases = await db.selectFrom('stage_alias').select('alias').where('stage_id', '=', stageId).orderBy('alias').execute();
  return toStage(row, aliases.map((a) => a.alias));
}

/** Every stage of every process (without aliases), for lookups by id. */
export async function listAllStages(db: Kysely<Database>): Promise<Stage[]> {
  const rows = await db.selectFrom('stage').selectAll().orderBy('process_id').orderBy('sort_order').execute();
  return rows.map((r) => toStage(r, []));
}
