import type { OpportunityDetail, UpdateOpportunityBody } from '../../contracts/pipeline.ts';
import type { DataScope } from '../../core/access/data-scope.ts';
import { scopeIncludes } from '../../core/access/data-scope.ts';
import { hasPermission } from '../../core/access/permission.ts';
import { effectiveForecastCategory } from '../../core/pipeline/opportunity-rules.ts';
import type { ForecastCategory } from '../../core/pipeline/forecast-category.ts';
import { isPlainDate } from '../../core/shared/plain-date.ts';
import { appendAuditEvent } from '../../store/audit-repository.ts';
import type { Store } from '../../store/database.ts';
import { findOpportunityRow } from '../../store/opportunity-query.ts';
import { findOpportunityById, updateOpportunity, type Opportunity, type OpportunityPatch } from '../../store/opportunity-repository.ts';
import { findPersonById } from '../../store/person-repository.ts';
import { getSalesProcess, type Stage } from '../../store/sales-process-repository.ts';
import type { Actor } from '../access/actor.ts';
import { authorize, recordDenied, requireInScope, salesScopeOf } from '../access/authorize.ts';
import { ServiceError } from '../service-error.ts';
import { opportunityDetailOf } from './get-opportunity.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The fields an edit can change, directly or through the stage; the audit event records those that did. */
const AUDITED_FIELDS = [
  'stageId', 'amountMinor', 'closeDate', 'nextStep', 'forecastCategory', 'forecastCategoryOverride', 'ownerId', 'probabilityBps', 'isClosed', 'isWon',
] as const satisfies readonly (keyof Opportunity)[];

/**
 * A new owner needs the reassign permission, and must be someone the caller reaches: a manager
 * moves deals only within their subtree. Both refusals are audited and name the field.
 */
async function checkReassignment(store: Store, actor: Actor, scope: DataScope, opportunityId: string, ownerId: string): Promise<void> {
  if (!hasPermission(actor.role, 'pipeline.reassign')) {
    await recordDenied(store, actor, 'pipeline.reassign', 'opportunity', opportunityId);
    throw new ServiceError('forbidden', `Your role (${actor.role}) may not change an opportunity's owner (ownerId)`, { field: 'ownerId', permission: 'pipeline.reassign' });
  }
  if (!scopeIncludes(scope, ownerId)) {
    await recordDenied(store, actor, 'pipeline.reassign outside scope', 'opportunity', opportunityId);
    throw new ServiceError('forbidden', 'You may reassign an opportunity (ownerId) only to people in your reporting line', { field: 'ownerId', ownerId });
  }
  if ((await findPersonById(store.db, ownerId)) === null) {
    throw new ServiceError('invalid_argument', `No person ${ownerId} to own the opportunity`, { field: 'ownerId', ownerId });
  }
}

/**
 * The category after the edit. An explicit category becomes the rep's override; without one, an
 * override already set survives a stage change and otherwise the new stage's default applies.
 * Closed belongs to closed stages alone, so asking for it on an open stage (or for anything else
 * on a closed one) is refused rather than silently ignored.
 */
function categoryAfter(current: Opportunity, stage: Stage, requested: ForecastCategory | undefined): { forecastCategory: ForecastCategory; forecastCategoryOverride: boolean } {
  if (requested !== undefined && (requested === 'closed') !== (stage.forecastCategory === 'closed')) {
    throw new ServiceError(
      'invalid_argument',
      stage.isClosed ? `A deal in the closed stage ${stage.name} stays in the Closed category` : `Only a closed stage puts a deal in the Closed category; ${stage.name} is open`,
      { field: 'forecastCategory' },
    );
  }
  const override = requested ?? (current.forecastCategoryOverride ? current.forecastCategory : null);
  const forecastCategory = effectiveForecastCategory(stage, override);
  return { forecastCategory, forecastCategoryOverride: override !== null && forecastCategory === override && override !== stage.forecastCategory };
}

async function patchOf(store: Store, current: Opportunity, body: UpdateOpportunityBody): Promise<OpportunityPatch> {
  const process = await getSalesProcess(store.db, current.processId);
  if (process === null) throw new ServiceError('not_found', `No sales process ${current.processId}`, { id: current.processId });
  const patch: Mutable<OpportunityPatch> = {};
  let stage = process.stages.find((s) => s.id === current.stageId);
  if (body.stageId !== undefined) {
    stage = process.stages.find((s) => s.id === body.stageId);
    if (stage === undefined) {
      throw new ServiceError('invalid_argument', `Stage ${body.stageId} is not a stage of the ${process.name} process`, { field: 'stageId', processId: process.id });
    }
    Object.assign(patch, { stageId: stage.id, isClosed: stage.isClosed, isWon: stage.isWon, probabilityBps: stage.probabilityBps });
  }
  if (body.stageId !== undefined || body.forecastCategory !== undefined) {
    if (stage === undefined) throw new ServiceError('invalid_argument', `The opportunity's stage ${current.stageId} is not in its process`, { field: 'stageId' });
    Object.assign(patch, categoryAfter(current, stage, body.forecastCategory));
  }
  if (body.amountMinor !== undefined) patch.amountMinor = body.amountMinor;
  if (body.closeDate !== undefined) {
    if (!isPlainDate(body.closeDate)) throw new ServiceError('invalid_argument', `closeDate "${body.closeDate}" is not a real date`, { field: 'closeDate' });
    patch.closeDate = body.closeDate;
  }
  if (body.nextStep !== undefined) patch.nextStep = body.nextStep;
  if (body.ownerId !== undefined) patch.ownerId = body.ownerId;
  return patch;
}

function pick(o: Opportunity, fields: readonly (typeof AUDITED_FIELDS)[number][]): Record<string, unknown> {
  return Object.fromEntries(fields.map((f) => [f, o[f]]));
}

/**
 * Changes an opportunity's working fields. The record must be in the caller's scope (not_found
 * otherwise, as if missing); `ownerId` needs the reassign permission and a new owner in scope;
 * `stageId` must be a stage of the opportunity's process, and moving stage sets closed/won, the
 * stage's probability and, unless the category is overridden, its category. The change, its
 * history rows (one per tracked field that changed) and one 'update' audit event holding the
 * changed fields before and after are written in one transaction. A body that changes nothing
 * writes nothing.
 */
export async function updateOpportunityFields(store: Store, actor: Actor, id: string, body: UpdateOpportunityBody): Promise<OpportunityDetail> {
  await authorize(store, actor, 'pipeline.edit', { type: 'opportunity', id });
  const scope = await salesScopeOf(store, actor);
  const current = await findOpportunityById(store.db, id);
  if (current === null) throw new ServiceError('not_found', `No opportunity ${id}`, { id });
  await requireInScope(store, actor, scope, { type: 'opportunity', id, ownerId: current.ownerId });
  // Sending the owner it already has moves nothing, so it needs no reassign permission.
  if (body.ownerId !== undefined && body.ownerId !== current.ownerId) await checkReassignment(store, actor, scope, id, body.ownerId);
  const patch = await patchOf(store, current, body);
  const now = new Date().toISOString();
  await store.db.transaction().execute(async (trx) => {
    const before = await findOpportunityById(trx, id);
    if (before === null) throw new ServiceError('not_found', `No opportunity ${id}`, { id });
    const changed = AUDITED_FIELDS.filter((f) => patch[f] !== undefined && patch[f] !== before[f]);
    if (changed.length === 0) return;
    const after = await updateOpportunity(trx, id, patch, { historyAt: now }, now);
    await appendAuditEvent(trx, { actor: actor.userId, action: 'update', objectType: 'opportunity', objectId: id, before: pick(before, changed), after: pick(after, changed) }, now);
  });
  const row = await findOpportunityRow(store.db, id);
  if (row === null) throw new ServiceError('not_found', `No opportunity ${id}`, { id });
  return opportunityDetailOf(store, row);
}
