import type { OpportunityDetail, StageHistoryEntry } from '../../contracts/pipeline.ts';
import { FORECAST_CATEGORY_LABELS, isForecastCategory } from '../../core/pipeline/forecast-category.ts';
import { isCurrencyCode } from '../../core/shared/currency.ts';
import { formatMoney, money } from '../../core/shared/money.ts';
import type { Store } from '../../store/database.ts';
import { listOpportunityChanges, type OpportunityChange } from '../../store/opportunity-history-repository.ts';
import { findOpportunityRow, type OpportunityRow } from '../../store/opportunity-query.ts';
import { findOpportunityById } from '../../store/opportunity-repository.ts';
import { findPersonById } from '../../store/person-repository.ts';
import { getSalesProcess, listAllStages } from '../../store/sales-process-repository.ts';
import type { Actor } from '../access/actor.ts';
import { authorize, requireInScope, salesScopeOf } from '../access/authorize.ts';
import { ServiceError } from '../service-error.ts';
import { toOpportunityListItem } from './list-opportunities.ts';

interface Labels {
  readonly stages: ReadonlyMap<string, string>;
  readonly people: ReadonlyMap<string, string>;
  readonly currency: string;
}

/** A stored history value as a reader knows it: a stage or owner by name, an amount as a decimal with its currency. */
function labelOf(change: OpportunityChange, value: string | null, labels: Labels): string | null {
  if (value === null) return null;
  switch (change.field) {
    case 'stage':
      return labels.stages.get(value) ?? value;
    case 'owner':
      return labels.people.get(value) ?? value;
    case 'amount':
      // History keeps minor units of the opportunity's currency.
      return /^-?\d+$/.test(value) && Number.isSafeInteger(Number(value)) && isCurrencyCode(labels.currency)
        ? `${formatMoney(money(Number(value), labels.currency))} ${labels.currency}`
        : value;
    case 'forecast_category':
      return isForecastCategory(value) ? FORECAST_CATEGORY_LABELS[value] : value;
    case 'close_date':
      return value;
  }
}

async function historyOf(store: Store, row: OpportunityRow, knownStages: readonly { id: string; name: string }[]): Promise<StageHistoryEntry[]> {
  const changes = await listOpportunityChanges(store.db, row.id);
  const stageIds = new Set(changes.filter((c) => c.field === 'stage').flatMap((c) => [c.oldValue, c.newValue]).filter((id) => id !== null));
  // The opportunity's own process names its stages; every stage is read only when the history
  // holds one from another process (the deal moved between processes).
  const stageNames = new Map(knownStages.map((s) => [s.id, s.name]));
  if ([...stageIds].some((id) => !stageNames.has(id))) for (const s of await listAllStages(store.db)) stageNames.set(s.id, s.name);
  const personIds = [...new Set(changes.filter((c) => c.field === 'owner').flatMap((c) => [c.oldValue, c.newValue]))].filter((id) => id !== null);
  const found = await Promise.all(personIds.map((id) => findPersonById(store.db, id)));
  const people = new Map(found.flatMap((person) => (person === null ? [] : [[person.id, person.name] as const])));
  const labels: Labels = { stages: stageNames, people, currency: row.currency };
  return changes.map((c) => ({
    changedAt: c.changedAt,
    field: c.field,
    oldValue: c.oldValue,
    newValue: c.newValue,
    oldLabel: labelOf(c, c.oldValue, labels),
    newLabel: labelOf(c, c.newValue, labels),
  }));
}

/** The detail of an opportunity already authorised and in scope: its fields, process, stages and history in time order. */
export async function opportunityDetailOf(store: Store, row: OpportunityRow): Promise<OpportunityDetail> {
  const [opportunity, process] = await Promise.all([findOpportunityById(store.db, row.id), getSalesProcess(store.db, row.processId)]);
  if (opportunity === null || process === null) throw new ServiceError('not_found', `No opportunity ${row.id}`, { id: row.id });
  return {
    ...toOpportunityListItem(row),
    process: { id: process.id, name: process.name },
    type: opportunity.type,
    leadSource: opportunity.leadSource,
    nextStep: opportunity.nextStep,
    forecastCategoryOverride: opportunity.forecastCategoryOverride,
    history: await historyOf(store, row, process.stages),
    stages: process.stages.map((s) => ({ id: s.id, name: s.name, isClosed: s.isClosed, isWon: s.isWon })),
  };
}

/**
 * One opportunity with its field history and its process's stages. A record outside the
 * caller's scope answers not_found exactly as a missing one does (and the attempt is audited).
 */
export async function getOpportunityDetail(store: Store, actor: Actor, id: string): Promise<OpportunityDetail> {
  await authorize(store, actor, 'pipeline.read');
  const [scope, row] = await Promise.all([salesScopeOf(store, actor), findOpportunityRow(store.db, id)]);
  if (row === null) throw new ServiceError('not_found', `No opportunity ${id}`, { id });
  await requireInScope(store, actor, scope, { type: 'opportunity', id, ownerId: row.ownerId });
  return opportunityDetailOf(store, row);
}
