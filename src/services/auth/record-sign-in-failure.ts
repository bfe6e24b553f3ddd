import type { Kysely } from 'kysely';
import { appendAuditEvent } from '../../store/audit-repository.ts';
import type { Store } from '../../store/database.ts';
import type { Database } from '../../store/schema.ts';

/** A failed sign-in has no known actor: the user it names may not be the one trying. */
export const ANONYMOUS_ACTOR = 'anonymous';

export interface SignInFailure {
  /** The email tried (lower-cased by the caller when it came from a form), or null when none was learnt. */
  readonly email: string | null;
  readonly remoteAddress: string | null;
  /** Why it failed, e.g. 'wrong_password', 'throttled', 'sso_unknown_user'. Kept in the audit log only, never shown to the caller. */
  readonly reason: string;
  /** The user the attempt named, when one has the email. */
  readonly userId?: string | null;
  /** How the attempt was made, when not by password ('oidc'). */
  readonly via?: string;
}

/** Appends the 'sign_in_failed' event to the audit log inside the caller's transaction. */
export async function appendSignInFailure(db: Kysely<Database>, failure: SignInFailure, at: string): Promise<void> {
  await appendAuditEvent(
    db,
    {
      actor: ANONYMOUS_ACTOR,
      action: 'sign_in_failed',
      objectType: 'user',
      objectId: failure.userId ?? null,
      before: null,
      after: { email: failure.email, remoteAddress: failure.remoteAddress, reason: failure.reason, ...(failure.via === undefined ? {} : { via: failure.via }) },
    },
    at,
  );
}

/**
 * Records a failed sign-in that never reached a password check (single sign-on that failed or
 * matched no user) in the audit log. It does not count towards password throttling: no password
 * was tried.
 */
export async function recordSignInFailure(store: Store, failure: SignInFailure, now: Date = new Date()): Promise<void> {
  await appendSignInFailure(store.db, failure, now.toISOString());
}
