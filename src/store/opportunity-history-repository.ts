import type { Kysely } from 'kysely';
import { canonicalInstant, type FieldChange } from '../core/pipeline/opportunity-history.ts';
import { isTrackedField, type TrackedField } from '../core/pipeline/tracked-field.ts';
import { chunkIds, chunkRows } from './chunk-rows.ts';
import { inTransaction } from './in-transaction.ts';
import { newId } from './new-id.ts';
import type { Database } from './schema.ts';
import { StoreError } from './store-error.ts';

export interface NewOpportunityChange {
  readonly opportunityId: string;
  /** ISO timestamp; stored in UTC `toISOString` form so instants compare as text. */
  readonly changedAt: string;
  readonly field: TrackedField;
  readonly oldValue: string | null;
  readonly newValue: string | null;
  readonly externalId?: string | null;
}

export interface OpportunityChange extends FieldChange {
  readonly id: string;
  readonly externalId: string | null;
  readonly opportunityId: string;
}

/**
 * Records field changes in batches. A change of the same field of the same opportunity at the
 * same instant is already known and is skipped, so re-importing a history is a no-op. Returns
 * how many rows were new.
 */
export async function insertOpportunityChanges(db: Kysely<Database>, changes: readonly NewOpportunityChange[]): Promise<number> {
  if (changes.length === 0) return 0;
  const rows = changes.map((c) => {
    if (!isTrackedField(c.field)) throw new StoreError('constraint_violation', `"${String(c.field)}" is not a tracked field`);
    return {
      id: newId('history'),
      external_id: c.externalId ?? null,
      opportunity_id: c.opportunityId,
      changed_at: canonicalInstant(c.changedAt),
      field: c.field,
      old_value: c.oldValue,
      new_value: c.newValue,
    };
  });
  return inTransaction(db, async (trx) => {
    let inserted = 0;
    for (const chunk of chunkRows(rows, 7)) {
      const result = await trx
        .insertInto('opportunity_history')
        .values(chunk)
        .onConflict((oc) => oc.columns(['opportunity_id', 'field', 'changed_at']).doNothing())
        .executeTakeFirst();
      inserted += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    return inserted;
  });
}

/** The changes of one or many opportunities, by opportunity then instant (ties by field, then id). */
export async function listOpportunityChanges(db: Kysely<Database>, opportunityIds: string | readonly string[]): Promise<OpportunityChange[]> {
  const ids = typeof opportunityIds === 'string' ? [opportunityIds] : [...new Set(opportunityIds)].sort();
  const changes: OpportunityChange[] = [];
  for (const chunk of chunkIds(ids)) {
    const rows = await db
      .selectFrom('opportunity_history')
      .selectAll()
      .where('opportunity_id', 'in', chunk)
      .orderBy('opportunity_id')
      .orderBy('changed_at')
      .orderBy('field')
      .orderBy('id')
      .execute();
    for (const r of rows) {
      if (!isTrackedField(r.field)) continue;
      changes.push({ id: r.id, externalId: r.external_id, opportunityId: r.opportunity_id, changedAt: r.changed_at, field: r.field, oldValue: r.old_value, newValue: r.new_value });
    }
  }
  return changes;
}
