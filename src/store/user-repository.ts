import type { Kysely, Selectable } from 'kysely';
import { isRole, type Role } from '../core/access/role.ts';
import { newId } from './new-id.ts';
import type { AppUserTable, Database } from './schema.ts';
import { StoreError } from './store-error.ts';
import { isUniqueViolation } from './unique-violation.ts';

/** A user as stored, with the name of the person it is linked to. */
export interface UserRecord {
  readonly id: string;
  /** Lower-cased and trimmed. */
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly personId: string | null;
  /** The linked person's name; null when the user is no one in the org chart. */
  readonly personName: string | null;
  /** `scrypt$N$r$p$salt$hash`; null for users who sign in only by single sign-on. Never leaves the services. */
  readonly passwordHash: string | null;
  readonly active: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NewUserRecord {
  readonly id?: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly personId?: string | null;
  readonly passwordHash?: string | null;
  readonly active?: boolean;
}

export type UserRecordPatch = Partial<Pick<UserRecord, 'displayName' | 'role' | 'personId' | 'passwordHash' | 'active'>>;

/** Emails are kept lower-cased and trimmed: the form sign-in and single sign-on match on. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

type UserRow = Selectable<AppUserTable> & { person_name: string | null };

function toUser(row: UserRow): UserRecord {
  if (!isRole(row.role)) throw new StoreError('constraint_violation', `User ${row.id} has an unknown role "${row.role}"`, { id: row.id, role: row.role });
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    personId: row.person_id,
    personName: row.person_name,
    passwordHash: row.password_hash,
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectUsers(db: Kysely<Database>) {
  return db.selectFrom('app_user as u').leftJoin('person as p', 'p.id', 'u.person_id').selectAll('u').select('p.name as person_name');
}

export async function findUserById(db: Kysely<Database>, id: string): Promise<UserRecord | null> {
  const row = await selectUsers(db).where('u.id', '=', id).executeTakeFirst();
  return row === undefined ? null : toUser(row);
}

/** The user with this email, ignoring case and surrounding spaces. */
export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserRecord | null> {
  const row = await selectUsers(db).where('u.email', '=', normaliseEmail(email)).executeTakeFirst();
  return row === undefined ? null : toUser(row);
}

/** Every user, by email. */
export async function listUsers(db: Kysely<Database>): Promise<UserRecord[]> {
  const rows = await selectUsers(db).orderBy('u.email').execute();
  return rows.map(toUser);
}

/** How many active users hold the role (the last active administrator must stay one). */
export async function countActiveUsersWithRole(db: Kysely<Database>, role: Role): Promise<number> {
  const row = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('role', '=', role)
    .where('active', '=', 1)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Inserts a user; an email already taken (in any case) is a conflict. */
export async function insertUser(db: Kysely<Database>, input: NewUserRecord, now: string = new Date().toISOString()): Promise<UserRecord> {
  const row: Selectable<AppUserTable> = {
    id: input.id ?? newId('user'),
    email: normaliseEmail(input.email),
    display_name: input.displayName,
    role: input.role,
    person_id: input.personId ?? null,
    password_hash: input.passwordHash ?? null,
    active: input.active === false ? 0 : 1,
    created_at: now,
    updated_at: now,
  };
  try {
    await db.insertInto('app_user').values(row).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new StoreError('conflict', `A user with the email ${row.email} already exists`, { email: row.email });
    throw error;
  }
  const stored = await findUserById(db, row.id);
  if (stored === null) throw new StoreError('not_found', `No user ${row.id}`, { id: row.id });
  return stored;
}

/** Changes the fields given and stamps the change. */
export async function updateUser(db: Kysely<Database>, id: string, patch: UserRecordPatch, now: string = new Date().toISOString()): Promise<UserRecord> {
  const values: Partial<Selectable<AppUserTable>> = { updated_at: now };
  if (patch.displayName !== undefined) values.display_name = patch.displayName;
  if (patch.role !== undefined) values.role = patch.role;
  if (patch.personId !== undefined) values.person_id = patch.personId;
  if (patch.passwordHash !== undefined) values.password_hash = patch.passwordHash;
  if (patch.active !== undefined) values.active = patch.active ? 1 : 0;
  const result = await db.updateTable('app_user').set(values).where('id', '=', id).executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new StoreError('not_found', `No user ${id}`, { id });
  const user = await findUserById(db, id);
  if (user === null) throw new StoreError('not_found', `No user ${id}`, { id });
  return user;
}
