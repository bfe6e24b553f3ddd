import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { CurrencyCode } from '../core/shared/currency.ts';
import type { PlainDate } from '../core/shared/plain-date.ts';
import { chunkIds } from './chunk-rows.ts';
import { containsPattern, lowerLike, type RowRange, type SortOrder } from './opportunity-query.ts';
import type { Database } from './schema.ts';
import { StoreError } from './store-error.ts';

/**
 * Paged, sorted, filtered reads of accounts with their current owner, and the open pipeline per
 * account. The caller's data scope arrives as the owners it reaches and is applied in SQL: an
 * account is in reach when its current owner is, or when one of its opportunities is.
 */

/** Sorts the database can do; the open pipeline sort needs converted sums and is done by the caller. */
export type AccountSqlSortKey = 'name' | 'industry' | 'country' | 'ownerName' | 'segment';

export interface AccountQuery {
  /** The day whose owner counts (the account_owner line with valid_from <= today < valid_to). */
  readonly today: PlainDate;
  /** Null: every account; a list: accounts these people own or hold an opportunity on (empty: none). */
  readonly ownerIdsInScope: readonly string[] | null;
  /** Matched, ignoring case, anywhere in the name or the external id. */
  readonly search?: string | undefined;
  /** The current owner. */
  readonly ownerId?: string | undefined;
  /** Equal, ignoring case. */
  readonly industry?: string | undefined;
  readonly country?: string | undefined;
}

export interface AccountOrder {
  readonly sort: AccountSqlSortKey;
  readonly order: SortOrder;
}

export interface AccountRow {
  readonly id: string;
  readonly externalId: string | null;
  readonly name: string;
  readonly industry: string | null;
  readonly country: string | null;
  readonly state: string | null;
  readonly postalCode: string | null;
  readonly segment: string | null;
  readonly employees: number | null;
  /** The owner on the query's day, or null. */
  readonly ownerId: string | null;
  readonly ownerName: string | null;
}

/** The open opportunities of one account in one currency. */
export interface OpenPipelinePart {
  readonly accountId: string;
  readonly currency: CurrencyCode;
  /** The sum of their amounts in minor units (opportunities without an amount add nothing). */
  readonly amountMinor: number;
  /** How many there are, with or without an amount. */
  readonly opportunities: number;
}

function withCurrentOwner(db: Kysely<Database>, today: PlainDate) {
  const accounts = db
    .selectFrom('account as a')
    .select(['a.id', 'a.external_id', 'a.name', 'a.industry', 'a.country', 'a.state', 'a.postal_code', 'a.segment', 'a.employees'])
    .select((eb) =>
      eb
        .selectFrom('account_owner as ao')
        .select('ao.owner_id')
        .whereRef('ao.account_id', '=', 'a.id')
        .where('ao.valid_from', '<=', today)
        .where((w) => w.or([w('ao.valid_to', 'is', null), w('ao.valid_to', '>', today)]))
        .orderBy('ao.valid_from', 'desc')
        .limit(1)
        .as('owner_id'),
    );
  return db.selectFrom(accounts.as('acc')).leftJoin('person as p', 'p.id', 'acc.owner_id');
}

function matching(db: Kysely<Database>, query: AccountQuery) {
  let q = withCurrentOwner(db, query.today);
  const inScope = query.ownerIdsInScope;
  if (inScope !== null) {
    q = q.where((eb) =>
      eb.or([
        eb('acc.owner_id', 'in', inScope),
        eb.exists(eb.selectFrom('opportunity as o').select('o.id').whereRef('o.account_id', '=', 'acc.id').where('o.owner_id', 'in', inScope)),
      ]),
    );
  }
  const search = query.search?.trim() ?? '';
  if (search !== '') {
    const pattern = containsPattern(search);
    q = q.where((eb) => eb.or([lowerLike(eb.ref('acc.name'), pattern), lowerLike(eb.ref('acc.external_id'), pattern)]));
  }
  if (query.ownerId !== undefined) q = q.where('acc.owner_id', '=', query.ownerId);
  const industry = query.industry;
  if (industry !== undefined) q = q.where((eb) => eb(eb.fn('lower', ['acc.industry']), '=', industry.toLowerCase()));
  const country = query.country;
  if (country !== undefined) q = q.where((eb) => eb(eb.fn('lower', ['acc.country']), '=', country.toLowerCase()));
  return q;
}

function selectRows(db: Kysely<Database>, query: AccountQuery) {
  return matching(db, query).select([
    'acc.id', 'acc.external_id', 'acc.name', 'acc.industry', 'acc.country', 'acc.state', 'acc.postal_code', 'acc.segment',
    'acc.employees', 'acc.owner_id', 'p.name as owner_name',
  ]);
}

type SelectedRow = Awaited<ReturnType<ReturnType<typeof selectRows>['execute']>>[number];

function toRow(r: SelectedRow): AccountRow {
  return {
    id: r.id,
    externalId: r.external_id,
    name: r.name,
    industry: r.industry,
    country: r.country,
    state: r.state,
    postalCode: r.postal_code,
    segment: r.segment,
    employees: r.employees === null ? null : Number(r.employees),
    ownerId: r.owner_id,
    ownerName: r.owner_name,
  };
}

/** Text sorts lower-cased with empty values last in either direction; the name, then the id, break ties. */
function orderColumn(sort: AccountSqlSortKey): RawBuilder<unknown> {
  switch (sort) {
    case 'name':
      return sql`lower(acc.name)`;
    case 'industry':
      return sql`lower(acc.industry)`;
    case 'country':
      return sql`lower(acc.country)`;
    case 'ownerName':
      return sql`lower(p.name)`;
    case 'segment':
      return sql`lower(acc.segment)`;
  }
}

export async function countAccounts(db: Kysely<Database>, query: AccountQuery): Promise<number> {
  if (query.ownerIdsInScope?.length === 0) return 0;
  const row = await matching(db, query).select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The matching accounts in the order asked, `range` of them (all without a range). */
export async function queryAccounts(db: Kysely<Database>, query: AccountQuery, order: AccountOrder, range?: RowRange): Promise<AccountRow[]> {
  if (query.ownerIdsInScope?.length === 0) return [];
  const column = orderColumn(order.sort);
  let q = selectRows(db, query).orderBy(sql`(${column}) is null`, 'asc').orderBy(column, order.order);
  if (order.sort !== 'name') q = q.orderBy(sql`lower(acc.name)`, 'asc');
  q = q.orderBy('acc.id', 'asc');
  if (range !== undefined) q = q.limit(range.limit).offset(range.offset);
  const rows = await q.execute();
  return rows.map(toRow);
}

/** One account with its owner on `today`, whatever the owner (the caller checks the scope), or null. */
export async function findAccountRow(db: Kysely<Database>, id: string, today: PlainDate): Promise<AccountRow | null> {
  const row = await selectRows(db, { today, ownerIdsInScope: null }).where('acc.id', '=', id).executeTakeFirst();
  return row === undefined ? null : toRow(row);
}

/** Whether any opportunity of the account is owned by one of `ownerIds`. */
export async function hasOpportunityOwnedBy(db: Kysely<Database>, accountId: string, ownerIds: readonly string[]): Promise<boolean> {
  if (ownerIds.length === 0) return false;
  const row = await db.selectFrom('opportunity').select('id').where('account_id', '=', accountId).where('owner_id', 'in', ownerIds).limit(1).executeTakeFirst();
  return row !== undefined;
}

function safeCount(value: number | string | bigint | null, what: string): number {
  const n = value === null ? 0 : Number(value);
  if (!Number.isSafeInteger(n)) throw new StoreError('constraint_violation', `${what} ${String(value)} is beyond the safe integer range`);
  return n;
}

/**
 * The open opportunities per account and currency, counting only those owned in scope: of the
 * given accounts, or of every account when `accountIds` is undefined.
 */
export async function openPipelineByAccount(
  db: Kysely<Database>,
  options: { readonly ownerIdsInScope: readonly string[] | null; readonly accountIds?: readonly string[] },
): Promise<OpenPipelinePart[]> {
  const inScope = options.ownerIdsInScope;
  if (inScope?.length === 0 || options.accountIds?.length === 0) return [];
  const read = async (accountIds: readonly string[] | undefined): Promise<OpenPipelinePart[]> => {
    let q = db
      .selectFrom('opportunity')
      .select(['account_id', 'currency'])
      // PostgreSQL sums bigint into numeric, which pg hands over as a string.
      .select((eb) => [eb.fn.sum<number | string | null>('amount_minor').as('amount'), eb.fn.countAll<number | string>().as('n')])
      .where('is_closed', '=', 0)
      .where('account_id', 'is not', null)
      .groupBy(['account_id', 'currency'])
      .orderBy('account_id')
      .orderBy('currency');
    if (inScope !== null) q = q.where('owner_id', 'in', inScope);
    if (accountIds !== undefined) q = q.where('account_id', 'in', accountIds);
    const rows = await q.execute();
    return rows.map((r) => ({
      accountId: r.account_id ?? '',
      currency: r.currency as CurrencyCode,
      amountMinor: safeCount(r.amount, `The open pipeline of account ${r.account_id ?? ''}`),
      opportunities: safeCount(r.n, 'The count'),
    }));
  };
  if (options.accountIds === undefined) return read(undefined);
  const parts: OpenPipelinePart[] = [];
  for (const chunk of chunkIds(options.accountIds)) parts.push(...(await read(chunk)));
  return parts;
}
