import type { Role } from '../../../core/access/role.ts';
import type { User } from '../../../contracts/auth.ts';
import type { Store } from '../../../store/database.ts';
import { CLI_ACTOR, type Actor } from '../../access/actor.ts';
import { createUser } from '../manage-users.ts';

export interface TestUser {
  readonly user: User;
  readonly password: string;
  /** The user as a signed-in caller (via 'session'). */
  readonly actor: Actor;
}

let sequence = 0;

/** A user created through the service (so hashed and audited as for real), with a known password. */
export async function makeTestUser(
  store: Store,
  overrides: { readonly role?: Role; readonly email?: string; readonly personId?: string | null; readonly password?: string | null; readonly displayName?: string } = {},
): Promise<TestUser> {
  sequence += 1;
  const role = overrides.role ?? 'rep';
  const password = overrides.password === undefined ? `correct horse ${sequence} battery` : overrides.password;
  const user = await createUser(store, CLI_ACTOR, {
    email: overrides.email ?? `user${sequence}@example.test`,
    displayName: overrides.displayName ?? `Test ${role} ${sequence}`,
    role,
    personId: overrides.personId ?? null,
    ...(password === null ? {} : { password }),
  });
  return {
    user,
    password: password ?? '',
    actor: { userId: user.id, role: user.role, personId: user.personId, displayName: user.displayName, via: 'session' },
  };
}
