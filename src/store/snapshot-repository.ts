import type { Kysely, Selectable } from 'kysely';
import type { ForecastCategory } from '../core/pipeline/forecast-category.ts';
import type { CurrencyCode } from '../core/shared/currency.ts';
import type { PlainDate } from '../core/shared/plain-date.ts';
import { chunkRows } from './chunk-rows.ts';
import { inTransaction } from './in-transaction.ts';
import type { Database, PipelineSnapshotTable } from './schema.ts';

/** One opportunity as it stood on a snapshot date. */
export interface SnapshotRow {
  readonly opportunityId: string;
  readonly ownerId: string | null;
  readonly stageId: string;
  readonly amountMinor: number | null;
  readonly currency: CurrencyCode;
  readonly closeDate: PlainDate;
  readonly forecastCategory: ForecastCategory;
  readonly isClosed: boolean;
  readonly isWon: boolean;
}

/** A snapshot row with the opportunity's (current) name, for reports. */
export interface NamedSnapshotRow extends SnapshotRow {
  readonly name: string;
}

export interface SnapshotFilter {
  /** Owners as of the snapshot date; an empty list matches nothing. */
  readonly ownerIds?: readonly string[];
  readonly openOnly?: boolean;
}

const COLUMNS = 10;

function toRow(date: PlainDate, r: SnapshotRow): Selectable<PipelineSnapshotTable> {
  return {
    snapshot_date: date,
    opportunity_id: r.opportunityId,
    owner_id: r.ownerId,
    stage_id: r.stageId,
    amount_minor: r.amountMinor,
    currency: r.currency,
    close_date: r.closeDate,
    forecast_category: r.forecastCategory,
    is_closed: r.isClosed ? 1 : 0,
    is_won: r.isWon ? 1 : 0,
  };
}

/**
 * Replaces the snapshot of `date` with `rows`, atomically (in the caller's transaction when given
 * one): readers see the old snapshot or the new one, never a mix. Returns the rows written.
 */
export async function replaceSnapshot(db: Kysely<Database>, date: PlainDate, rows: readonly SnapshotRow[]): Promise<number> {
  return inTransaction(db, async (trx) => {
    await trx.deleteFrom('pipeline_snapshot').where('snapshot_date', '=', date).execute();
    for (const chunk of chunkRows(rows, COLUMNS)) {
      await trx.insertInto('pipeline_snapshot').values(chunk.map((r) => toRow(date, r))).execute();
    }
    return rows.length;
  });
}

/** The snapshot of `date` in opportunity id order (empty when none was taken). */
export async function readSnapshot(db: Kysely<Database>, date: PlainDate, filter: SnapshotFilter = {}): Promise<NamedSnapshotRow[]> {
  if (filter.ownerIds?.length === 0) return [];
  let query = db
    .selectFrom('pipeline_snapshot as s')
    .innerJoin('opportunity as o', 'o.id', 's.opportunity_id')
    .selectAll('s')
    .select('o.name')
    .where('s.snapshot_date', '=', date);
  if (filter.ownerIds !== undefined) query = query.where('s.owner_id', 'in', filter.ownerIds);
  if (filter.openOnly === true) query = query.where('s.is_closed', '=', 0);
  const rows = await query.orderBy('s.opportunity_id').execute();
  return rows.map((r) => ({
    opportunityId: r.opportunity_id,
    name: r.name,
    ownerId: r.owner_id,
    stageId: r.stage_id,
    amountMinor: r.amount_minor === null ? null : Number(r.amount_minor),
    currency: r.currency as CurrencyCode,
    closeDate: r.close_date as PlainDate,
    forecastCategory: r.forecast_category as ForecastCategory,
    isClosed: r.is_closed === 1,
    isWon: r.is_won === 1,
  }));
}

/** Whether a snapshot was taken for `date` (a snapshot of an empty pipeline has no rows and reads as absent). */
export async function hasSnapshot(db: Kysely<Database>, date: PlainDate): Promise<boolean> {
  const row = await db.selectFrom('pipeline_snapshot').select('snapshot_date').where('snapshot_date', '=', date).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The dates snapshots exist for, oldest first. */
export async function listSnapshotDates(db: Kysely<Database>): Promise<PlainDate[]> {
  const rows = await db.selectFrom('pipeline_snapshot').select('snapshot_date').distinct().orderBy('snapshot_date').execute();
  return rows.map((r) => r.snapshot_date as PlainDate);
}
