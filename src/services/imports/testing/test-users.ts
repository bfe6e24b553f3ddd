import type { Role } from '../../../core/access/role.ts';
import type { Store } from '../../../store/database.ts';
import { newId } from '../../../store/new-id.ts';
import type { Actor } from '../../access/actor.ts';

/**
 * A signed-in user for job and import tests: an app_user row (the job runner reads it) and the
 * Actor a session of that user would have.
 */
export async function insertTestUser(store: Store, role: Role, options: { readonly active?: boolean; readonly displayName?: string } = {}): Promise<Actor> {
  const id = newId('user');
  const now = new Date().toISOString();
  const displayName = options.displayName ?? `Test ${role}`;
  await store.db
    .insertInto('app_user')
    .values({ id, email: `${id.toLowerCase()}@example.com`, display_name: displayName, role, person_id: null, password_hash: null, active: options.active === false ? 0 : 1, created_at: now, updated_at: now })
    .execute();
  return { userId: id, role, personId: null, displayName, via: 'session' };
}
