import type { Kysely, Selectable } from 'kysely';
import { newId } from './new-id.ts';
import type { Database, SignInAttemptTable } from './schema.ts';

export interface SignInAttempt {
  readonly id: string;
  /** Lower-cased and trimmed, whether or not a user has it. */
  readonly email: string;
  readonly remoteAddress: string;
  readonly occurredAt: string;
  readonly succeeded: boolean;
}

export interface NewSignInAttempt {
  readonly email: string;
  readonly remoteAddress: string;
  readonly succeeded: boolean;
}

/** Whose attempts to count: those for one email, or those from one address. */
export type SignInAttemptKey = { readonly email: string } | { readonly remoteAddress: string };

function toAttempt(row: Selectable<SignInAttemptTable>): SignInAttempt {
  return { id: row.id, email: row.email, remoteAddress: row.remote_address, occurredAt: row.occurred_at, succeeded: row.succeeded === 1 };
}

export async function recordSignInAttempt(db: Kysely<Database>, attempt: NewSignInAttempt, now: string = new Date().toISOString()): Promise<SignInAttempt> {
  const row: Selectable<SignInAttemptTable> = {
    id: newId('signInAttempt'),
    email: attempt.email.trim().toLowerCase(),
    remote_address: attempt.remoteAddress,
    occurred_at: now,
    succeeded: attempt.succeeded ? 1 : 0,
  };
  await db.insertInto('sign_in_attempt').values(row).execute();
  return toAttempt(row);
}

/**
 * The instants (ISO UTC) of the failed attempts for the key at or after `since`, newest first, at
 * most `limit` of them: enough to tell whether a threshold is reached and when the attempt that
 * reached it ages out, without reading every row an attack wrote.
 */
export async function recentFailedSignIns(db: Kysely<Database>, key: SignInAttemptKey, since: string, limit: number): Promise<string[]> {
  let query = db.selectFrom('sign_in_attempt').select('occurred_at').where('succeeded', '=', 0).where('occurred_at', '>=', since);
  query = 'email' in key ? query.where('email', '=', key.email.trim().toLowerCase()) : query.where('remote_address', '=', key.remoteAddress);
  const rows = await query.orderBy('occurred_at', 'desc').limit(limit).execute();
  return rows.map((r) => r.occurred_at);
}

/** Every attempt, oldest first (for tests and support). */
export async function listSignInAttempts(db: Kysely<Database>): Promise<SignInAttempt[]> {
  const rows = await db.selectFrom('sign_in_attempt').selectAll().orderBy('occurred_at').orderBy('id').execute();
  return rows.map(toAttempt);
}

/** Deletes the attempts that happened before `before`; returns how many went. */
export async function deleteSignInAttemptsBefore(db: Kysely<Database>, before: string): Promise<number> {
  const result = await db.deleteFrom('sign_in_attempt').where('occurred_at', '<', before).executeTakeFirst();
  return Number(result.numDeletedRows);
}
