/**
 * The DuckDB peer: the dashboard's aggregations written as SQL over the same rows. Each deal is
 * taken back to the as-of instant (the end of the as-of day, UTC) from its field history: a field
 * changed after the instant takes the old value of its first later change (a window function
 * picks it), otherwise today's value, the rule of stateAsOf (src/core/pipeline/opportunity-history.ts).
 * Amounts are converted to the corporate currency at the rate in force on the deal's close date
 * (an ASOF join on the dated rates, the static rate before the first, once per currency and close
 * date), rounded half-up per deal, as the services' report converter does. Like the services, a
 * query reads only the deals that can count in its ranges (dated in one today, or changed since
 * the instant). The generated data has no forecast-category history or overrides, so a deal's
 * category is its stage's once its stage changed, today's otherwise.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import type { PlainDate } from '../../src/core/shared/plain-date.ts';
import { DASHBOARD_QUERIES, type DashboardPage, type DashboardQueryId, type Figures } from './dashboard-page.ts';

/** Whose deals count: everyone, or a manager's reporting subtree on a date (the manager included). */
export type PeerScope = { readonly kind: 'all' } | { readonly kind: 'subtree'; readonly managerId: string; readonly on: PlainDate };

const quote = (text: string): string => `'${text.replace(/'/g, "''")}'`;
const date = (value: PlainDate): string => `DATE ${quote(value)}`;
const between = (column: string, range: { readonly from: PlainDate; readonly to: PlainDate }): string => `${column} BETWEEN ${date(range.from)} AND ${date(range.to)}`;

function ownerCondition(scope: PeerScope): string {
  if (scope.kind === 'all') return 'TRUE';
  const on = quote(scope.on);
  // reporting_line dates are ISO text; they compare as dates do.
  return `owner_id IN (
    WITH RECURSIVE subtree (person_id) AS (
      SELECT ${quote(scope.managerId)}
      UNION
      SELECT rl.person_id FROM reporting_line rl JOIN subtree s ON rl.manager_id = s.person_id
       WHERE rl.valid_from <= ${on} AND (rl.valid_to IS NULL OR rl.valid_to > ${on})
    ) SELECT person_id FROM subtree)`;
}

export interface DealsOptions {
  /** Also the account's segment, state and industry. */
  readonly withAccount?: boolean;
  /**
   * Only deals that can count in these ranges: dated in one today (close or creation date) or
   * changed after the instant. Without it, every deal.
   */
  readonly ranges?: readonly { readonly from: PlainDate; readonly to: PlainDate }[];
  /** With `ranges`: a query of further ids to keep (a movement's end keeps every deal of its start). */
  readonly alsoIds?: string;
}

/**
 * Every deal created by `asOf` as it stood at the end of that day, in the scope, with its amount in
 * the corporate currency (`amount`) and its stage's flags; with `withAccount`, its account's
 * segment, state and industry too (only the queries cut by them pay for the join).
 */
export function dealsAsOfSql(asOf: PlainDate, scope: PeerScope, options: DealsOptions = {}): string {
  const instant = quote(`${asOf} 23:59:59.999`);
  const withAccount = options.withAccount === true;
  // As the services narrow their read: today's rows dated in a range, plus every deal changed since.
  const narrowed =
    options.ranges === undefined
      ? 'TRUE'
      : `(${options.ranges.map((r) => `${between('o.close_date', r)} OR ${between('o.created_date', r)}`).join(' OR ')} OR o.id IN (SELECT opportunity_id FROM undone)` +
        `${options.alsoIds === undefined ? '' : ` OR o.id IN (${options.alsoIds})`})`;
  return `(
    WITH first_later AS (
      SELECT opportunity_id, field, coalesce(old_value, new_value) AS value
        FROM opportunity_history
       WHERE changed_at > TIMESTAMP ${instant}
     QUALIFY row_number() OVER (PARTITION BY opportunity_id, field ORDER BY changed_at) = 1
    ), undone AS (
      SELECT opportunity_id,
             max(value) FILTER (WHERE field = 'stage') AS stage_id,
             max(value) FILTER (WHERE field = 'amount') AS amount_minor,
             max(value) FILTER (WHERE field = 'close_date') AS close_date,
             max(value) FILTER (WHERE field = 'owner') AS owner_id
        FROM first_later GROUP BY opportunity_id
    ), candidates AS MATERIALIZED (
      -- Narrowed before the join to the changes, so the join reads only the deals that can count.
      SELECT * FROM opportunity o WHERE o.created_date <= ${date(asOf)} AND ${narrowed}
    ), state AS (
      SELECT o.id, coalesce(u.owner_id, o.owner_id) AS owner_id, o.account_id, o.currency, o.created_date,
             coalesce(u.stage_id, o.stage_id) AS stage_id,
             coalesce(CAST(u.amount_minor AS BIGINT), o.amount_minor) AS amount_minor,
             coalesce(CAST(u.close_date AS DATE), o.close_date) AS close_date,
             coalesce(u.stage_id, o.stage_id) <> o.stage_id AS stage_changed,
             o.forecast_category AS current_category, o.probability_bps AS current_probability
        FROM candidates o LEFT JOIN undone u ON u.opportunity_id = o.id
    ), scoped AS (
      SELECT * FROM state WHERE ${ownerCondition(scope)}
    ), day_rate AS (
      -- The rate of each (currency, close date) pair, looked up once per pair rather than once per deal.
      SELECT k.currency, k.close_date, coalesce(r.units, f.units) AS units, coalesce(r.factor, f.factor) AS factor
        FROM (SELECT DISTINCT currency, close_date FROM scoped WHERE currency <> (SELECT corporate_currency FROM workspace)) k
        ASOF LEFT JOIN (SELECT * FROM currency_rate WHERE start_date IS NOT NULL) r ON r.currency = k.currency AND k.close_date >= r.start_date
        LEFT JOIN (SELECT * FROM currency_rate WHERE start_date IS NULL) f ON f.currency = k.currency
    ), converted AS (
      -- Deals in the corporate currency need no rate; only the others are joined to theirs.
      SELECT d.*, d.amount_minor AS amount FROM scoped d WHERE d.currency = (SELECT corporate_currency FROM workspace)
      UNION ALL
      SELECT d.*, (d.amount_minor * dr.factor * 2 + dr.units) // (2 * dr.units) AS amount
        FROM scoped d JOIN day_rate dr ON dr.currency = d.currency AND dr.close_date = d.close_date
    )
    SELECT d.id, d.owner_id, d.created_date, d.close_date, d.stage_id, s.is_closed, s.is_won,
           CASE WHEN d.stage_changed THEN s.forecast_category ELSE d.current_category END AS forecast_category,
           CASE WHEN d.stage_changed THEN s.probability_bps ELSE d.current_probability END AS probability_bps,
           ${withAccount ? 'a.segment, a.state, a.industry,' : ''}
           d.amount
      FROM converted d
      JOIN stage s ON s.id = d.stage_id
      ${withAccount ? 'LEFT JOIN account a ON a.id = d.account_id' : ''}
  )`;
}

function summarySql(label: string, range: { readonly from: PlainDate; readonly to: PlainDate }, asOf: PlainDate, scope: PeerScope): string {
  const closeIn = between('close_date', range);
  return `SELECT ${quote(label)} AS period,
      coalesce(sum(amount) FILTER (WHERE is_won = 1 AND ${closeIn}), 0) AS bookings,
      count(*) FILTER (WHERE is_won = 1 AND ${closeIn} AND amount IS NOT NULL) AS won_priced,
      coalesce(sum(amount) FILTER (WHERE is_closed = 0 AND ${closeIn}), 0) AS open_pipeline,
      coalesce(sum((amount * probability_bps * 2 + 10000) // 20000) FILTER (WHERE is_closed = 0 AND ${closeIn}), 0) AS weighted_pipeline,
      coalesce(sum(amount) FILTER (WHERE ${between('created_date', range)}), 0) AS pipeline_created,
      count(*) FILTER (WHERE is_closed = 1 AND is_won = 1 AND ${closeIn}) AS won_count,
      count(*) FILTER (WHERE is_closed = 1 AND ${closeIn}) AS closed_count,
      coalesce(sum(amount) FILTER (WHERE is_closed = 1 AND is_won = 0 AND ${closeIn}), 0) AS lost_amount,
      median(greatest(0, date_diff('day', created_date, close_date))) FILTER (WHERE is_closed = 1 AND is_won = 1 AND ${closeIn}) AS cycle_median
    FROM ${dealsAsOfSql(asOf, scope, { ranges: [range] })}`;
}

/** The SQL of each of the page's queries. */
export function peerSql(page: DashboardPage, scope: PeerScope): Record<DashboardQueryId, string> {
  const { asOf, period } = page;
  const closeIn = between('close_date', period);
  const deals = dealsAsOfSql(asOf, scope, { ranges: [period] });
  const window = { from: period.from, to: period.to };
  const inPipeline = (side: string) =>
    `coalesce(${side}.is_closed = 0 AND ${side}.forecast_category <> 'omitted' AND ${side}.close_date BETWEEN ${date(window.from)} AND ${date(window.to)}, FALSE)`;
  return {
    summary: `${summarySql('current', period, asOf, scope)} UNION ALL ${summarySql('previous', page.previous, page.previous.asOf, scope)}`,
    // Keyed by "Process: Stage", as the services label stages when a workspace has several processes.
    open_pipeline_by_stage: `SELECT p.name || ': ' || s.name AS key, sum(d.amount) AS value FROM ${deals} d
       JOIN stage s ON s.id = d.stage_id JOIN sales_process p ON p.id = s.process_id
       WHERE d.is_closed = 0 AND d.${closeIn} GROUP BY key`,
    bookings_by_month: `SELECT strftime(date_trunc('month', close_date), '%Y-%m-%d') AS key, sum(amount) AS value FROM ${dealsAsOfSql(asOf, scope, { ranges: [page.months] })}
       WHERE is_won = 1 AND ${between('close_date', page.months)} GROUP BY key`,
    win_rate_by_segment: `SELECT coalesce(segment, '') AS key, count(*) FILTER (WHERE is_won = 1) AS numerator, count(*) AS denominator
       FROM ${dealsAsOfSql(asOf, scope, { withAccount: true, ranges: [period] })} WHERE is_closed = 1 AND ${closeIn} GROUP BY key`,
    bookings_by_owner: `SELECT coalesce(owner_id, '') AS key, sum(amount) AS value FROM ${deals} WHERE is_won = 1 AND ${closeIn} GROUP BY key ORDER BY value DESC`,
    // Each deal at both ends, classified by the rules of src/core/metrics/pipeline-movement.ts. The
    // end keeps every deal of the start, so a deal that left the window is found where it went.
    movement: `WITH s AS ${dealsAsOfSql(page.movementStart, scope, { ranges: [period] })},
      e AS ${dealsAsOfSql(asOf, scope, { ranges: [period], alsoIds: 'SELECT id FROM s' })},
      j AS (
        SELECT s.id IS NOT NULL AS s_exists, e.id IS NOT NULL AS e_exists,
               ${inPipeline('s')} AS s_in, ${inPipeline('e')} AS e_in,
               coalesce(s.amount, 0) AS s_amount, coalesce(e.amount, 0) AS e_amount,
               coalesce(s.is_closed = 1 OR s.forecast_category = 'omitted', FALSE) AS s_out_of_forecast,
               coalesce(s.is_closed = 1, FALSE) AS s_closed,
               coalesce(e.is_closed = 1, FALSE) AS e_closed, coalesce(e.is_won = 1, FALSE) AS e_won,
               coalesce(e.forecast_category = 'omitted', FALSE) AS e_omitted,
               coalesce(e.close_date BETWEEN ${date(window.from)} AND ${date(window.to)}, FALSE) AS e_close_in
          FROM s FULL OUTER JOIN e ON s.id = e.id
      ), k AS (
        SELECT *,
               NOT s_in AND NOT e_in AND e_exists AND e_closed AND e_close_in AND NOT s_closed AS passed,
               s_in AND NOT e_in AND e_exists AND e_closed AS closed_out
          FROM j
      )
      SELECT
        coalesce(sum(s_amount) FILTER (WHERE s_in), 0) AS starting,
        coalesce(sum(e_amount) FILTER (WHERE NOT s_in AND (e_in OR passed) AND NOT s_exists), 0) AS created,
        coalesce(sum(e_amount) FILTER (WHERE NOT s_in AND (e_in OR passed) AND s_exists AND NOT s_out_of_forecast), 0) AS pulledIn,
        coalesce(sum(e_amount) FILTER (WHERE NOT s_in AND (e_in OR passed) AND s_exists AND s_out_of_forecast), 0) AS restored,
        coalesce(sum(s_amount) FILTER (WHERE s_in AND NOT e_in AND e_exists AND NOT e_closed AND NOT e_omitted), 0) AS pushedOut,
        coalesce(sum(e_amount - s_amount) FILTER (WHERE (s_in AND e_in) OR closed_out), 0) AS amountChanged,
        coalesce(sum(e_amount) FILTER (WHERE (closed_out OR passed) AND e_won), 0) AS won,
        coalesce(sum(e_amount) FILTER (WHERE (closed_out OR passed) AND NOT e_won), 0) AS lost,
        coalesce(sum(s_amount) FILTER (WHERE s_in AND NOT e_in AND (NOT e_exists OR (NOT e_closed AND e_omitted))), 0) AS removed,
        coalesce(sum(e_amount) FILTER (WHERE e_in), 0) AS ending
      FROM k`,
  };
}

const numberOf = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** a / b half-up for non-negative integers (b > 0), as divideHalfUp. */
function divideHalfUp(a: number, b: number): number {
  return Number((2n * BigInt(a) + BigInt(b)) / (2n * BigInt(b)));
}

/** The summary's rows as the services' tiles name their figures. */
export function summaryFiguresOf(rows: readonly Record<string, unknown>[]): Map<string, number | null> {
  const figures = new Map<string, number | null>();
  for (const row of rows) {
    const p = String(row.period);
    const n = (column: string): number => numberOf(row[column]) ?? 0;
    const bookings = n('bookings');
    const won = n('won_count');
    const closed = n('closed_count');
    const lostAmount = n('lost_amount');
    figures.set(`${p}.bookings`, bookings);
    figures.set(`${p}.open_pipeline`, n('open_pipeline'));
    figures.set(`${p}.weighted_pipeline`, n('weighted_pipeline'));
    figures.set(`${p}.pipeline_created`, n('pipeline_created'));
    figures.set(`${p}.win_rate_count`, closed === 0 ? null : won / closed);
    figures.set(`${p}.win_rate_count.numerator`, won);
    figures.set(`${p}.win_rate_count.denominator`, closed);
    figures.set(`${p}.win_rate_value`, bookings + lostAmount === 0 ? null : bookings / (bookings + lostAmount));
    figures.set(`${p}.win_rate_value.numerator`, bookings);
    figures.set(`${p}.win_rate_value.denominator`, bookings + lostAmount);
    figures.set(`${p}.average_deal_size`, n('won_priced') === 0 ? null : divideHalfUp(bookings, n('won_priced')));
    figures.set(`${p}.average_deal_size.numerator`, bookings);
    figures.set(`${p}.average_deal_size.denominator`, n('won_priced'));
    figures.set(`${p}.sales_cycle_median_days`, numberOf(row.cycle_median));
  }
  return figures;
}

/** Rows of `key` and figure columns as `key.column` (or `key` alone for a `value` column). */
function keyedFigures(rows: readonly Record<string, unknown>[]): Map<string, number | null> {
  const figures = new Map<string, number | null>();
  for (const row of rows) {
    for (const [column, value] of Object.entries(row)) {
      if (column === 'key') continue;
      figures.set(column === 'value' ? String(row.key) : `${String(row.key)}.${column}`, numberOf(value));
    }
  }
  return figures;
}

export function figuresOf(id: DashboardQueryId, rows: readonly Record<string, unknown>[]): Map<string, number | null> {
  if (id === 'summary') return summaryFiguresOf(rows);
  if (id === 'movement') return new Map(Object.entries(rows[0] ?? {}).map(([k, v]) => [k, numberOf(v)]));
  return keyedFigures(rows);
}

/** The page's queries on DuckDB, each on `connection`. */
export function peerQueries(connections: readonly DuckDBConnection[], page: DashboardPage, scope: PeerScope): { id: DashboardQueryId; run: () => Promise<Figures> }[] {
  const sqlById = peerSql(page, scope);
  return DASHBOARD_QUERIES.map((id, index) => {
    // One connection per query, so a concurrent page load runs them side by side as the services' do.
    const connection = connections[index % connections.length];
    if (connection === undefined) throw new Error('The peer needs at least one DuckDB connection');
    return { id, run: async () => figuresOf(id, (await connection.runAndReadAll(sqlById[id])).getRowObjectsJS()) };
  });
}
