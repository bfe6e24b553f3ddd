import { endOfDay, stateAsOf, type FieldChange } from '../core/pipeline/opportunity-history.ts';
import { DomainError } from '../core/shared/domain-error.ts';
import type { PlainDate } from '../core/shared/plain-date.ts';
import type { Kysely } from 'kysely';
import { listOpportunityChanges } from '../store/opportunity-history-repository.ts';
import { listOpportunities, opportunityState, type Opportunity } from '../store/opportunity-repository.ts';
import type { Database } from '../store/schema.ts';
import { listAllStages, type Stage } from '../store/sales-process-repository.ts';
import type { NamedSnapshotRow } from '../store/snapshot-repository.ts';

/**
 * One opportunity as it stood at the end of a day: the row of a weekly snapshot, so a stored
 * snapshot can stand in for a rebuilt pipeline and a rebuilt one can be stored as a snapshot.
 */
export type PipelineRow = NamedSnapshotRow;

export interface PipelineFilter {
  /** Owners as of the date asked about (not today's); an empty list matches nothing. */
  readonly ownerIds?: readonly string[];
  /** Only opportunities open as of that date. */
  readonly openOnly?: boolean;
}

/** Opportunities with their field histories, loaded once and asked about any number of dates. */
export interface PipelineHistory {
  /** The pipeline at the end of `date`, in opportunity id order. */
  rowsAsOf(date: PlainDate, filter?: PipelineFilter): PipelineRow[];
}

interface Timeline {
  readonly opportunity: Opportunity;
  readonly createdAt: string;
  readonly changes: readonly FieldChange[];
  readonly hasCategoryHistory: boolean;
}

const PAGE_SIZE = 2_000;

/**
 * Loads every opportunity created on or before `upTo` with its history, a page of opportunities
 * and their changes at a time, so memory holds plain rows and no statement exceeds a bind limit.
 */
export async function loadPipelineHistory(db: Kysely<Database>, upTo: PlainDate): Promise<PipelineHistory> {
  const stages = new Map<string, Stage>((await listAllStages(db)).map((s) => [s.id, s]));
  const timelines: Timeline[] = [];
  let afterId: string | null = null;
  do {
    const page = await listOpportunities(db, { createdOnOrBefore: upTo }, { afterId, limit: PAGE_SIZE });
    const changes = await listOpportunityChanges(db, page.items.map((o) => o.id));
    const byOpportunity = new Map<string, FieldChange[]>();
    for (const change of changes) {
      const list = byOpportunity.get(change.opportunityId);
      if (list === undefined) byOpportunity.set(change.opportunityId, [change]);
      else list.push(change);
    }
    for (const opportunity of page.items) {
      const own = byOpportunity.get(opportunity.id) ?? [];
      timelines.push({
        opportunity,
        // The CRM's creation date: the opportunity exists from the start of that day.
        createdAt: `${opportunity.createdDate}T00:00:00.000Z`,
        changes: own,
        hasCategoryHistory: own.some((c) => c.field === 'forecast_category'),
      });
    }
    afterId = page.nextAfterId;
  } while (afterId !== null);

  return {
    rowsAsOf(date, filter = {}) {
      const owners = filter.ownerIds === undefined ? null : new Set(filter.ownerIds);
      const at = endOfDay(date);
      const rows: PipelineRow[] = [];
      for (const { opportunity, createdAt, changes, hasCategoryHistory } of timelines) {
        const state = stateAsOf(opportunityState(opportunity), createdAt, changes, at);
        if (state === null) continue;
        const stage = stages.get(state.stageId);
        if (stage === undefined) {
          throw new DomainError('invalid_stage', `Opportunity ${opportunity.id} was in stage ${state.stageId} on ${date}, which does not exist`, { opportunityId: opportunity.id, stageId: state.stageId });
        }
        // Without a recorded category change and without an override, the category followed the stage.
        const forecastCategory = hasCategoryHistory || opportunity.forecastCategoryOverride ? state.forecastCategory : stage.forecastCategory;
        if (owners !== null && (state.ownerId === null || !owners.has(state.ownerId))) continue;
        if (filter.openOnly === true && stage.isClosed) continue;
        rows.push({
          opportunityId: opportunity.id,
          name: opportunity.name,
          ownerId: state.ownerId,
          stageId: state.stageId,
          amountMinor: state.amountMinor,
          currency: opportunity.currency,
          closeDate: state.closeDate,
          forecastCategory,
          isClosed: stage.isClosed,
          isWon: stage.isWon,
        });
      }
      return rows;
    },
  };
}
