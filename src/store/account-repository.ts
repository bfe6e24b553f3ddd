import type { Kysely, Selectable } from 'kysely';
import type { CurrencyCode } from '../core/shared/currency.ts';
import type { PlainDate } from '../core/shared/plain-date.ts';
import { newId } from './new-id.ts';
import type { AccountOwnerTable, AccountTable, Database } from './schema.ts';
import { StoreError } from './store-error.ts';

export interface Account {
  readonly id: string;
  readonly externalId: string | null;
  readonly name: string;
  readonly industry: string | null;
  readonly employees: number | null;
  readonly annualRevenueMinor: number | null;
  readonly annualRevenueCurrency: CurrencyCode | null;
  readonly country: string | null;
  readonly state: string | null;
  readonly postalCode: string | null;
  readonly segment: string | null;
  /** The CRM's creation date. */
  readonly createdDate: PlainDate | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type AccountFields = Omit<Account, 'id' | 'createdAt' | 'updatedAt'>;
export type NewAccount = Partial<AccountFields> & { readonly id?: string; readonly name: string };
export type AccountPatch = Partial<AccountFields>;

/** Who owns an account over [validFrom, validTo); validTo null = still current. */
export interface AccountOwnerLine {
  readonly id: string;
  readonly accountId: string;
  readonly ownerId: string;
  readonly validFrom: PlainDate;
  readonly validTo: PlainDate | null;
}

function toAccount(row: Selectable<AccountTable>): Account {
  return {
    id: row.id,
    externalId: row.external_id,
    name: row.name,
    industry: row.industry,
    employees: row.employees,
    annualRevenueMinor: row.annual_revenue_minor === null ? null : Number(row.annual_revenue_minor),
    annualRevenueCurrency: row.annual_revenue_currency as CurrencyCode | null,
    country: row.country,
    state: row.state,
    postalCode: row.postal_code,
    segment: row.segment,
    createdDate: row.created_date as PlainDate | null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toOwnerLine(row: Selectable<AccountOwnerTable>): AccountOwnerLine {
  return { id: row.id, accountId: row.account_id, ownerId: row.owner_id, validFrom: row.valid_from as PlainDate, validTo: row.valid_to as PlainDate | null };
}

function columnsOf(fields: Partial<AccountFields>): Partial<Selectable<AccountTable>> {
  const values: Partial<Selectable<AccountTable>> = {};
  if (fields.externalId !== undefined) values.external_id = fields.externalId;
  if (fields.name !== undefined) values.name = fields.name;
  if (fields.industry !== undefined) values.industry = fields.industry;
  if (fields.employees !== undefined) values.employees = fields.employees;
  if (fields.annualRevenueMinor !== undefined) values.annual_revenue_minor = fields.annualRevenueMinor;
  if (fields.annualRevenueCurrency !== undefined) values.annual_revenue_currency = fields.annualRevenueCurrency;
  if (fields.country !== undefined) values.country = fields.country;
  if (fields.state !== undefined) values.state = fields.state;
  if (fields.postalCode !== undefined) values.postal_code = fields.postalCode;
  if (fields.segment !== undefined) values.segment = fields.segment;
  if (fields.createdDate !== undefined) values.created_date = fields.createdDate;
  return values;
}

export async function insertAccount(db: Kysely<Database>, input: NewAccount, now: string = new Date().toISOString()): Promise<Account> {
  const row: Selectable<AccountTable> = {
    id: input.id ?? newId('account'),
    external_id: null,
    name: input.name,
    industry: null,
    employees: null,
    annual_revenue_minor: null,
    annual_revenue_currency: null,
    country: null,
    state: null,
    postal_code: null,
    segment: null,
    created_date: null,
    ...columnsOf(input),
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('account').values(row).execute();
  return toAccount(row);
}

export async function updateAccount(db: Kysely<Database>, id: string, patch: AccountPatch, now: string = new Date().toISOString()): Promise<Account> {
  await db.updateTable('account').set({ ...columnsOf(patch), updated_at: now }).where('id', '=', id).execute();
  const account = await findAccountById(db, id);
  if (account === null) throw new StoreError('not_found', `No account ${id}`, { id });
  return account;
}

export async function findAccountById(db: Kysely<Database>, id: string): Promise<Account | null> {
  const row = await db.selectFrom('account').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : toAccount(row);
}

export async function findAccountByExternalId(db: Kysely<Database>, externalId: string): Promise<Account | null> {
  const row = await db.selectFrom('account').selectAll().where('external_id', '=', externalId).executeTakeFirst();
  return row === undefined ? null : toAccount(row);
}

/** The account with exactly this name; a conflict when several share it. */
export async function findAccountByName(db: Kysely<Database>, name: string): Promise<Account | null> {
  const rows = await db.selectFrom('account').selectAll().where('name', '=', name).orderBy('id').limit(2).execute();
  if (rows.length > 1) throw new StoreError('conflict', `Several accounts are named ${name}`, { name });
  const row = rows[0];
  return row === undefined ? null : toAccount(row);
}

export async function listAccounts(db: Kysely<Database>): Promise<Account[]> {
  const rows = await db.selectFrom('account').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map(toAccount);
}

export async function listAccountOwnerLines(db: Kysely<Database>, accountId: string): Promise<AccountOwnerLine[]> {
  const rows = await db.selectFrom('account_owner').selectAll().where('account_id', '=', accountId).orderBy('valid_from').execute();
  return rows.map(toOwnerLine);
}

/** Records that `ownerId` owns the account over [validFrom, validTo); one owner at a time. */
export async function addAccountOwner(
  db: Kysely<Database>,
  input: { readonly accountId: string; readonly ownerId: string; readonly validFrom: PlainDate; readonly validTo?: PlainDate | null },
): Promise<AccountOwnerLine> {
  const validTo = input.validTo ?? null;
  if (validTo !== null && validTo <= input.validFrom) throw new StoreError('constraint_violation', `An ownership must end after it starts (${input.validFrom} to ${validTo})`);
  const overlapping = await db
    .selectFrom('account_owner')
    .select('id')
    .where('account_id', '=', input.accountId)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', input.validFrom)]))
    .$if(validTo !== null, (q) => q.where('valid_from', '<', validTo ?? ''))
    .executeTakeFirst();
  if (overlapping !== undefined) {
    throw new StoreError('conflict', `Account ${input.accountId} already has an owner from ${input.validFrom}`, { accountId: input.accountId, lineId: overlapping.id });
  }
  const row: Selectable<AccountOwnerTable> = { id: newId('accountOwner'), account_id: input.accountId, owner_id: input.ownerId, valid_from: input.validFrom, valid_to: validTo };
  await db.insertInto('account_owner').values(row).execute();
  return toOwnerLine(row);
}

/** Ends an ownership on `validTo` (exclusive). */
export async function closeAccountOwner(db: Kysely<Database>, lineId: string, validTo: PlainDate): Promise<AccountOwnerLine> {
  const row = await db.selectFrom('account_owner').selectAll().where('id', '=', lineId).executeTakeFirst();
  if (row === undefined) throw new StoreError('not_found', `No account ownership ${lineId}`, { lineId });
  if (validTo <= row.valid_from) throw new StoreError('constraint_violation', `An ownership must end after it starts (${row.valid_from} to ${validTo})`);
  if (row.valid_to !== null && row.valid_to < validTo) throw new StoreError('conflict', `Account ownership ${lineId} already ended on ${row.valid_to}`);
  await db.updateTable('account_owner').set({ valid_to: validTo }).where('id', '=', lineId).execute();
  return toOwnerLine({ ...row, valid_to: validTo });
}

/** The account's owner on `date`, or null. */
export async function ownerOn(db: Kysely<Database>, accountId: string, date: PlainDate): Promise<string | null> {
  const row = await db
    .selectFrom('account_owner')
    .select('owner_id')
    .where('account_id', '=', accountId)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .executeTakeFirst();
  return row?.owner_id ?? null;
}

/** The ids of the accounts `personId` owned on `date`, in id order. */
export async function accountsOwnedOn(db: Kysely<Database>, personId: string, date: PlainDate): Promise<string[]> {
  const rows = await db
    .selectFrom('account_owner')
    .select('account_id')
    .where('owner_id', '=', personId)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .orderBy('account_id')
    .execute();
  return rows.map((r) => r.account_id);
}
