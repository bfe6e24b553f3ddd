import type { Kysely } from 'kysely';
import { appendAuditEvent } from '../../store/audit-repository.ts';
import type { Store } from '../../store/database.ts';
import { inTransaction } from '../../store/in-transaction.ts';
import type { Database } from '../../store/schema.ts';
import { deleteEndedSessions, insertSession } from '../../store/session-repository.ts';
import { deleteSignInAttemptsBefore, recentFailedSignIns, recordSignInAttempt } from '../../store/sign-in-attempt-repository.ts';
import { findUserByEmail, findUserById, normaliseEmail, type UserRecord } from '../../store/user-repository.ts';
import type { Actor } from '../access/actor.ts';
import { ServiceError } from '../service-error.ts';
import { verifyAgainstDummy, verifyPassword } from './password-hash.ts';
import { appendSignInFailure } from './record-sign-in-failure.ts';
import { hashSecretToken, newSecretToken } from './secret-token.ts';
import { plusMs, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './session-lifetime.ts';

/** What a successful sign-in hands the caller: the cookie's token (shown only now) and its CSRF token. */
export interface SignedIn {
  readonly sessionToken: string;
  readonly csrfToken: string;
  /** The session's absolute end (ISO UTC); it ends sooner when left idle for 12 hours. */
  readonly expiresAt: string;
  readonly actor: Actor;
}

export interface PasswordSignIn {
  readonly email: string;
  readonly password: string;
  readonly remoteAddress: string;
  readonly userAgent?: string;
}

/** Failed attempts in the window that stop further attempts for one email (a guesser aiming at one account). */
export const MAX_FAILED_SIGN_INS_PER_EMAIL = 5;
/** Failed attempts in the window that stop further attempts from one address (a guesser trying many emails). */
export const MAX_FAILED_SIGN_INS_PER_ADDRESS = 20;
export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Attempts are only needed for the window; a day's worth is kept for support, the audit log keeps the rest. */
const ATTEMPT_RETENTION_MS = 24 * 60 * 60 * 1000;

const WRONG_CREDENTIALS = 'Email or password is wrong';

type FailureReason = 'unknown_email' | 'wrong_password' | 'inactive' | 'no_password' | 'throttled';

/**
 * Seconds until another attempt is allowed, or null when it is allowed now. Every attempt refused
 * here is itself recorded as a failure, so a client that keeps hammering stays refused while one
 * that waits the given time gets through.
 */
async function throttleWait(db: Kysely<Database>, email: string, remoteAddress: string, now: Date): Promise<number | null> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS).toISOString();
  const limits = [
    { failures: await recentFailedSignIns(db, { email }, since, MAX_FAILED_SIGN_INS_PER_EMAIL), max: MAX_FAILED_SIGN_INS_PER_EMAIL },
    { failures: await recentFailedSignIns(db, { remoteAddress }, since, MAX_FAILED_SIGN_INS_PER_ADDRESS), max: MAX_FAILED_SIGN_INS_PER_ADDRESS },
  ];
  let waitMs: number | null = null;
  for (const { failures, max } of limits) {
    // Newest first: once the max-th newest failure leaves the window, fewer than max remain in it.
    const limiting = failures.length >= max ? failures[max - 1] : undefined;
    if (limiting === undefined) continue;
    const wait = Date.parse(limiting) + SIGN_IN_WINDOW_MS - now.getTime();
    waitMs = Math.max(waitMs ?? 0, wait);
  }
  return waitMs === null ? null : Math.max(1, Math.ceil(waitMs / 1000));
}

async function recordFailure(store: Store, failure: { email: string; remoteAddress: string; userId: string | null; reason: FailureReason }, now: Date): Promise<void> {
  const at = now.toISOString();
  await inTransaction(store.db, async (trx) => {
    await recordSignInAttempt(trx, { email: failure.email, remoteAddress: failure.remoteAddress, succeeded: false }, at);
    await appendSignInFailure(trx, failure, at);
  });
}

function actorOf(user: UserRecord, via: Actor['via']): Actor {
  return { userId: user.id, role: user.role, personId: user.personId, displayName: user.displayName, via };
}

/** Writes a new session for the user (and clears ended ones); the caller audits it in the same transaction. */
async function openSession(trx: Kysely<Database>, user: UserRecord, via: 'session' | 'oidc', now: Date): Promise<SignedIn> {
  const at = now.toISOString();
  await deleteEndedSessions(trx, { now: at, idleSince: new Date(now.getTime() - SESSION_IDLE_MS).toISOString() });
  const sessionToken = newSecretToken();
  const csrfToken = newSecretToken();
  const expiresAt = plusMs(now, SESSION_ABSOLUTE_MS).toISOString();
  await insertSession(trx, { tokenHash: hashSecretToken(sessionToken), userId: user.id, csrfToken, createdAt: at, lastSeenAt: at, expiresAt });
  return { sessionToken, csrfToken, expiresAt, actor: actorOf(user, via) };
}

/** The user when the password is theirs and they may sign in, else why not (after the same work either way). */
async function checkPassword(store: Store, email: string, password: string): Promise<UserRecord | { reason: FailureReason; userId: string | null }> {
  const user = await findUserByEmail(store.db, email);
  if (user === null || user.passwordHash === null) {
    await verifyAgainstDummy(password);
    return user === null ? { reason: 'unknown_email', userId: null } : { reason: 'no_password', userId: user.id };
  }
  if (!(await verifyPassword(password, user.passwordHash))) return { reason: 'wrong_password', userId: user.id };
  return user.active ? user : { reason: 'inactive', userId: user.id };
}

/**
 * Signs in with email and password and starts a session. Every way of failing (unknown email,
 * wrong password, inactive user, user without a password) answers the same error after the same
 * work, so neither message nor timing tells which emails belong to users. Too many recent
 * failures for the email or from the address refuse the attempt before the password is checked.
 */
export async function signInWithPassword(store: Store, input: PasswordSignIn, now: Date = new Date()): Promise<SignedIn> {
  const email = normaliseEmail(input.email);
  const { remoteAddress } = input;
  const wait = await throttleWait(store.db, email, remoteAddress, now);
  if (wait !== null) {
    const user = await findUserByEmail(store.db, email);
    await recordFailure(store, { email, remoteAddress, userId: user?.id ?? null, reason: 'throttled' }, now);
    throw new ServiceError('throttled', `Too many failed sign-ins; try again in ${wait} seconds`, { retryAfterSeconds: wait });
  }

  const checked = await checkPassword(store, email, input.password);
  if ('reason' in checked) {
    await recordFailure(store, { email, remoteAddress, userId: checked.userId, reason: checked.reason }, now);
    throw new ServiceError('unauthenticated', WRONG_CREDENTIALS);
  }
  const user = checked;

  const at = now.toISOString();
  return inTransaction(store.db, async (trx) => {
    await recordSignInAttempt(trx, { email, remoteAddress, succeeded: true }, at);
    await deleteSignInAttemptsBefore(trx, new Date(now.getTime() - ATTEMPT_RETENTION_MS).toISOString());
    const signedIn = await openSession(trx, user, 'session', now);
    await appendAuditEvent(
      trx,
      { actor: user.id, action: 'sign_in', objectType: 'user', objectId: user.id, before: null, after: { via: 'session', remoteAddress, userAgent: input.userAgent ?? null } },
      at,
    );
    return signedIn;
  });
}

/**
 * Starts a session for a user another way of signing in has already identified (single sign-on
 * matches users by email). An unknown or inactive user is refused as unauthenticated.
 */
export async function startSessionFor(store: Store, userId: string, via: 'session' | 'oidc', now: Date = new Date()): Promise<SignedIn> {
  const at = now.toISOString();
  const user = await findUserById(store.db, userId);
  if (user === null || !user.active) {
    const reason = user === null ? 'unknown_user' : 'inactive';
    await appendSignInFailure(store.db, { email: user?.email ?? null, remoteAddress: null, reason, userId: user?.id ?? null, via }, at);
    throw new ServiceError('unauthenticated', 'This user cannot sign in');
  }
  return inTransaction(store.db, async (trx) => {
    const signedIn = await openSession(trx, user, via, now);
    await appendAuditEvent(trx, { actor: user.id, action: 'sign_in', objectType: 'user', objectId: user.id, before: null, after: { via } }, at);
    return signedIn;
  });
}
