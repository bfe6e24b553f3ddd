import { appendAuditEvent } from '../../store/audit-repository.ts';
import type { Store } from '../../store/database.ts';
import { inTransaction } from '../../store/in-transaction.ts';
import { deleteSession, findSessionByTokenHash, touchSession } from '../../store/session-repository.ts';
import { findUserById } from '../../store/user-repository.ts';
import type { Actor } from '../access/actor.ts';
import { hashSecretToken } from './secret-token.ts';
import { LAST_USE_RESOLUTION_MS, SESSION_IDLE_MS } from './session-lifetime.ts';

/**
 * The caller behind a session cookie, or null when the token is unknown, past its absolute end,
 * idle for longer than the idle limit, or its user has been deactivated. The role and person are
 * read from the user as they are now, so a change of role takes effect on the next request.
 * The last use is written at most once a minute (bookkeeping, not audited).
 */
export async function resolveSession(store: Store, sessionToken: string, now: Date = new Date()): Promise<{ actor: Actor; csrfToken: string } | null> {
  if (sessionToken === '') return null;
  const session = await findSessionByTokenHash(store.db, hashSecretToken(sessionToken));
  if (session === null) return null;
  const nowMs = now.getTime();
  if (Date.parse(session.expiresAt) <= nowMs) return null;
  const lastSeenMs = Date.parse(session.lastSeenAt);
  if (nowMs - lastSeenMs >= SESSION_IDLE_MS) return null;
  const user = await findUserById(store.db, session.userId);
  if (user === null || !user.active) return null;
  if (nowMs - lastSeenMs >= LAST_USE_RESOLUTION_MS) await touchSession(store.db, session.tokenHash, now.toISOString());
  return {
    actor: { userId: user.id, role: user.role, personId: user.personId, displayName: user.displayName, via: 'session' },
    csrfToken: session.csrfToken,
  };
}

/** Ends the session: its row is deleted, so the token opens nothing again. An unknown token changes nothing. */
export async function signOut(store: Store, sessionToken: string): Promise<void> {
  const tokenHash = hashSecretToken(sessionToken);
  await inTransaction(store.db, async (trx) => {
    const session = await findSessionByTokenHash(trx, tokenHash);
    if (session === null) return;
    await deleteSession(trx, tokenHash);
    await appendAuditEvent(trx, { actor: session.userId, action: 'sign_out', objectType: 'user', objectId: session.userId, before: null, after: null });
  });
}
