import { permissionsOf } from '../../core/access/permission.ts';
import type { Role } from '../../core/access/role.ts';
import type { CreateUserBody, Me, UpdateUserBody, User } from '../../contracts/auth.ts';
import { appendAuditEvent } from '../../store/audit-repository.ts';
import type { Store } from '../../store/database.ts';
import { inTransaction } from '../../store/in-transaction.ts';
import { findPersonById } from '../../store/person-repository.ts';
import { deleteSessionsOfUser } from '../../store/session-repository.ts';
import { StoreError } from '../../store/store-error.ts';
import {
  countActiveUsersWithRole,
  findUserByEmail,
  findUserById,
  insertUser,
  listUsers as listStoredUsers,
  normaliseEmail,
  updateUser as updateStoredUser,
  type UserRecord,
  type UserRecordPatch,
} from '../../store/user-repository.ts';
import { getWorkspace } from '../../store/workspace-repository.ts';
import type { Actor } from '../access/actor.ts';
import { authorize } from '../access/authorize.ts';
import { ServiceError } from '../service-error.ts';
import { hashPassword } from './password-hash.ts';

/** Shorter passwords fall to guessing even at scrypt's cost. */
export const MIN_PASSWORD_LENGTH = 12;
const MAX_EMAIL_LENGTH = 254;

/** A user as the API shows it: whether a password is set, never the hash. */
function toUser(record: UserRecord): User {
  return {
    id: record.id,
    email: record.email,
    displayName: record.displayName,
    role: record.role,
    personId: record.personId,
    personName: record.personName,
    active: record.active,
    hasPassword: record.passwordHash !== null,
    createdAt: record.createdAt,
  };
}

function checkEmail(email: string): void {
  if (email.length > MAX_EMAIL_LENGTH || !/^[^@\s]+@[^@\s]+$/.test(email)) throw new ServiceError('invalid_argument', `"${email}" is not an email address`);
}

function checkDisplayName(displayName: string): string {
  const trimmed = displayName.trim();
  if (trimmed === '') throw new ServiceError('invalid_argument', 'A user needs a display name');
  return trimmed;
}

async function hashNewPassword(password: string | undefined): Promise<string | undefined> {
  if (password === undefined) return undefined;
  if (password.length < MIN_PASSWORD_LENGTH) throw new ServiceError('invalid_argument', `A password needs at least ${MIN_PASSWORD_LENGTH} characters`);
  return hashPassword(password);
}

async function checkPerson(store: Store, personId: string | null | undefined): Promise<void> {
  if (personId === undefined || personId === null) return;
  if ((await findPersonById(store.db, personId)) === null) throw new ServiceError('invalid_argument', `No person ${personId} to link the user to`, { personId });
}

/** Every user, by email. */
export async function listUsers(store: Store, actor: Actor): Promise<User[]> {
  await authorize(store, actor, 'users.manage', { type: 'user' });
  return (await listStoredUsers(store.db)).map(toUser);
}

/** Creates a user; an email already in use (in any case) is a conflict. */
export async function createUser(store: Store, actor: Actor, body: CreateUserBody, now: Date = new Date()): Promise<User> {
  await authorize(store, actor, 'users.manage', { type: 'user' });
  const email = normaliseEmail(body.email);
  checkEmail(email);
  const displayName = checkDisplayName(body.displayName);
  await checkPerson(store, body.personId);
  if ((await findUserByEmail(store.db, email)) !== null) throw new ServiceError('conflict', `A user with the email ${email} already exists`, { email });
  const passwordHash = await hashNewPassword(body.password);
  const at = now.toISOString();
  try {
    return await inTransaction(store.db, async (trx) => {
      const record = await insertUser(trx, { email, displayName, role: body.role, personId: body.personId ?? null, passwordHash: passwordHash ?? null }, at);
      const user = toUser(record);
      await appendAuditEvent(trx, { actor: actor.userId, action: 'create', objectType: 'user', objectId: user.id, before: null, after: user }, at);
      return user;
    });
  } catch (error) {
    // Another request took the email between the check and the insert.
    if (error instanceof StoreError && error.code === 'conflict') throw new ServiceError('conflict', error.message, { email });
    throw error;
  }
}

/** The fields of the body that change the stored user. */
function patchOf(existing: UserRecord, body: UpdateUserBody, passwordHash: string | undefined): UserRecordPatch {
  const patch: { -readonly [K in keyof UserRecordPatch]: UserRecordPatch[K] } = {};
  const displayName = body.displayName === undefined ? undefined : checkDisplayName(body.displayName);
  if (displayName !== undefined && displayName !== existing.displayName) patch.displayName = displayName;
  if (body.role !== undefined && body.role !== existing.role) patch.role = body.role;
  if (body.personId !== undefined && body.personId !== existing.personId) patch.personId = body.personId;
  if (body.active !== undefined && body.active !== existing.active) patch.active = body.active;
  if (passwordHash !== undefined) patch.passwordHash = passwordHash;
  return patch;
}

/**
 * Changes a user's name, role, person, activation or password. Deactivating ends all the user's
 * sessions at once. Administrators cannot deactivate themselves or change their own role, and no
 * change may leave the workspace without an active administrator.
 */
export async function updateUser(store: Store, actor: Actor, userId: string, body: UpdateUserBody, now: Date = new Date()): Promise<User> {
  await authorize(store, actor, 'users.manage', { type: 'user', id: userId });
  const existing = await findUserById(store.db, userId);
  if (existing === null) throw new ServiceError('not_found', `No user ${userId}`, { id: userId });
  await checkPerson(store, body.personId);
  const passwordHash = await hashNewPassword(body.password);
  const patch = patchOf(existing, body, passwordHash);
  if (Object.keys(patch).length === 0) return toUser(existing);
  if (userId === actor.userId && (patch.active === false || patch.role !== undefined)) {
    throw new ServiceError('invalid_argument', 'You cannot deactivate yourself or change your own role; ask another administrator');
  }
  const at = now.toISOString();
  return inTransaction(store.db, async (trx) => {
    const losesAdmin = existing.role === 'admin' && existing.active && (patch.active === false || (patch.role !== undefined && patch.role !== 'admin'));
    if (losesAdmin && (await countActiveUsersWithRole(trx, 'admin')) <= 1) {
      throw new ServiceError('invalid_argument', `${existing.email} is the last active administrator; make someone else one first`);
    }
    const updated = await updateStoredUser(trx, userId, patch, at);
    const sessionsEnded = patch.active === false ? await deleteSessionsOfUser(trx, userId) : 0;
    const after = { ...toUser(updated), ...(passwordHash === undefined ? {} : { passwordChanged: true }), ...(patch.active === false ? { sessionsEnded } : {}) };
    await appendAuditEvent(trx, { actor: actor.userId, action: 'update', objectType: 'user', objectId: userId, before: toUser(existing), after }, at);
    return toUser(updated);
  });
}

/** Who the caller is, what the role permits, and the workspace in brief. Needs no permission. */
export async function getMe(store: Store, actor: Actor, csrfToken: string | null): Promise<Me> {
  const user = await findUserById(store.db, actor.userId);
  const workspace = await getWorkspace(store.db);
  return {
    id: actor.userId,
    // The command line and system actors are no user and have no email.
    email: user?.email ?? '',
    displayName: actor.displayName,
    role: actor.role,
    personId: actor.personId,
    permissions: [...permissionsOf(actor.role)],
    csrfToken,
    workspace: workspace === null ? null : { name: workspace.name, isDemo: workspace.isDemo, corporateCurrency: workspace.corporateCurrency },
  };
}

/** The active user with this email (any case, spaces ignored), for single sign-on; null when there is none. */
export async function findActiveUserByEmail(
  store: Store,
  email: string,
): Promise<{ id: string; email: string; role: Role; personId: string | null; displayName: string } | null> {
  const user = await findUserByEmail(store.db, email);
  if (user === null || !user.active) return null;
  return { id: user.id, email: user.email, role: user.role, personId: user.personId, displayName: user.displayName };
}
