import type { Kysely, Selectable } from 'kysely';
import type { ForecastCategory } from '../core/pipeline/forecast-category.ts';
import { canonicalFieldValue, diffStates, type OpportunityState } from '../core/pipeline/opportunity-history.ts';
import { TRACKED_FIELDS } from '../core/pipeline/tracked-field.ts';
import type { CurrencyCode } from '../core/shared/currency.ts';
import type { PlainDate } from '../core/shared/plain-date.ts';
import { chunkRows } from './chunk-rows.ts';
import { inTransaction } from './in-transaction.ts';
import { newId } from './new-id.ts';
import { insertOpportunityChanges, type NewOpportunityChange } from './opportunity-history-repository.ts';
import type { Database, OpportunityLineItemTable, OpportunitySplitTable, OpportunityTable } from './schema.ts';
import { StoreError } from './store-error.ts';

export interface Opportunity {
  readonly id: string;
  readonly externalId: string | null;
  readonly name: string;
  readonly accountId: string | null;
  readonly ownerId: string | null;
  readonly processId: string;
  readonly stageId: string;
  readonly amountMinor: number | null;
  readonly currency: CurrencyCode;
  readonly closeDate: PlainDate;
  /** The CRM's creation date: the opportunity exists from the start of this day. */
  readonly createdDate: PlainDate;
  readonly type: string | null;
  readonly leadSource: string | null;
  readonly nextStep: string | null;
  /** The effective category: the stage's unless `forecastCategoryOverride`. */
  readonly forecastCategory: ForecastCategory;
  readonly forecastCategoryOverride: boolean;
  readonly probabilityBps: number;
  readonly isClosed: boolean;
  readonly isWon: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

type OptionalOnInsert = 'id' | 'externalId' | 'accountId' | 'ownerId' | 'amountMinor' | 'type' | 'leadSource' | 'nextStep' | 'forecastCategoryOverride';
export type NewOpportunity = Omit<Opportunity, OptionalOnInsert | 'createdAt' | 'updatedAt'> & Partial<Pick<Opportunity, OptionalOnInsert>>;
export type OpportunityPatch = Partial<Omit<Opportunity, 'id' | 'createdAt' | 'updatedAt'>>;

export interface LineItem {
  readonly id: string;
  readonly externalId: string | null;
  readonly opportunityId: string;
  readonly productId: string | null;
  /** Decimal string. */
  readonly quantity: string;
  readonly unitPriceMinor: number;
  readonly totalMinor: number;
  readonly currency: CurrencyCode;
}

export interface Split {
  readonly id: string;
  readonly externalId: string | null;
  readonly opportunityId: string;
  readonly personId: string;
  readonly splitType: 'revenue' | 'overlay';
  readonly percentBps: number;
}

export type NewLineItem = Omit<LineItem, 'id' | 'externalId' | 'productId'> & Partial<Pick<LineItem, 'id' | 'externalId' | 'productId'>>;
export type NewSplit = Omit<Split, 'id' | 'externalId'> & Partial<Pick<Split, 'id' | 'externalId'>>;

export interface OpportunityDetail extends Opportunity {
  readonly lineItems: readonly LineItem[];
  readonly splits: readonly Split[];
}

export interface OpportunityFilter {
  /** Current owners; an empty list matches nothing. */
  readonly ownerIds?: readonly string[];
  readonly stageIds?: readonly string[];
  readonly processId?: string;
  /** Close date range, both ends inclusive. */
  readonly closeDateFrom?: PlainDate;
  readonly closeDateTo?: PlainDate;
  readonly openOnly?: boolean;
  readonly createdOnOrBefore?: PlainDate;
}

export interface Page {
  /** Return the opportunities whose id sorts after this one (the previous page's `nextAfterId`). */
  readonly afterId?: string | null;
  /** Default 500, at most 10,000. */
  readonly limit?: number;
}

export interface OpportunityPage {
  readonly items: readonly Opportunity[];
  /** Pass as `afterId` for the next page; null on the last page. */
  readonly nextAfterId: string | null;
}

/** Options for writes that keep history: the instant (ISO UTC) the change is recorded at. */
export interface HistoryOptions {
  readonly historyAt?: string;
}

export function toOpportunity(row: Selectable<OpportunityTable>): Opportunity {
  return {
    id: row.id,
    externalId: row.external_id,
    name: row.name,
    accountId: row.account_id,
    ownerId: row.owner_id,
    processId: row.process_id,
    stageId: row.stage_id,
    amountMinor: row.amount_minor === null ? null : Number(row.amount_minor),
    currency: row.currency as CurrencyCode,
    closeDate: row.close_date as PlainDate,
    createdDate: row.created_date as PlainDate,
    type: row.type,
    leadSource: row.lead_source,
    nextStep: row.next_step,
    forecastCategory: row.forecast_category as ForecastCategory,
    forecastCategoryOverride: row.forecast_category_override === 1,
    probabilityBps: row.probability_bps,
    isClosed: row.is_closed === 1,
    isWon: row.is_won === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The tracked fields of an opportunity, as history sees them. */
export function opportunityState(o: Pick<Opportunity, 'stageId' | 'amountMinor' | 'closeDate' | 'forecastCategory' | 'ownerId'>): OpportunityState {
  return { stageId: o.stageId, amountMinor: o.amountMinor, closeDate: o.closeDate, forecastCategory: o.forecastCategory, ownerId: o.ownerId };
}

function columnsOf(fields: OpportunityPatch): Partial<Selectable<OpportunityTable>> {
  const values: Partial<Selectable<OpportunityTable>> = {};
  if (fields.externalId !== undefined) values.external_id = fields.externalId;
  if (fields.name !== undefined) values.name = fields.name;
  if (fields.accountId !== undefined) values.account_id = fields.accountId;
  if (fields.ownerId !== undefined) values.owner_id = fields.ownerId;
  if (fields.processId !== undefined) values.process_id = fields.processId;
  if (fields.stageId !== undefined) values.stage_id = fields.stageId;
  if (fields.amountMinor !== undefined) values.amount_minor = fields.amountMinor;
  if (fields.currency !== undefined) values.currency = fields.currency;
  if (fields.closeDate !== undefined) values.close_date = fields.closeDate;
  if (fields.createdDate !== undefined) values.created_date = fields.createdDate;
  if (fields.type !== undefined) values.type = fields.type;
  if (fields.leadSource !== undefined) values.lead_source = fields.leadSource;
  if (fields.nextStep !== undefined) values.next_step = fields.nextStep;
  if (fields.forecastCategory !== undefined) values.forecast_category = fields.forecastCategory;
  if (fields.forecastCategoryOverride !== undefined) values.forecast_category_override = fields.forecastCategoryOverride ? 1 : 0;
  if (fields.probabilityBps !== undefined) values.probability_bps = fields.probabilityBps;
  if (fields.isClosed !== undefined) values.is_closed = fields.isClosed ? 1 : 0;
  if (fields.isWon !== undefined) values.is_won = fields.isWon ? 1 : 0;
  return values;
}

function rowOf(input: NewOpportunity, now: string): Selectable<OpportunityTable> {
  return {
    id: input.id ?? newId('opportunity'),
    external_id: input.externalId ?? null,
    name: input.name,
    account_id: input.accountId ?? null,
    owner_id: input.ownerId ?? null,
    process_id: input.processId,
    stage_id: input.stageId,
    amount_minor: input.amountMinor ?? null,
    currency: input.currency,
    close_date: input.closeDate,
    created_date: input.createdDate,
    type: input.type ?? null,
    lead_source: input.leadSource ?? null,
    next_step: input.nextStep ?? null,
    forecast_category: input.forecastCategory,
    forecast_category_override: input.forecastCategoryOverride === true ? 1 : 0,
    probability_bps: input.probabilityBps,
    is_closed: input.isClosed ? 1 : 0,
    is_won: input.isWon ? 1 : 0,
    created_at: now,
    updated_at: now,
  };
}

/**
 * Inserts opportunities in batches. With `historyAt`, each also gets a creation row (old value
 * null) at that instant for every tracked field that has a value.
 */
export async function insertOpportunities(db: Kysely<Database>, inputs: readonly NewOpportunity[], options: HistoryOptions = {}, now: string = new Date().toISOString()): Promise<Opportunity[]> {
  const rows = inputs.map((input) => rowOf(input, now));
  const created = rows.map(toOpportunity);
  await inTransaction(db, async (trx) => {
    for (const chunk of chunkRows(rows, 21)) await trx.insertInto('opportunity').values(chunk).execute();
    const historyAt = options.historyAt;
    if (historyAt !== undefined) {
      const changes: NewOpportunityChange[] = created.flatMap((o) =>
        TRACKED_FIELDS.flatMap((field) => {
          const newValue = canonicalFieldValue(opportunityState(o), field);
          return newValue === null ? [] : [{ opportunityId: o.id, changedAt: historyAt, field, oldValue: null, newValue }];
        }),
      );
      await insertOpportunityChanges(trx, changes);
    }
  });
  return created;
}

export async function insertOpportunity(db: Kysely<Database>, input: NewOpportunity, options: HistoryOptions = {}): Promise<Opportunity> {
  const [created] = await insertOpportunities(db, [input], options);
  if (created === undefined) throw new StoreError('not_found', 'The opportunity was not inserted');
  return created;
}

/** Updates fields; with `historyAt`, each tracked field that changed is recorded at that instant. */
export async function updateOpportunity(db: Kysely<Database>, id: string, patch: OpportunityPatch, options: HistoryOptions = {}, now: string = new Date().toISOString()): Promise<Opportunity> {
  return inTransaction(db, async (trx) => {
    const before = await findOpportunityById(trx, id);
    if (before === null) throw new StoreError('not_found', `No opportunity ${id}`, { id });
    await trx.updateTable('opportunity').set({ ...columnsOf(patch), updated_at: now }).where('id', '=', id).execute();
    const after = await findOpportunityById(trx, id);
    if (after === null) throw new StoreError('not_found', `No opportunity ${id}`, { id });
    const historyAt = options.historyAt;
    if (historyAt !== undefined) {
      const changes = diffStates(opportunityState(before), opportunityState(after)).map((d) => ({ opportunityId: id, changedAt: historyAt, ...d }));
      await insertOpportunityChanges(trx, changes);
    }
    return after;
  });
}

export async function findOpportunityById(db: Kysely<Database>, id: string): Promise<Opportunity | null> {
  const row = await db.selectFrom('opportunity').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : toOpportunity(row);
}

export async function findOpportunityByExternalId(db: Kysely<Database>, externalId: string): Promise<Opportunity | null> {
  const row = await db.selectFrom('opportunity').selectAll().where('external_id', '=', externalId).executeTakeFirst();
  return row === undefined ? null : toOpportunity(row);
}

function toLineItem(row: Selectable<OpportunityLineItemTable>): LineItem {
  return {
    id: row.id,
    externalId: row.external_id,
    opportunityId: row.opportunity_id,
    productId: row.product_id,
    quantity: row.quantity,
    unitPriceMinor: Number(row.unit_price_minor),
    totalMinor: Number(row.total_minor),
    currency: row.currency as CurrencyCode,
  };
}

function toSplit(row: Selectable<OpportunitySplitTable>): Split {
  return { id: row.id, externalId: row.external_id, opportunityId: row.opportunity_id, personId: row.person_id, splitType: row.split_type as Split['splitType'], percentBps: row.percent_bps };
}

/** The opportunity with its line items and splits, or null. */
export async function getOpportunity(db: Kysely<Database>, id: string): Promise<OpportunityDetail | null> {
  const opportunity = await findOpportunityById(db, id);
  if (opportunity === null) return null;
  const lineItems = await db.selectFrom('opportunity_line_item').selectAll().where('opportunity_id', '=', id).orderBy('id').execute();
  const splits = await db.selectFrom('opportunity_split').selectAll().where('opportunity_id', '=', id).orderBy('split_type').orderBy('id').execute();
  return { ...opportunity, lineItems: lineItems.map(toLineItem), splits: splits.map(toSplit) };
}

export async function insertLineItems(db: Kysely<Database>, items: readonly NewLineItem[]): Promise<LineItem[]> {
  const rows: Selectable<OpportunityLineItemTable>[] = items.map((i) => ({
    id: i.id ?? newId('lineItem'),
    external_id: i.externalId ?? null,
    opportunity_id: i.opportunityId,
    product_id: i.productId ?? null,
    quantity: i.quantity,
    unit_price_minor: i.unitPriceMinor,
    total_minor: i.totalMinor,
    currency: i.currency,
  }));
  await inTransaction(db, async (trx) => {
    for (const chunk of chunkRows(rows, 8)) await trx.insertInto('opportunity_line_item').values(chunk).execute();
  });
  return rows.map(toLineItem);
}

export async function insertSplits(db: Kysely<Database>, splits: readonly NewSplit[]): Promise<Split[]> {
  const rows: Selectable<OpportunitySplitTable>[] = splits.map((s) => ({
    id: s.id ?? newId('split'),
    external_id: s.externalId ?? null,
    opportunity_id: s.opportunityId,
    person_id: s.personId,
    split_type: s.splitType,
    percent_bps: s.percentBps,
  }));
  await inTransaction(db, async (trx) => {
    for (const chunk of chunkRows(rows, 6)) await trx.insertInto('opportunity_split').values(chunk).execute();
  });
  return rows.map(toSplit);
}

/**
 * One page of opportunities matching the filter, in id order (keyset pagination: stable while
 * rows are added, and each page costs the same however deep it is).
 */
export async function listOpportunities(db: Kysely<Database>, filter: OpportunityFilter = {}, page: Page = {}): Promise<OpportunityPage> {
  const limit = Math.min(Math.max(1, page.limit ?? 500), 10_000);
  if (filter.ownerIds?.length === 0 || filter.stageIds?.length === 0) return { items: [], nextAfterId: null };
  let query = db.selectFrom('opportunity').selectAll();
  if (filter.ownerIds !== undefined) query = query.where('owner_id', 'in', filter.ownerIds);
  if (filter.stageIds !== undefined) query = query.where('stage_id', 'in', filter.stageIds);
  if (filter.processId !== undefined) query = query.where('process_id', '=', filter.processId);
  if (filter.closeDateFrom !== undefined) query = query.where('close_date', '>=', filter.closeDateFrom);
  if (filter.closeDateTo !== undefined) query = query.where('close_date', '<=', filter.closeDateTo);
  if (filter.openOnly === true) query = query.where('is_closed', '=', 0);
  if (filter.createdOnOrBefore !== undefined) query = query.where('created_date', '<=', filter.createdOnOrBefore);
  if (page.afterId !== undefined && page.afterId !== null) query = query.where('id', '>', page.afterId);
  const rows = await query.orderBy('id').limit(limit + 1).execute();
  const items = rows.slice(0, limit).map(toOpportunity);
  return { items, nextAfterId: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null };
}
