import type { Kysely, Selectable } from 'kysely';
import { isRole, type Role } from '../core/access/role.ts';
import { newId } from './new-id.ts';
import type { ApiTokenTable, Database } from './schema.ts';
import { StoreError } from './store-error.ts';

/** An API token as stored, without its hash: nothing read from here can be turned back into a credential. */
export interface ApiTokenRecord {
  readonly id: string;
  readonly userId: string;
  readonly name: string;
  /** The role the token acts with, never wider than its user's. */
  readonly role: Role;
  readonly createdAt: string;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface NewApiTokenRecord {
  readonly userId: string;
  readonly name: string;
  /** SHA-256 of the secret, hex. */
  readonly tokenHash: string;
  readonly role: Role;
}

function toApiToken(row: Selectable<ApiTokenTable>): ApiTokenRecord {
  if (!isRole(row.role)) throw new StoreError('constraint_violation', `API token ${row.id} has an unknown role "${row.role}"`, { id: row.id, role: row.role });
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    role: row.role,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function insertApiToken(db: Kysely<Database>, input: NewApiTokenRecord, now: string = new Date().toISOString()): Promise<ApiTokenRecord> {
  const row: Selectable<ApiTokenTable> = {
    id: newId('apiToken'),
    user_id: input.userId,
    name: input.name,
    token_hash: input.tokenHash,
    role: input.role,
    created_at: now,
    last_used_at: null,
    revoked_at: null,
  };
  await db.insertInto('api_token').values(row).execute();
  return toApiToken(row);
}

export async function findApiTokenById(db: Kysely<Database>, id: string): Promise<ApiTokenRecord | null> {
  const row = await db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : toApiToken(row);
}

/** The token whose secret hashes to `tokenHash`, revoked or not. */
export async function findApiTokenByHash(db: Kysely<Database>, tokenHash: string): Promise<ApiTokenRecord | null> {
  const row = await db.selectFrom('api_token').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row === undefined ? null : toApiToken(row);
}

/** Tokens oldest first: one user's when `userId` is given, else everyone's. */
export async function listApiTokens(db: Kysely<Database>, filter: { readonly userId?: string } = {}): Promise<ApiTokenRecord[]> {
  let query = db.selectFrom('api_token').selectAll();
  if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map(toApiToken);
}

/** Marks the token revoked at `at`; a missing token is not_found, one already revoked a conflict. */
export async function revokeApiToken(db: Kysely<Database>, id: string, at: string): Promise<ApiTokenRecord> {
  const result = await db.updateTable('api_token').set({ revoked_at: at }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  const token = await findApiTokenById(db, id);
  if (token === null) throw new StoreError('not_found', `No API token ${id}`, { id });
  if (result.numUpdatedRows === 0n) throw new StoreError('conflict', `API token ${id} was already revoked`, { id, revokedAt: token.revokedAt });
  return token;
}

/** Records that the token was used at `at`. */
export async function recordApiTokenUse(db: Kysely<Database>, id: string, at: string): Promise<void> {
  await db.updateTable('api_token').set({ last_used_at: at }).where('id', '=', id).execute();
}
