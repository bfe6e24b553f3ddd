import { isCurrencyCode, type CurrencyCode } from '../../core/shared/currency.ts';
import type { OpportunityRef } from '../records.ts';
import type { ImportContext } from './import-context.ts';
import { nameKey } from './reference-directory.ts';

/** What writers of child rows (history, line items, splits) need of the opportunity a row points at. */
export interface OpportunityTarget {
  readonly id: string;
  readonly name: string;
  readonly accountId: string | null;
  readonly processId: string;
  readonly currency: CurrencyCode;
}

export type OpportunityResolution = { readonly target: OpportunityTarget } | { readonly error: string };

interface TargetRow {
  readonly id: string;
  readonly external_id: string | null;
  readonly name: string;
  readonly account_id: string | null;
  readonly process_id: string;
  readonly currency: string;
}

const COLUMNS = ['id', 'external_id', 'name', 'account_id', 'process_id', 'currency'];

function toTarget(row: TargetRow): OpportunityTarget {
  if (!isCurrencyCode(row.currency)) throw new Error(`Opportunity ${row.id} has the unknown currency ${row.currency}`);
  return { id: row.id, name: row.name, accountId: row.account_id, processId: row.process_id, currency: row.currency };
}

export function refKey(ref: OpportunityRef): string {
  return 'externalId' in ref ? `x:${ref.externalId}` : `n:${nameKey(ref.name)}`;
}

/**
 * Finds opportunities by external id (one query per batch of rows, nothing kept between batches,
 * so memory stays flat on a million-row file) or by name. Names are for report exports without
 * ids: the first lookup by name loads every opportunity's name once for the file, as the schema
 * has no index on names.
 */
export class OpportunityLocator {
  private byName: Map<string, OpportunityTarget[]> | null = null;

  /** Resolves the batch's references, keyed by `refKey`. */
  async resolveAll(ctx: ImportContext, refs: readonly OpportunityRef[]): Promise<Map<string, OpportunityResolution>> {
    const resolved = new Map<string, OpportunityResolution>();
    const externalIds = [...new Set(refs.flatMap((r) => ('externalId' in r ? [r.externalId] : [])))];
    if (externalIds.length > 0) {
      const rows = await ctx.tx.selectIn<TargetRow>('opportunity', COLUMNS, 'external_id', externalIds);
      for (const row of rows) if (row.external_id !== null) resolved.set(`x:${row.external_id}`, { target: toTarget(row) });
      for (const id of externalIds) {
        if (!resolved.has(`x:${id}`)) resolved.set(`x:${id}`, { error: `No opportunity has the id "${id}"` });
      }
    }
    for (const ref of refs) {
      if ('name' in ref && !resolved.has(refKey(ref))) {
        const matches = (await this.nameIndex(ctx)).get(nameKey(ref.name)) ?? [];
        const only = matches[0];
        resolved.set(
          refKey(ref),
          matches.length === 1 && only !== undefined
            ? { target: only }
            : { error: matches.length === 0 ? `No opportunity is named "${ref.name}"` : `${matches.length} opportunities are named "${ref.name}"; use ids` },
        );
      }
    }
    return resolved;
  }

  /** Opportunities named `name` at the account (report exports match a row to a stored deal this way). */
  async withNameAt(ctx: ImportContext, name: string, accountId: string | null): Promise<OpportunityTarget[]> {
    return ((await this.nameIndex(ctx)).get(nameKey(name)) ?? []).filter((t) => t.accountId === accountId);
  }

  /** Whether names are being looked up, so `add` has something to keep up to date. */
  tracksNames(): boolean {
    return this.byName !== null;
  }

  /** Registers an opportunity this file created or renamed, if names are being looked up. */
  add(target: OpportunityTarget, previousName: string | null): void {
    if (this.byName === null) return;
    if (previousName !== null) {
      const list = this.byName.get(nameKey(previousName))?.filter((t) => t.id !== target.id);
      if (list !== undefined) this.byName.set(nameKey(previousName), list);
    }
    const list = (this.byName.get(nameKey(target.name)) ?? []).filter((t) => t.id !== target.id);
    this.byName.set(nameKey(target.name), [...list, target]);
  }

  private async nameIndex(ctx: ImportContext): Promise<Map<string, OpportunityTarget[]>> {
    if (this.byName === null) {
      const index = new Map<string, OpportunityTarget[]>();
      const rows = await ctx.tx.all<TargetRow>(`SELECT ${COLUMNS.join(', ')} FROM opportunity`);
      for (const row of rows) {
        const target = toTarget(row);
        const list = index.get(nameKey(target.name));
        if (list === undefined) index.set(nameKey(target.name), [target]);
        else list.push(target);
      }
      this.byName = index;
    }
    return this.byName;
  }
}
