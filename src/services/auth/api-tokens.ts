import { hasPermission } from '../../core/access/permission.ts';
import { roleCovers, type Role } from '../../core/access/role.ts';
import type { ApiToken, CreatedToken } from '../../contracts/auth.ts';
import {
  findApiTokenByHash,
  findApiTokenById,
  insertApiToken,
  listApiTokens as listStoredApiTokens,
  recordApiTokenUse,
  revokeApiToken as revokeStoredApiToken,
  type ApiTokenRecord,
} from '../../store/api-token-repository.ts';
import { appendAuditEvent } from '../../store/audit-repository.ts';
import type { Store } from '../../store/database.ts';
import { inTransaction } from '../../store/in-transaction.ts';
import { findUserById } from '../../store/user-repository.ts';
import type { Actor } from '../access/actor.ts';
import { authorize, recordDenied } from '../access/authorize.ts';
import { ServiceError } from '../service-error.ts';
import { hashSecretToken, newSecretToken } from './secret-token.ts';
import { LAST_USE_RESOLUTION_MS } from './session-lifetime.ts';

/** Every secret starts with this, so a leaked one is easy to recognise (and to scan repositories for). */
export const API_TOKEN_PREFIX = 'so_';
const MAX_TOKEN_NAME_LENGTH = 200;

function toApiToken(record: ApiTokenRecord): ApiToken {
  return {
    id: record.id,
    userId: record.userId,
    name: record.name,
    role: record.role,
    createdAt: record.createdAt,
    lastUsedAt: record.lastUsedAt,
    revokedAt: record.revokedAt,
  };
}

/**
 * Creates a token for the actor's own user, acting with `role`. The secret is returned once and
 * only its SHA-256 is stored. The role may be no wider than the user's (a token never acts above
 * the user who made it), nor than the actor's when the actor is itself a narrower token.
 */
export async function createApiToken(store: Store, actor: Actor, input: { name: string; role: Role }, now: Date = new Date()): Promise<CreatedToken> {
  await authorize(store, actor, 'tokens.own', { type: 'api_token' });
  const name = input.name.trim();
  if (name === '' || name.length > MAX_TOKEN_NAME_LENGTH) throw new ServiceError('invalid_argument', `A token needs a name of 1 to ${MAX_TOKEN_NAME_LENGTH} characters`);
  const user = await findUserById(store.db, actor.userId);
  if (user === null || !user.active) throw new ServiceError('invalid_argument', 'API tokens belong to users; sign in as one to create a token');
  if (!roleCovers(user.role, input.role) || !roleCovers(actor.role, input.role)) {
    await recordDenied(store, actor, `token role ${input.role}`, 'api_token', null);
    throw new ServiceError('forbidden', `A token cannot act as ${input.role}: that role is wider than yours (${actor.role})`, { role: input.role });
  }
  const secret = `${API_TOKEN_PREFIX}${newSecretToken()}`;
  const at = now.toISOString();
  const token = await inTransaction(store.db, async (trx) => {
    const record = await insertApiToken(trx, { userId: user.id, name, tokenHash: hashSecretToken(secret), role: input.role }, at);
    const created = toApiToken(record);
    await appendAuditEvent(trx, { actor: actor.userId, action: 'create', objectType: 'api_token', objectId: record.id, before: null, after: created }, at);
    return created;
  });
  return { token, secret };
}

/** The actor's own tokens, oldest first; administrators see everyone's. */
export async function listApiTokens(store: Store, actor: Actor): Promise<ApiToken[]> {
  await authorize(store, actor, 'tokens.own', { type: 'api_token' });
  const filter = hasPermission(actor.role, 'users.manage') ? {} : { userId: actor.userId };
  return (await listStoredApiTokens(store.db, filter)).map(toApiToken);
}

/**
 * Revokes one of the actor's tokens (administrators: anyone's). Someone else's token answers
 * not_found, exactly as a missing one, so ids cannot be probed; a token already revoked is a conflict.
 */
export async function revokeApiToken(store: Store, actor: Actor, tokenId: string, now: Date = new Date()): Promise<ApiToken> {
  await authorize(store, actor, 'tokens.own', { type: 'api_token', id: tokenId });
  const existing = await findApiTokenById(store.db, tokenId);
  if (existing === null) throw new ServiceError('not_found', `No API token ${tokenId}`, { id: tokenId });
  if (existing.userId !== actor.userId && !hasPermission(actor.role, 'users.manage')) {
    await recordDenied(store, actor, 'revoke', 'api_token', tokenId);
    throw new ServiceError('not_found', `No API token ${tokenId}`, { id: tokenId });
  }
  if (existing.revokedAt !== null) throw new ServiceError('conflict', `API token ${tokenId} was already revoked on ${existing.revokedAt}`, { id: tokenId });
  const at = now.toISOString();
  return inTransaction(store.db, async (trx) => {
    const revoked = toApiToken(await revokeStoredApiToken(trx, tokenId, at));
    await appendAuditEvent(trx, { actor: actor.userId, action: 'revoke', objectType: 'api_token', objectId: tokenId, before: toApiToken(existing), after: revoked }, at);
    return revoked;
  });
}

/**
 * The caller behind an API token secret, acting with the token's role (via 'token'), or null when
 * the secret is unknown or revoked, its user is inactive, or the user's role no longer covers the
 * token's (a user demoted since keeps no token above the new role). The last use is written at
 * most once a minute (bookkeeping, not audited).
 */
export async function resolveApiToken(store: Store, secret: string, now: Date = new Date()): Promise<Actor | null> {
  if (!secret.startsWith(API_TOKEN_PREFIX)) return null;
  const token = await findApiTokenByHash(store.db, hashSecretToken(secret));
  if (token === null || token.revokedAt !== null) return null;
  const user = await findUserById(store.db, token.userId);
  if (user === null || !user.active || !roleCovers(user.role, token.role)) return null;
  if (token.lastUsedAt === null || now.getTime() - Date.parse(token.lastUsedAt) >= LAST_USE_RESOLUTION_MS) {
    await recordApiTokenUse(store.db, token.id, now.toISOString());
  }
  return { userId: user.id, role: token.role, personId: user.personId, displayName: user.displayName, via: 'token' };
}
