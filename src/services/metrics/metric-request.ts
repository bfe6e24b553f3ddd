import type { MetricsFilter } from '../../contracts/metrics.ts';
import { statesOfCensusRegion } from '../../core/geo/us-census-region.ts';
import { isCurrencyCode, type CurrencyCode } from '../../core/shared/currency.ts';
import { fiscalPeriodOf, type FiscalCalendarConfig } from '../../core/shared/fiscal-calendar.ts';
import { isPlainDate, minDate, type PlainDate } from '../../core/shared/plain-date.ts';
import type { Store } from '../../store/database.ts';
import type { MetricDealAttributes } from '../../store/metric-deal-query.ts';
import { subtreeOn } from '../../store/person-repository.ts';
import { getWorkspace, type Workspace } from '../../store/workspace-repository.ts';
import type { Actor } from '../access/actor.ts';
import { authorize, salesScopeOf } from '../access/authorize.ts';
import { todayUtc } from '../access/today.ts';
import { ServiceError } from '../service-error.ts';

/** An analytics request with its defaults filled in and the caller's scope applied. */
export interface MetricRequest {
  readonly workspace: Workspace;
  readonly fiscal: FiscalCalendarConfig;
  /** The reporting period, both days included. */
  readonly from: PlainDate;
  readonly to: PlainDate;
  /** The data is read as it stood at the end of this day (UTC). */
  readonly asOf: PlainDate;
  readonly today: PlainDate;
  /** Amounts are reported in this currency, converted at the rate in force on each deal's close date. */
  readonly currency: CurrencyCode;
  /**
   * Owners whose deals count, as owners on the as-of date: the caller's scope (today) cut to the
   * manager's subtree (as of the period's end, or the as-of date when earlier) and the owner
   * filter. Null for everyone.
   */
  readonly ownerIds: ReadonlySet<string> | null;
  readonly attributes: MetricDealAttributes;
}

/** The fiscal calendar the workspace is set to. */
export function fiscalConfigOf(workspace: Workspace): FiscalCalendarConfig {
  return { startMonth: workspace.fiscalYearStartMonth, pattern: workspace.fiscalPattern, yearNaming: workspace.fiscalYearNaming };
}

function dateArgument(value: string | undefined, name: string): PlainDate | undefined {
  if (value === undefined) return undefined;
  if (!isPlainDate(value)) throw new ServiceError('invalid_argument', `${name} "${value}" is not a real date (YYYY-MM-DD)`, { field: name });
  return value;
}

/** The account states a region and/or state filter allows (both: the state, if it lies in the region). */
function statesFilter(region: string | undefined, state: string | undefined): string[] | undefined {
  const inRegion = region === undefined ? undefined : statesOfCensusRegion(region);
  if (state === undefined) return inRegion;
  if (inRegion === undefined) return [state];
  return inRegion.includes(state) ? [state] : [];
}

function intersect(a: ReadonlySet<string> | null, b: ReadonlySet<string> | null): ReadonlySet<string> | null {
  if (a === null) return b;
  if (b === null) return a;
  return new Set([...a].filter((id) => b.has(id)));
}

/**
 * Checks the caller may read analytics and turns the filter into a request: the period defaults
 * to the fiscal quarter holding the as-of date, the as-of date to today, the currency to the
 * corporate one. Throws invalid_argument for impossible dates or an unknown currency.
 */
export async function resolveMetricRequest(store: Store, actor: Actor, filter: MetricsFilter, today: PlainDate = todayUtc()): Promise<MetricRequest> {
  await authorize(store, actor, 'pipeline.read');
  const workspace = await getWorkspace(store.db);
  if (workspace === null) throw new ServiceError('not_found', 'This database has no workspace yet: run "salesops init"');
  const fiscal = fiscalConfigOf(workspace);
  const asOf = dateArgument(filter.asOf, 'asOf') ?? today;
  const quarter = fiscalPeriodOf(fiscal, asOf, 'quarter');
  const from = dateArgument(filter.from, 'from') ?? quarter.start;
  const to = dateArgument(filter.to, 'to') ?? quarter.end;
  if (to < from) throw new ServiceError('invalid_argument', `The period cannot end (${to}) before it starts (${from})`, { field: 'to' });
  const currencyText = (filter.currency ?? workspace.corporateCurrency).toUpperCase();
  if (!isCurrencyCode(currencyText)) throw new ServiceError('invalid_argument', `"${filter.currency ?? ''}" is not a currency code`, { field: 'currency' });

  const scope = await salesScopeOf(store, actor, today);
  let ownerIds: ReadonlySet<string> | null = scope.kind === 'all' ? null : new Set(scope.personIds);
  if (filter.manager !== undefined) {
    const teamDate = minDate(to, asOf);
    const subtree = await subtreeOn(store.db, filter.manager, teamDate);
    ownerIds = intersect(ownerIds, new Set([filter.manager, ...subtree.map((m) => m.personId)]));
  }
  if (filter.ownerId !== undefined) ownerIds = intersect(ownerIds, new Set([filter.ownerId]));

  return {
    workspace,
    fiscal,
    from,
    to,
    asOf,
    today,
    currency: currencyText,
    ownerIds,
    attributes: {
      processId: filter.processId,
      segment: filter.segment,
      states: statesFilter(filter.region, filter.state),
      industry: filter.industry,
      type: filter.type,
      leadSource: filter.leadSource,
    },
  };
}
