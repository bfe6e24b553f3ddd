import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import { isForecastCategory, type ForecastCategory } from '../core/pipeline/forecast-category.ts';
import { isTrackedField } from '../core/pipeline/tracked-field.ts';
import type { FieldChange } from '../core/pipeline/opportunity-history.ts';
import type { CurrencyCode } from '../core/shared/currency.ts';
import type { PlainDate } from '../core/shared/plain-date.ts';
import { chunkIds } from './chunk-rows.ts';
import type { Database } from './schema.ts';
import { StoreError } from './store-error.ts';

/**
 * Reads for analytics: today's opportunity rows with the account attributes reports cut by, and
 * the field changes needed to take them back to an earlier date. The service decides which deals
 * a report needs; these queries only narrow the rows in SQL so a report over one quarter reads
 * that quarter, not the whole table.
 */

/**
 * One opportunity as it is today: the columns every report reads (the analytics indexes cover them),
 * and its account's attributes when the report filters or cuts by them (accounts are not
 * effective-dated); null otherwise.
 */
export interface MetricDealRow {
  readonly id: string;
  readonly accountId: string | null;
  readonly ownerId: string | null;
  readonly processId: string;
  readonly stageId: string;
  readonly amountMinor: number | null;
  readonly currency: CurrencyCode;
  readonly closeDate: PlainDate;
  readonly createdDate: PlainDate;
  readonly type: string | null;
  readonly leadSource: string | null;
  readonly forecastCategory: ForecastCategory;
  readonly forecastCategoryOverride: boolean;
  /** Chance of winning in basis points, as set today. */
  readonly probabilityBps: number;
  readonly state: string | null;
  readonly segment: string | null;
  readonly industry: string | null;
}

/** Filters on attributes that have no history: they hold for every date. */
export interface MetricDealAttributes {
  readonly processId?: string | undefined;
  readonly segment?: string | undefined;
  /** Account states (a region filter arrives as its states); an empty list matches nothing. */
  readonly states?: readonly string[] | undefined;
  readonly industry?: string | undefined;
  readonly type?: string | undefined;
  readonly leadSource?: string | undefined;
  /** Leaves out the deals in this currency (those the database has already summed). */
  readonly excludeCurrency?: string | undefined;
}

/** The window a report needs deals from, on today's values; the service adds deals that changed since. */
export interface MetricDealWindow {
  /** Owners today (null: everyone). */
  readonly ownerIds: readonly string[] | null;
  /** Deals created on or before this day only. */
  readonly createdOnOrBefore: PlainDate;
  /** Deals whose close date or creation date falls in one of these ranges (both ends inclusive). */
  readonly closeOrCreatedIn: readonly { readonly from: PlainDate; readonly to: PlainDate }[];
  /** Also every deal open today, whatever its dates (deal inspection looks at all open deals). */
  readonly includeOpen?: boolean;
}

/** What a report reads besides the indexed columns. */
export interface MetricDealReading {
  /** The account's state, segment and industry (a filter or a cut by them). */
  readonly accountAttributes: boolean;
}

type Eb = ExpressionBuilder<Database & { o: Database['opportunity']; a: Database['account'] }, 'o' | 'a'>;

const DEAL_COLUMNS = [
  'o.id', 'o.account_id', 'o.owner_id', 'o.process_id', 'o.stage_id', 'o.amount_minor', 'o.currency', 'o.close_date', 'o.created_date',
  'o.type', 'o.lead_source', 'o.forecast_category', 'o.forecast_category_override', 'o.probability_bps',
] as const;

/**
 * The deals' indexed columns, with the account's attributes joined only when asked: without them a
 * period is read from the analytics index alone.
 */
function baseQuery(db: Kysely<Database>, reading: MetricDealReading) {
  const query = db.selectFrom('opportunity as o').leftJoin('account as a', 'a.id', 'o.account_id').select(DEAL_COLUMNS);
  // Without account attributes the join reads no column, and both engines drop such a left join
  // on a unique key, so the period is read from the analytics index alone.
  return reading.accountAttributes
    ? query.select(['a.state', 'a.segment', 'a.industry'])
    : query.select([sql<string | null>`null`.as('state'), sql<string | null>`null`.as('segment'), sql<string | null>`null`.as('industry')]);
}

function attributeConditions(eb: Eb, filter: MetricDealAttributes): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  if (filter.processId !== undefined) conditions.push(eb('o.process_id', '=', filter.processId));
  if (filter.segment !== undefined) conditions.push(eb('a.segment', '=', filter.segment));
  if (filter.states !== undefined) conditions.push(filter.states.length === 0 ? sql<SqlBool>`1 = 0` : eb('a.state', 'in', [...filter.states]));
  if (filter.industry !== undefined) conditions.push(eb('a.industry', '=', filter.industry));
  if (filter.type !== undefined) conditions.push(eb('o.type', '=', filter.type));
  if (filter.leadSource !== undefined) conditions.push(eb('o.lead_source', '=', filter.leadSource));
  if (filter.excludeCurrency !== undefined) conditions.push(eb('o.currency', '<>', filter.excludeCurrency));
  return conditions;
}

type RawRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function toRow(r: RawRow): MetricDealRow {
  if (!isForecastCategory(r.forecast_category)) {
    throw new StoreError('constraint_violation', `Opportunity ${r.id} has an unknown forecast category "${r.forecast_category}"`, { id: r.id });
  }
  return {
    id: r.id,
    accountId: r.account_id,
    ownerId: r.owner_id,
    processId: r.process_id,
    stageId: r.stage_id,
    amountMinor: r.amount_minor === null ? null : Number(r.amount_minor),
    currency: r.currency as CurrencyCode,
    closeDate: r.close_date as PlainDate,
    createdDate: r.created_date as PlainDate,
    type: r.type,
    leadSource: r.lead_source,
    forecastCategory: r.forecast_category,
    forecastCategoryOverride: Number(r.forecast_category_override) === 1,
    probabilityBps: Number(r.probability_bps),
    state: r.state,
    segment: r.segment,
    industry: r.industry,
  };
}

/**
 * Today's rows of the deals in the window: created by `createdOnOrBefore`, owned today by one of
 * `ownerIds`, with a close or creation date in one of the ranges (or open, when asked), matching
 * the attribute filters. In id order. Each kind of range is its own query, so each reads one
 * analytics index as a range (an OR across two indexes would not stay a range scan everywhere).
 */
export async function queryMetricDeals(db: Kysely<Database>, window: MetricDealWindow, filter: MetricDealAttributes, reading: MetricDealReading): Promise<MetricDealRow[]> {
  if (window.ownerIds !== null && window.ownerIds.length === 0) return [];
  const ownerChunks = window.ownerIds === null ? [null] : chunkIds(window.ownerIds, 5_000);
  const selectors: ((eb: Eb) => Expression<SqlBool>)[] = [
    ...window.closeOrCreatedIn.flatMap((range) => [
      (eb: Eb) => eb.between('o.close_date', range.from, range.to),
      (eb: Eb) => eb.between('o.created_date', range.from, range.to),
    ]),
    ...(window.includeOpen === true ? [(eb: Eb) => eb('o.is_closed', '=', 0)] : []),
  ];
  const rows = new Map<string, MetricDealRow>();
  for (const owners of ownerChunks) {
    for (const selector of selectors) {
      const found = await baseQuery(db, reading)
        .where((eb) => {
          const conditions = [selector(eb), eb('o.created_date', '<=', window.createdOnOrBefore), ...attributeConditions(eb, filter)];
          if (owners !== null) conditions.push(eb('o.owner_id', 'in', owners));
          return eb.and(conditions);
        })
        .execute();
      for (const r of found) if (!rows.has(r.id)) rows.set(r.id, toRow(r));
    }
  }
  return [...rows.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Today's rows of these deals that match the attribute filters (any owner, any dates), in id order. */
export async function findMetricDealsByIds(db: Kysely<Database>, ids: readonly string[], filter: MetricDealAttributes, reading: MetricDealReading): Promise<MetricDealRow[]> {
  const rows: MetricDealRow[] = [];
  for (const chunk of chunkIds([...new Set(ids)].sort())) {
    const found = await baseQuery(db, reading)
      .where((eb) => eb.and([eb('o.id', 'in', chunk), ...attributeConditions(eb, filter)]))
      .orderBy('o.id')
      .execute();
    for (const r of found) rows.push(toRow(r));
  }
  return rows;
}

/** What a drill-down or an inspection shows of a deal beyond the figures: names and the next step. */
export interface DealDetails {
  readonly name: string;
  readonly externalId: string | null;
  readonly accountName: string | null;
  readonly nextStep: string | null;
}

/** The details of these deals, by id. */
export async function findDealDetails(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, DealDetails>> {
  const details = new Map<string, DealDetails>();
  for (const chunk of chunkIds([...new Set(ids)].sort())) {
    const found = await db
      .selectFrom('opportunity as o')
      .leftJoin('account as a', 'a.id', 'o.account_id')
      .select(['o.id', 'o.name', 'o.external_id', 'a.name as account_name', 'o.next_step'])
      .where('o.id', 'in', chunk)
      .execute();
    for (const r of found) details.set(r.id, { name: r.name, externalId: r.external_id, accountName: r.account_name, nextStep: r.next_step });
  }
  return details;
}

/** A field change with the opportunity it belongs to. */
export interface DealChange extends FieldChange {
  readonly opportunityId: string;
}

function toChange(r: { opportunity_id: string; changed_at: string; field: string; old_value: string | null; new_value: string | null }): DealChange | null {
  if (!isTrackedField(r.field)) return null;
  return { opportunityId: r.opportunity_id, changedAt: r.changed_at, field: r.field, oldValue: r.old_value, newValue: r.new_value };
}

/**
 * Every change of the tracked fields made strictly after `instant` (ISO UTC), in opportunity,
 * time, field order: what must be undone to see the pipeline as it was at that instant. The
 * index on (field, changed_at) answers it with one range per field.
 */
export async function listChangesAfter(db: Kysely<Database>, instant: string): Promise<DealChange[]> {
  // No ORDER BY: asked to sort by opportunity, SQLite walks the whole history's unique index
  // instead of the (field, changed_at) range; the few rows found are sorted here instead.
  const rows = await db
    .selectFrom('opportunity_history')
    .select(['id', 'opportunity_id', 'changed_at', 'field', 'old_value', 'new_value'])
    .where('field', 'in', ['stage', 'amount', 'close_date', 'forecast_category', 'owner'])
    .where('changed_at', '>', instant)
    .execute();
  const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  rows.sort((a, b) => order(a.opportunity_id, b.opportunity_id) || order(a.changed_at, b.changed_at) || order(a.field, b.field) || order(a.id, b.id));
  return rows.map(toChange).filter((c): c is DealChange => c !== null);
}

/** Changes of one field in (after, upTo], both ISO UTC instants, in opportunity then time order. */
export async function listFieldChangesBetween(db: Kysely<Database>, field: 'stage' | 'close_date' | 'amount', after: string, upTo: string): Promise<DealChange[]> {
  const rows = await db
    .selectFrom('opportunity_history')
    .select(['opportunity_id', 'changed_at', 'field', 'old_value', 'new_value'])
    .where('field', '=', field)
    .where('changed_at', '>', after)
    .where('changed_at', '<=', upTo)
    .orderBy('opportunity_id')
    .orderBy('changed_at')
    .orderBy('id')
    .execute();
  return rows.map(toChange).filter((c): c is DealChange => c !== null);
}

/** Every change of one field of these deals, in opportunity then time order. */
export async function listFieldChangesOf(db: Kysely<Database>, ids: readonly string[], field: 'stage' | 'close_date' | 'amount'): Promise<DealChange[]> {
  const changes: DealChange[] = [];
  for (const chunk of chunkIds([...new Set(ids)].sort())) {
    const rows = await db
      .selectFrom('opportunity_history')
      .select(['opportunity_id', 'changed_at', 'field', 'old_value', 'new_value'])
      .where('opportunity_id', 'in', chunk)
      .where('field', '=', field)
      .orderBy('opportunity_id')
      .orderBy('changed_at')
      .orderBy('id')
      .execute();
    for (const r of rows) {
      const change = toChange(r);
      if (change !== null) changes.push(change);
    }
  }
  return changes;
}

/** One line item's share of its deal: the product line it belongs to and its total in the deal's currency. */
export interface LineItemShare {
  readonly opportunityId: string;
  /** The product's family (its product line), else its name; null for a line with no product. */
  readonly productLine: string | null;
  readonly totalMinor: number;
}

/** The line items of these deals, in opportunity then line order. */
export async function listLineItemShares(db: Kysely<Database>, ids: readonly string[]): Promise<LineItemShare[]> {
  const shares: LineItemShare[] = [];
  for (const chunk of chunkIds([...new Set(ids)].sort())) {
    const rows = await db
      .selectFrom('opportunity_line_item as li')
      .leftJoin('product as p', 'p.id', 'li.product_id')
      .select(['li.opportunity_id', 'li.id', 'p.family', 'p.name', 'li.total_minor'])
      .where('li.opportunity_id', 'in', chunk)
      .orderBy('li.opportunity_id')
      .orderBy('li.id')
      .execute();
    for (const r of rows) shares.push({ opportunityId: r.opportunity_id, productLine: r.family ?? r.name ?? null, totalMinor: Number(r.total_minor) });
  }
  return shares;
}
