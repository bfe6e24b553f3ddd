import type { AccountRef, ImportEntity, OpportunityRef, ParsedRow, PersonRef, ProductRef } from '../records.ts';

/**
 * Writes one entity's rows inside the file's transaction. `writeBatch` receives the rows that
 * parsed, a batch at a time and in file order; `finish` runs the checks that need the whole file
 * (managers named later in the file, split totals, history ordering).
 */
export interface EntityWriter<E extends ImportEntity> {
  writeBatch(rows: readonly ParsedRow<E>[]): Promise<void>;
  finish(): Promise<void>;
}

/** A reference as the file wrote it, for the value column of an error. */
export function refText(ref: PersonRef | AccountRef | OpportunityRef | ProductRef): string {
  if ('externalId' in ref) return ref.externalId;
  if ('email' in ref) return ref.email;
  return ref.name;
}

/** Booleans are stored as integers on both engines. */
export function flag(value: boolean): number {
  return value ? 1 : 0;
}
