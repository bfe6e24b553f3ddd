import type { Role } from '../../core/access/role.ts';
import { addDays, type PlainDate } from '../../core/shared/plain-date.ts';
import type { Store } from '../../store/database.ts';
import { newId } from '../../store/new-id.ts';
import { addReportingLine, closeReportingLine, type Person } from '../../store/person-repository.ts';
import type { Factories } from '../../store/testing/factories.ts';
import type { Actor } from '../access/actor.ts';
import { todayUtc } from '../access/today.ts';

/**
 * Callers and a small organisation for service tests of data scope. Every date is relative to
 * today (UTC), because scopes are read as of today.
 */

/** A user of the role, signed in by session, who is `person` in the org chart (or no one). */
export function actorOf(role: Role, person: Person | null = null, displayName = `Test ${role}`): Actor {
  return { userId: `usr_test_${role}_${person?.id ?? 'none'}`, role, personId: person?.id ?? null, displayName, via: 'session' };
}

/** Stores the actor as an app_user row, so that its id resolves to its display name. */
export async function storeUser(store: Store, actor: Actor): Promise<void> {
  const now = new Date().toISOString();
  await store.db
    .insertInto('app_user')
    .values({
      id: actor.userId,
      email: `${actor.userId.toLowerCase()}@example.com`,
      display_name: actor.displayName,
      role: actor.role,
      person_id: actor.personId,
      password_hash: null,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

/**
 * VP ← Alice (manager) ← Rita, Raj; VP ← Bruno (manager) ← Sam. Lena reported to Alice until
 * 30 days ago and to Bruno since. Lines began 400 days ago.
 */
export interface TestOrg {
  readonly today: PlainDate;
  readonly vp: Person;
  readonly alice: Person;
  readonly bruno: Person;
  readonly rita: Person;
  readonly raj: Person;
  readonly sam: Person;
  readonly lena: Person;
}

export async function buildTestOrg(store: Store, make: Factories): Promise<TestOrg> {
  const today = todayUtc();
  const since = addDays(today, -400);
  const moved = addDays(today, -30);
  const person = (name: string, title: string) => make.person({ name, title, hireDate: since });
  const [vp, alice, bruno, rita, raj, sam, lena] = [
    await person('Vera VP', 'VP Sales'),
    await person('Alice Manager', 'Manager'),
    await person('Bruno Manager', 'Manager'),
    await person('Rita Rep', 'AE'),
    await person('Raj Rep', 'AE'),
    await person('Sam Rep', 'AE'),
    await person('Lena Rep', 'AE'),
  ];
  const report = (p: Person, m: Person, validFrom: PlainDate = since) => addReportingLine(store.db, { personId: p.id, managerId: m.id, validFrom });
  await report(alice, vp);
  await report(bruno, vp);
  await report(rita, alice);
  await report(raj, alice);
  await report(sam, bruno);
  const lenaUnderAlice = await report(lena, alice);
  await closeReportingLine(store.db, lenaUnderAlice.id, moved);
  await report(lena, bruno, moved);
  return { today, vp, alice, bruno, rita, raj, sam, lena };
}

/** A unique id of a kind that no row holds, for "no such record" cases. */
export function missingId(kind: 'opportunity' | 'account' | 'person'): string {
  return newId(kind);
}
