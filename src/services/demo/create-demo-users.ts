import { ROLE_LABELS, type Role } from '../../core/access/role.ts';
import type { PlainDate } from '../../core/shared/plain-date.ts';
import type { Store } from '../../store/database.ts';
import { listOpportunities } from '../../store/opportunity-repository.ts';
import { listPeople, managerOn, subtreeOn, type Person } from '../../store/person-repository.ts';
import { findUserByEmail } from '../../store/user-repository.ts';
import { getWorkspace } from '../../store/workspace-repository.ts';
import type { Actor } from '../access/actor.ts';
import { todayUtc } from '../access/today.ts';
import { createUser } from '../auth/manage-users.ts';
import { ServiceError } from '../service-error.ts';

/** A demo sign-in: one per role, with a published password. Demo data, never for a real workspace. */
export interface DemoUser {
  readonly email: string;
  readonly password: string;
  readonly role: Role;
  readonly displayName: string;
  readonly personId: string | null;
}

/** A domain reserved for testing (RFC 2606): no mail to these addresses can reach anyone. */
export const DEMO_USER_DOMAIN = 'demo.salesops.test';

/**
 * The demo sign-ins. The passwords are demo data, printed by `salesops start` and in the docs: the
 * users exist only in the generated demo workspace, which createDemoUsers refuses to leave.
 */
export const DEMO_USER_CREDENTIALS: readonly { readonly role: Role; readonly email: string; readonly password: string }[] = (
  ['admin', 'ops', 'finance', 'executive', 'manager', 'rep'] as const
).map((role) => ({ role, email: `${role}@${DEMO_USER_DOMAIN}`, password: `demo-${role}-2026` }));

/** What `salesops start` prints beside the demo workspace's address. */
export const DEMO_PASSWORD_NOTICE = [
  'Demo sign-ins (demo data: these passwords are published, so they exist only in the generated demo company):',
  ...DEMO_USER_CREDENTIALS.map((s) => `  ${s.email.padEnd(30)} ${s.password.padEnd(21)} ${ROLE_LABELS[s.role]}`),
].join('\n');

/** The demo's users are written as the demo generator, as every other demo record is. */
const DEMO_ACTOR: Actor = { userId: 'demo', role: 'admin', personId: null, displayName: 'Demo generator', via: 'system' };

interface DemoPeopleChoice {
  readonly executive: Person;
  readonly manager: Person;
  readonly rep: Person;
}

/** Job roles first in `preferred`, then the rest, each by name (listPeople's order). */
function preferring(people: readonly Person[], preferred: string): Person[] {
  return [...people.filter((p) => p.jobRole === preferred), ...people.filter((p) => p.jobRole !== preferred)];
}

async function ownsOpenOpportunities(store: Store, personId: string): Promise<boolean> {
  const page = await listOpportunities(store.db, { ownerIds: [personId], openOnly: true }, { limit: 1 });
  return page.items.length > 0;
}

/**
 * The people the executive, manager and rep sign-ins are: the top of the reporting tree on `today`;
 * a manager reporting to them who manages people that day; and someone in that manager's
 * organisation who owns open opportunities, so each role's first screen has something in it.
 */
async function choosePeople(store: Store, today: PlainDate): Promise<DemoPeopleChoice> {
  const people = await listPeople(store.db, { activeOnly: true });
  const byId = new Map(people.map((p) => [p.id, p]));
  for (const executive of preferring(people, 'executive')) {
    if ((await managerOn(store.db, executive.id, today)) !== null) continue;
    const organisation = await subtreeOn(store.db, executive.id, today);
    const directs = organisation.filter((m) => m.depth === 1).flatMap((m) => byId.get(m.personId) ?? []);
    for (const manager of preferring(directs, 'manager')) {
      const team = (await subtreeOn(store.db, manager.id, today)).flatMap((m) => byId.get(m.personId) ?? []);
      for (const rep of preferring(team, 'rep')) {
        if (await ownsOpenOpportunities(store, rep.id)) return { executive, manager, rep };
      }
    }
  }
  throw new ServiceError('invalid_argument', `The demo company has no manager on ${today} with a team member who owns open opportunities`);
}

/**
 * Creates one user per role in the demo workspace, with the passwords of DEMO_USER_CREDENTIALS: the
 * executive, manager and rep are people of the demo company (see choosePeople), the others no
 * one in the org chart. Users that already exist are kept as they are, so running it again
 * writes nothing. Refuses any workspace that is not the demo: published passwords must never
 * open real data.
 */
export async function createDemoUsers(store: Store, today: PlainDate = todayUtc()): Promise<DemoUser[]> {
  const workspace = await getWorkspace(store.db);
  if (workspace === null || !workspace.isDemo) {
    throw new ServiceError('database_has_data', 'Demo users belong only in the demo workspace; this database holds another one (or none).');
  }
  let chosen: DemoPeopleChoice | undefined;
  const users: DemoUser[] = [];
  for (const signIn of DEMO_USER_CREDENTIALS) {
    const existing = await findUserByEmail(store.db, signIn.email);
    if (existing !== null) {
      users.push({ ...signIn, role: existing.role, displayName: existing.displayName, personId: existing.personId });
      continue;
    }
    chosen ??= await choosePeople(store, today);
    const person = signIn.role === 'executive' || signIn.role === 'manager' || signIn.role === 'rep' ? chosen[signIn.role] : null;
    const displayName = person?.name ?? `Demo ${ROLE_LABELS[signIn.role]}`;
    const created = await createUser(store, DEMO_ACTOR, { email: signIn.email, displayName, role: signIn.role, personId: person?.id ?? null, password: signIn.password });
    users.push({ ...signIn, displayName: created.displayName, personId: created.personId });
  }
  return users;
}
