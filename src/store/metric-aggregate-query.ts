import { sql, type Expression, type ExpressionBuilder, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { PlainDate } from '../core/shared/plain-date.ts';
import { chunkIds } from './chunk-rows.ts';
import type { Engine } from './engine.ts';
import type { MetricDealAttributes } from './metric-deal-query.ts';
import type { Database } from './schema.ts';

/**
 * Sums and counts of today's deals computed in the database, for reports read as of a date after
 * which nothing changed (today, usually). Only deals already in the report currency are summed
 * here, so no conversion (and no rounding) happens in SQL; the service converts the other deals
 * one by one and adds them, so a figure is exactly what the per-deal path gives. The measures
 * mirror the core's definitions (src/core/metrics): a test compares both paths on the demo.
 */

/** The columns a report can be grouped by before the service maps them to its slice keys. */
export type AggregateKey = 'none' | 'owner_id' | 'stage_id' | 'process_id' | 'type' | 'lead_source' | 'forecast_category' | 'state' | 'segment' | 'industry' | 'close_date' | 'created_date';

export interface AggregateFilter {
  /** Owners (null: everyone; an empty list matches nothing). */
  readonly ownerIds: readonly string[] | null;
  readonly createdOnOrBefore: PlainDate;
  /** Only deals in this currency. */
  readonly currency: string;
  readonly attributes: MetricDealAttributes;
}

/** Deals closing in a range, per key and state. */
export interface CloseAggregate {
  readonly key: string | null;
  readonly isClosed: boolean;
  readonly isWon: boolean;
  readonly count: number;
  /** Deals with an amount. */
  readonly priced: number;
  readonly sumMinor: number;
  /** Σ amount × probability ÷ 10000, each deal rounded half-up (away from zero at .5). */
  readonly weightedMinor: number;
}

/** Deals created in a range, per key. */
export interface CreatedAggregate {
  readonly key: string | null;
  readonly count: number;
  readonly sumMinor: number;
}

/** Won deals closing in a range, per key and whole days from creation to close (at least 0). */
export interface CycleAggregate {
  readonly key: string | null;
  readonly days: number;
  readonly count: number;
}

type Eb = ExpressionBuilder<Database & { o: Database['opportunity']; a: Database['account'] }, 'o' | 'a'>;

function keyColumn(key: AggregateKey): RawBuilder<string | null> {
  switch (key) {
    case 'none':
      return sql<string | null>`null`;
    case 'state':
    case 'segment':
    case 'industry':
      return sql<string | null>`${sql.ref(`a.${key}`)}`;
    default:
      return sql<string | null>`${sql.ref(`o.${key}`)}`;
  }
}

function conditions(eb: Eb, filter: AggregateFilter, owners: readonly string[] | null): Expression<SqlBool>[] {
  const a = filter.attributes;
  const list: Expression<SqlBool>[] = [eb('o.currency', '=', filter.currency), eb('o.created_date', '<=', filter.createdOnOrBefore)];
  if (owners !== null) list.push(eb('o.owner_id', 'in', owners));
  if (a.processId !== undefined) list.push(eb('o.process_id', '=', a.processId));
  if (a.segment !== undefined) list.push(eb('a.segment', '=', a.segment));
  if (a.states !== undefined) list.push(a.states.length === 0 ? sql<SqlBool>`1 = 0` : eb('a.state', 'in', [...a.states]));
  if (a.industry !== undefined) list.push(eb('a.industry', '=', a.industry));
  if (a.type !== undefined) list.push(eb('o.type', '=', a.type));
  if (a.leadSource !== undefined) list.push(eb('o.lead_source', '=', a.leadSource));
  return list;
}

function from(db: Kysely<Database>, filter: AggregateFilter, key: AggregateKey) {
  const a = filter.attributes;
  const joined = db.selectFrom('opportunity as o').leftJoin('account as a', 'a.id', 'o.account_id');
  if (key === 'state' || key === 'segment' || key === 'industry' || a.segment !== undefined || a.states !== undefined || a.industry !== undefined) return joined;
  // Without an account column the join is left out: SQLite would still look up every account,
  // and the report stays on the analytics index. The builder keeps the joined type, as no
  // expression of this query names the account then.
  return db.selectFrom('opportunity as o') as unknown as typeof joined;
}

/** Runs one grouped query per chunk of owners (bind limits), returning every chunk's rows. */
async function perOwnerChunk<R>(filter: AggregateFilter, run: (owners: readonly string[] | null) => Promise<R[]>): Promise<R[]> {
  if (filter.ownerIds !== null && filter.ownerIds.length === 0) return [];
  const chunks = filter.ownerIds === null ? [null] : chunkIds(filter.ownerIds, 5_000);
  const rows: R[] = [];
  for (const owners of chunks) rows.push(...(await run(owners)));
  return rows;
}

const num = (value: unknown): number => Number(value ?? 0);

/** Deals with a close date in [from, to], grouped by the key and by open / won / lost. */
export async function queryCloseAggregates(db: Kysely<Database>, filter: AggregateFilter, range: { from: PlainDate; to: PlainDate }, key: AggregateKey): Promise<CloseAggregate[]> {
  const k = keyColumn(key);
  // Half-up per deal, away from zero: integer division truncates toward zero on both engines.
  const weighted = sql<number>`sum(case when o.amount_minor is null then 0 when o.amount_minor >= 0 then (o.amount_minor * o.probability_bps + 5000) / 10000 else -(((-o.amount_minor) * o.probability_bps + 5000) / 10000) end)`;
  return perOwnerChunk(filter, async (owners) => {
    const rows = await from(db, filter, key)
      .select([
        k.as('k'),
        'o.is_closed',
        'o.is_won',
        sql<number>`count(*)`.as('n'),
        sql<number>`count(o.amount_minor)`.as('priced'),
        sql<number>`coalesce(sum(o.amount_minor), 0)`.as('total'),
        weighted.as('weighted'),
      ])
      .where((eb) => eb.and([eb.between('o.close_date', range.from, range.to), ...conditions(eb, filter, owners)]))
      .groupBy(key === 'none' ? ['o.is_closed', 'o.is_won'] : [k, 'o.is_closed', 'o.is_won'])
      .execute();
    return rows.map((r) => ({
      key: r.k,
      isClosed: num(r.is_closed) === 1,
      isWon: num(r.is_won) === 1,
      count: num(r.n),
      priced: num(r.priced),
      sumMinor: num(r.total),
      weightedMinor: num(r.weighted),
    }));
  });
}

/** Deals created in [from, to], grouped by the key. */
export async function queryCreatedAggregates(db: Kysely<Database>, filter: AggregateFilter, range: { from: PlainDate; to: PlainDate }, key: AggregateKey): Promise<CreatedAggregate[]> {
  const k = keyColumn(key);
  return perOwnerChunk(filter, async (owners) => {
    const rows = await from(db, filter, key)
      .select([k.as('k'), sql<number>`count(*)`.as('n'), sql<number>`coalesce(sum(o.amount_minor), 0)`.as('total')])
      .where((eb) => eb.and([eb.between('o.created_date', range.from, range.to), ...conditions(eb, filter, owners)]))
      .$if(key !== 'none', (q) => q.groupBy(k))
      .execute();
    return rows.map((r) => ({ key: r.k, count: num(r.n), sumMinor: num(r.total) }));
  });
}

/** Whole days from creation to close, per engine (dates are ISO text on both). */
function cycleDaysExpression(engine: Engine): RawBuilder<number> {
  return engine === 'sqlite'
    ? sql<number>`max(0, cast(julianday(o.close_date) - julianday(o.created_date) as integer))`
    : sql<number>`greatest(0, (o.close_date::date - o.created_date::date))`;
}

/** Won deals closing in [from, to], counted per key and cycle length in days. */
export async function queryCycleAggregates(db: Kysely<Database>, engine: Engine, filter: AggregateFilter, range: { from: PlainDate; to: PlainDate }, key: AggregateKey): Promise<CycleAggregate[]> {
  const k = keyColumn(key);
  const days = cycleDaysExpression(engine);
  return perOwnerChunk(filter, async (owners) => {
    const rows = await from(db, filter, key)
      .select([k.as('k'), days.as('days'), sql<number>`count(*)`.as('n')])
      .where((eb) => eb.and([eb.between('o.close_date', range.from, range.to), eb('o.is_closed', '=', 1), eb('o.is_won', '=', 1), ...conditions(eb, filter, owners)]))
      .groupBy(key === 'none' ? [days] : [k, days])
      .execute();
    return rows.map((r) => ({ key: r.k, days: num(r.days), count: num(r.n) }));
  });
}

/** Whether any tracked field changed after `instant`: if not, today's rows are the pipeline as of then. */
export async function hasChangesAfter(db: Kysely<Database>, instant: string): Promise<boolean> {
  const row = await db
    .selectFrom('opportunity_history')
    .select('id')
    .where('field', 'in', ['stage', 'amount', 'close_date', 'forecast_category', 'owner'])
    .where('changed_at', '>', instant)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
