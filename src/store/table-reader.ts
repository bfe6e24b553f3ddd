import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database } from './schema.ts';

/**
 * Whole-table reads for exports and status: row counts, and each exported table read a page at a
 * time by keyset (`id > last id`), so a million-row export holds one page in memory and a row
 * inserted mid-export never shifts the pages.
 */

export type TableName = keyof Database;

/** Rows in each of `tables`, by table name. */
export async function countRows<T extends TableName>(db: Kysely<Database>, tables: readonly T[]): Promise<Record<T, number>> {
  const counts = {} as Record<T, number>;
  for (const table of tables) {
    const result = await sql<{ n: number | string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db);
    counts[table] = Number(result.rows[0]?.n ?? 0);
  }
  return counts;
}

export interface PageRequest {
  /** The last id of the previous page; null for the first page. */
  readonly after: string | null;
  readonly limit: number;
}

/** Reads pages from `fetchPage` until one comes back short, yielding row by row. */
export async function* readInPages<Row extends { readonly id: string }>(
  fetchPage: (page: PageRequest) => Promise<readonly Row[]>,
  pageSize = 1000,
): AsyncGenerator<Row> {
  let after: string | null = null;
  for (;;) {
    const rows = await fetchPage({ after, limit: pageSize });
    yield* rows;
    const last = rows.at(-1);
    if (last === undefined || rows.length < pageSize) return;
    after = last.id;
  }
}

export interface AccountExportRow {
  readonly id: string;
  readonly external_id: string | null;
  readonly name: string;
  readonly industry: string | null;
  readonly segment: string | null;
  readonly employees: number | null;
  readonly annual_revenue_minor: number | null;
  readonly annual_revenue_currency: string | null;
  readonly country: string | null;
  readonly state: string | null;
  readonly postal_code: string | null;
  readonly created_date: string | null;
  readonly owner_name: string | null;
  readonly owner_email: string | null;
  readonly updated_at: string;
}

/**
 * Accounts with their owner on `asOf` (`valid_from <= asOf < valid_to`); with no date, the owner
 * whose line is still open.
 */
export async function readAccountPage(db: Kysely<Database>, page: PageRequest, asOf: string | null): Promise<AccountExportRow[]> {
  const owner = (column: 'name' | 'email') => (eb: ExpressionBuilder<Database & { a: Database['account'] }, 'a'>) =>
    eb
      .selectFrom('account_owner as ao')
      .innerJoin('person as p', 'p.id', 'ao.owner_id')
      .select(`p.${column}`)
      .whereRef('ao.account_id', '=', 'a.id')
      .where((w) =>
        asOf === null
          ? w('ao.valid_to', 'is', null)
          : w.and([w('ao.valid_from', '<=', asOf), w.or([w('ao.valid_to', 'is', null), w('ao.valid_to', '>', asOf)])]),
      )
      .orderBy('ao.valid_from', 'desc')
      .limit(1);
  let query = db
    .selectFrom('account as a')
    .select([
      'a.id', 'a.external_id', 'a.name', 'a.industry', 'a.segment', 'a.employees', 'a.annual_revenue_minor',
      'a.annual_revenue_currency', 'a.country', 'a.state', 'a.postal_code', 'a.created_date', 'a.updated_at',
    ])
    .select((eb) => [owner('name')(eb).as('owner_name'), owner('email')(eb).as('owner_email')])
    .orderBy('a.id')
    .limit(page.limit);
  if (page.after !== null) query = query.where('a.id', '>', page.after);
  return await query.execute();
}

export interface OpportunityExportRow {
  readonly id: string;
  readonly external_id: string | null;
  readonly name: string;
  readonly account_external_id: string | null;
  readonly account_name: string | null;
  readonly owner_name: string | null;
  readonly owner_email: string | null;
  readonly process_name: string;
  readonly stage_name: string;
  readonly amount_minor: number | null;
  readonly currency: string;
  readonly close_date: string;
  readonly created_date: string;
  readonly type: string | null;
  readonly lead_source: string | null;
  readonly next_step: string | null;
  readonly forecast_category: string;
  readonly probability_bps: number;
  readonly is_closed: number;
  readonly is_won: number;
  readonly updated_at: string;
}

export async function readOpportunityPage(db: Kysely<Database>, page: PageRequest): Promise<OpportunityExportRow[]> {
  let query = db
    .selectFrom('opportunity as o')
    .innerJoin('stage as s', 's.id', 'o.stage_id')
    .innerJoin('sales_process as sp', 'sp.id', 'o.process_id')
    .leftJoin('account as a', 'a.id', 'o.account_id')
    .leftJoin('person as p', 'p.id', 'o.owner_id')
    .select([
      'o.id', 'o.external_id', 'o.name', 'a.external_id as account_external_id', 'a.name as account_name',
      'p.name as owner_name', 'p.email as owner_email', 'sp.name as process_name', 's.name as stage_name',
      'o.amount_minor', 'o.currency', 'o.close_date', 'o.created_date', 'o.type', 'o.lead_source', 'o.next_step',
      'o.forecast_category', 'o.probability_bps', 'o.is_closed', 'o.is_won', 'o.updated_at',
    ])
    .orderBy('o.id')
    .limit(page.limit);
  if (page.after !== null) query = query.where('o.id', '>', page.after);
  return await query.execute();
}

export interface PersonExportRow {
  readonly id: string;
  readonly external_id: string | null;
  readonly name: string;
  readonly email: string | null;
  readonly active: number;
  readonly hire_date: string | null;
  readonly job_role: string | null;
  readonly title: string | null;
  readonly manager_name: string | null;
  readonly manager_email: string | null;
}

/** People with their manager on `asOf` (null: the current manager). */
export async function readPersonPage(db: Kysely<Database>, page: PageRequest, asOf: string | null): Promise<PersonExportRow[]> {
  const manager = (column: 'name' | 'email') => (eb: ExpressionBuilder<Database & { pe: Database['person'] }, 'pe'>) =>
    eb
      .selectFrom('reporting_line as rl')
      .innerJoin('person as m', 'm.id', 'rl.manager_id')
      .select(`m.${column}`)
      .whereRef('rl.person_id', '=', 'pe.id')
      .where((w) =>
        asOf === null
          ? w('rl.valid_to', 'is', null)
          : w.and([w('rl.valid_from', '<=', asOf), w.or([w('rl.valid_to', 'is', null), w('rl.valid_to', '>', asOf)])]),
      )
      .orderBy('rl.valid_from', 'desc')
      .limit(1);
  let query = db
    .selectFrom('person as pe')
    .select(['pe.id', 'pe.external_id', 'pe.name', 'pe.email', 'pe.active', 'pe.hire_date', 'pe.job_role', 'pe.title'])
    .select((eb) => [manager('name')(eb).as('manager_name'), manager('email')(eb).as('manager_email')])
    .orderBy('pe.id')
    .limit(page.limit);
  if (page.after !== null) query = query.where('pe.id', '>', page.after);
  return await query.execute();
}

export interface HistoryExportRow {
  readonly id: string;
  readonly opportunity_id: string;
  readonly opportunity_external_id: string | null;
  readonly opportunity_name: string;
  readonly currency: string;
  readonly changed_at: string;
  readonly field: string;
  readonly old_value: string | null;
  readonly new_value: string | null;
  /** Names for stage and owner values (their stored form is an id). */
  readonly old_stage_name: string | null;
  readonly new_stage_name: string | null;
  readonly old_owner_name: string | null;
  readonly new_owner_name: string | null;
}

/** Opportunity field history; with `changedBefore`, only changes before that UTC timestamp. */
export async function readHistoryPage(db: Kysely<Database>, page: PageRequest, changedBefore: string | null): Promise<HistoryExportRow[]> {
  let query = db
    .selectFrom('opportunity_history as h')
    .innerJoin('opportunity as o', 'o.id', 'h.opportunity_id')
    .leftJoin('stage as so', (join) => join.onRef('so.id', '=', 'h.old_value').on('h.field', '=', 'stage'))
    .leftJoin('stage as sn', (join) => join.onRef('sn.id', '=', 'h.new_value').on('h.field', '=', 'stage'))
    .leftJoin('person as po', (join) => join.onRef('po.id', '=', 'h.old_value').on('h.field', '=', 'owner'))
    .leftJoin('person as pn', (join) => join.onRef('pn.id', '=', 'h.new_value').on('h.field', '=', 'owner'))
    .select([
      'h.id', 'h.opportunity_id', 'o.external_id as opportunity_external_id', 'o.name as opportunity_name', 'o.currency',
      'h.changed_at', 'h.field', 'h.old_value', 'h.new_value', 'so.name as old_stage_name', 'sn.name as new_stage_name',
      'po.name as old_owner_name', 'pn.name as new_owner_name',
    ])
    .orderBy('h.id')
    .limit(page.limit);
  if (page.after !== null) query = query.where('h.id', '>', page.after);
  if (changedBefore !== null) query = query.where('h.changed_at', '<', changedBefore);
  return await query.execute();
}

export type ProductExportRow = Database['product'];

export async function readProductPage(db: Kysely<Database>, page: PageRequest): Promise<ProductExportRow[]> {
  let query = db.selectFrom('product').selectAll().orderBy('id').limit(page.limit);
  if (page.after !== null) query = query.where('id', '>', page.after);
  return await query.execute();
}

export type AuditExportRow = Database['audit_event'];

/** Audit events (ids sort by creation time); with `occurredBefore`, only those before that UTC timestamp. */
export async function readAuditPage(db: Kysely<Database>, page: PageRequest, occurredBefore: string | null): Promise<AuditExportRow[]> {
  let query = db.selectFrom('audit_event').selectAll().orderBy('id').limit(page.limit);
  if (page.after !== null) query = query.where('id', '>', page.after);
  if (occurredBefore !== null) query = query.where('occurred_at', '<', occurredBefore);
  return await query.execute();
}

/** Stage and person names by id: small tables, read whole to label rows that carry ids. */
export async function readNameMaps(db: Kysely<Database>): Promise<{ stages: Map<string, string>; people: Map<string, { name: string; email: string | null }> }> {
  const stages = await db.selectFrom('stage').select(['id', 'name']).execute();
  const people = await db.selectFrom('person').select(['id', 'name', 'email']).execute();
  return {
    stages: new Map(stages.map((s) => [s.id, s.name])),
    people: new Map(people.map((p) => [p.id, { name: p.name, email: p.email }])),
  };
}
