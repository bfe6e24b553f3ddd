import type { PeopleTree, PersonNode } from '../../contracts/people.ts';
import { scopeIncludes } from '../../core/access/data-scope.ts';
import { isPlainDate, type PlainDate } from '../../core/shared/plain-date.ts';
import type { Store } from '../../store/database.ts';
import { listPeople, type Person } from '../../store/person-repository.ts';
import type { Actor } from '../access/actor.ts';
import { authorize, salesScopeOf } from '../access/authorize.ts';
import { todayUtc } from '../access/today.ts';
import { ServiceError } from '../service-error.ts';

/** Each person's manager on `asOf` (valid_from <= asOf < valid_to). */
async function managersOn(store: Store, asOf: PlainDate): Promise<Map<string, string>> {
  const rows = await store.db
    .selectFrom('reporting_line')
    .select(['person_id', 'manager_id'])
    .where('valid_from', '<=', asOf)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', asOf)]))
    .orderBy('person_id')
    .execute();
  return new Map(rows.map((r) => [r.person_id, r.manager_id]));
}

/**
 * Who belongs in the tree of the day: people hired by then (or with no hire date), and anyone a
 * reporting line of that day names, whatever the hire date says.
 */
function presentOn(person: Person, asOf: PlainDate, managers: ReadonlyMap<string, string>, managerIds: ReadonlySet<string>): boolean {
  return person.hireDate === null || person.hireDate <= asOf || managers.has(person.id) || managerIds.has(person.id);
}

/** Nests people under their managers; whoever has no manager among them is a root. Order: by name, then id. */
function nest(people: readonly Person[], managers: ReadonlyMap<string, string>): PersonNode[] {
  const included = new Set(people.map((p) => p.id));
  const reportsOf = new Map<string, Person[]>();
  const roots: Person[] = [];
  for (const person of people) {
    const manager = managers.get(person.id);
    if (manager !== undefined && included.has(manager)) reportsOf.set(manager, [...(reportsOf.get(manager) ?? []), person]);
    else roots.push(person);
  }
  const placed = new Set<string>();
  const nodeOf = (person: Person): PersonNode => {
    placed.add(person.id);
    return {
      id: person.id,
      name: person.name,
      title: person.title,
      jobRole: person.jobRole,
      email: person.email,
      active: person.active,
      reports: (reportsOf.get(person.id) ?? []).filter((p) => !placed.has(p.id)).map(nodeOf),
    };
  };
  const tree = roots.map(nodeOf);
  // People whose lines form a loop in bad data reach no root; they are shown as roots rather than lost.
  for (const person of people) if (!placed.has(person.id)) tree.push(nodeOf(person));
  return tree;
}

/**
 * The reporting tree as of `asOf` (default today, UTC), cut to what the caller reaches on that
 * day: ops, finance, executives and admins see everyone; a manager sees themself and the people
 * below them then; a rep sees only themself. People with no manager are roots.
 */
export async function getPeopleTree(store: Store, actor: Actor, asOf?: PlainDate): Promise<PeopleTree> {
  await authorize(store, actor, 'people.read');
  // Typed as text until checked: the API passes the query string through.
  const day: string = asOf ?? todayUtc();
  if (!isPlainDate(day)) throw new ServiceError('invalid_argument', `asOf "${day}" is not a real date (YYYY-MM-DD)`, { field: 'asOf' });
  const scope = await salesScopeOf(store, actor, day);
  const managers = await managersOn(store, day);
  const managerIds = new Set(managers.values());
  // listPeople orders by name, then id, which orders every level of the tree.
  const people = (await listPeople(store.db)).filter((p) => scopeIncludes(scope, p.id) && presentOn(p, day, managers, managerIds));
  return { asOf: day, roots: nest(people, managers), count: people.length };
}
