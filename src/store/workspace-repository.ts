import { sql, type Kysely, type Selectable } from 'kysely';
import type { CurrencyCode } from '../core/shared/currency.ts';
import type { Engine } from './engine.ts';
import { newId } from './new-id.ts';
import type { Database, WorkspaceTable } from './schema.ts';
import { StoreError } from './store-error.ts';

export type FiscalPattern = 'calendar' | '4-4-5' | '4-5-4' | '5-4-4';
/** 'end' names a fiscal year by the calendar year it ends in, 'start' by the year it starts in. */
export type FiscalYearNaming = 'end' | 'start';
export type BookingBasis = 'acv' | 'tcv' | 'arr' | 'mrr';

export interface Workspace {
  readonly id: string;
  readonly name: string;
  readonly corporateCurrency: CurrencyCode;
  /** 1-12: the calendar month the fiscal year starts in. */
  readonly fiscalYearStartMonth: number;
  readonly fiscalPattern: FiscalPattern;
  readonly fiscalYearNaming: FiscalYearNaming;
  readonly bookingBasis: BookingBasis;
  readonly isDemo: boolean;
  /** Whether managers may see the pay data of their reporting subtree (payees, finance and admins always may). */
  readonly managersSeePay: boolean;
  readonly createdAt: string;
}

export interface NewWorkspace {
  readonly name: string;
  readonly corporateCurrency: CurrencyCode;
  readonly fiscalYearStartMonth?: number;
  readonly fiscalPattern?: FiscalPattern;
  readonly fiscalYearNaming?: FiscalYearNaming;
  readonly bookingBasis?: BookingBasis;
  readonly isDemo?: boolean;
  readonly managersSeePay?: boolean;
}

export type WorkspaceSettings = Partial<Omit<Workspace, 'id' | 'createdAt'>>;

function toWorkspace(row: Selectable<WorkspaceTable>): Workspace {
  return {
    id: row.id,
    name: row.name,
    corporateCurrency: row.corporate_currency as CurrencyCode,
    fiscalYearStartMonth: row.fiscal_year_start_month,
    fiscalPattern: row.fiscal_pattern as FiscalPattern,
    fiscalYearNaming: row.fiscal_year_naming as FiscalYearNaming,
    bookingBasis: row.booking_basis as BookingBasis,
    isDemo: row.is_demo === 1,
    managersSeePay: row.managers_see_pay === 1,
    createdAt: row.created_at,
  };
}

/** The workspace: a database holds at most one. Null before `salesops init`. */
export async function getWorkspace(db: Kysely<Database>): Promise<Workspace | null> {
  const row = await db.selectFrom('workspace').selectAll().orderBy('created_at').orderBy('id').limit(1).executeTakeFirst();
  return row === undefined ? null : toWorkspace(row);
}

/**
 * Serialises workspace creation across processes for the rest of the transaction `trx` (PostgreSQL
 * advisory lock; SQLite's single writer already serialises it).
 */
export async function lockWorkspaceCreation(trx: Kysely<Database>, engine: Engine): Promise<void> {
  if (engine === 'postgres') await sql`SELECT pg_advisory_xact_lock(7352002)`.execute(trx);
}

/** Creates the workspace; refuses (conflict) when the database already has one. */
export async function createWorkspace(db: Kysely<Database>, input: NewWorkspace, now: string = new Date().toISOString()): Promise<Workspace> {
  if ((await getWorkspace(db)) !== null) throw new StoreError('conflict', 'This database already has a workspace');
  const row: Selectable<WorkspaceTable> = {
    id: newId('workspace'),
    name: input.name,
    corporate_currency: input.corporateCurrency,
    fiscal_year_start_month: input.fiscalYearStartMonth ?? 1,
    fiscal_pattern: input.fiscalPattern ?? 'calendar',
    fiscal_year_naming: input.fiscalYearNaming ?? 'end',
    booking_basis: input.bookingBasis ?? 'acv',
    is_demo: input.isDemo === true ? 1 : 0,
    managers_see_pay: input.managersSeePay === true ? 1 : 0,
    inspection_rules_json: null,
    created_at: now,
  };
  await db.insertInto('workspace').values(row).execute();
  return toWorkspace(row);
}

/** Changes the workspace's settings; the fields not given keep their values. */
export async function updateWorkspaceSettings(db: Kysely<Database>, settings: WorkspaceSettings): Promise<Workspace> {
  const existing = await getWorkspace(db);
  if (existing === null) throw new StoreError('not_found', 'There is no workspace to update');
  const values: Partial<Selectable<WorkspaceTable>> = {};
  if (settings.name !== undefined) values.name = settings.name;
  if (settings.corporateCurrency !== undefined) values.corporate_currency = settings.corporateCurrency;
  if (settings.fiscalYearStartMonth !== undefined) values.fiscal_year_start_month = settings.fiscalYearStartMonth;
  if (settings.fiscalPattern !== undefined) values.fiscal_pattern = settings.fiscalPattern;
  if (settings.fiscalYearNaming !== undefined) values.fiscal_year_naming = settings.fiscalYearNaming;
  if (settings.bookingBasis !== undefined) values.booking_basis = settings.bookingBasis;
  if (settings.isDemo !== undefined) values.is_demo = settings.isDemo ? 1 : 0;
  if (settings.managersSeePay !== undefined) values.managers_see_pay = settings.managersSeePay ? 1 : 0;
  if (Object.keys(values).length > 0) await db.updateTable('workspace').set(values).where('id', '=', existing.id).execute();
  const row = await db.selectFrom('workspace').selectAll().where('id', '=', existing.id).executeTakeFirstOrThrow();
  return toWorkspace(row);
}
