import type { Kysely, Selectable } from 'kysely';
import type { Database, UserSessionTable } from './schema.ts';

/** A signed-in browser. Only the SHA-256 of the cookie's token is kept: a leaked table opens no session. */
export interface SessionRecord {
  /** SHA-256 of the session token, hex. */
  readonly tokenHash: string;
  readonly userId: string;
  readonly csrfToken: string;
  readonly createdAt: string;
  /** Slides forward while the session is used; the idle limit counts from it. */
  readonly lastSeenAt: string;
  /** The absolute end, however active the session is. */
  readonly expiresAt: string;
}

function toSession(row: Selectable<UserSessionTable>): SessionRecord {
  return {
    tokenHash: row.token_hash,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
  };
}

export async function insertSession(db: Kysely<Database>, session: SessionRecord): Promise<SessionRecord> {
  await db
    .insertInto('user_session')
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      created_at: session.createdAt,
      last_seen_at: session.lastSeenAt,
      expires_at: session.expiresAt,
    })
    .execute();
  return session;
}

export async function findSessionByTokenHash(db: Kysely<Database>, tokenHash: string): Promise<SessionRecord | null> {
  const row = await db.selectFrom('user_session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row === undefined ? null : toSession(row);
}

/** The user's sessions, oldest first. */
export async function listSessionsOfUser(db: Kysely<Database>, userId: string): Promise<SessionRecord[]> {
  const rows = await db.selectFrom('user_session').selectAll().where('user_id', '=', userId).orderBy('created_at').orderBy('token_hash').execute();
  return rows.map(toSession);
}

/** Moves the session's last use to `lastSeenAt`. */
export async function touchSession(db: Kysely<Database>, tokenHash: string, lastSeenAt: string): Promise<void> {
  await db.updateTable('user_session').set({ last_seen_at: lastSeenAt }).where('token_hash', '=', tokenHash).execute();
}

/** Deletes one session; false when there was none. */
export async function deleteSession(db: Kysely<Database>, tokenHash: string): Promise<boolean> {
  const result = await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/** Deletes every session of the user; returns how many there were. */
export async function deleteSessionsOfUser(db: Kysely<Database>, userId: string): Promise<number> {
  const result = await db.deleteFrom('user_session').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Deletes the sessions that can no longer be used: past their absolute end at `now`, or last seen
 * before `idleSince`. Returns how many went.
 */
export async function deleteEndedSessions(db: Kysely<Database>, ended: { readonly now: string; readonly idleSince: string }): Promise<number> {
  const result = await db
    .deleteFrom('user_session')
    .where((eb) => eb.or([eb('expires_at', '<=', ended.now), eb('last_seen_at', '<', ended.idleSince)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
