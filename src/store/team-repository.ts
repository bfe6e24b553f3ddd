import type { Kysely } from 'kysely';
import type { PlainDate } from '../core/shared/plain-date.ts';
import { newId } from './new-id.ts';
import type { Database } from './schema.ts';
import { StoreError } from './store-error.ts';

export interface Team {
  readonly id: string;
  readonly externalId: string | null;
  readonly name: string;
}

/** A person's membership of a team over [validFrom, validTo); validTo null = still a member. */
export interface TeamMembership {
  readonly id: string;
  readonly teamId: string;
  readonly personId: string;
  readonly validFrom: PlainDate;
  readonly validTo: PlainDate | null;
}

export async function insertTeam(db: Kysely<Database>, input: { readonly name: string; readonly externalId?: string | null }): Promise<Team> {
  const team: Team = { id: newId('team'), externalId: input.externalId ?? null, name: input.name };
  await db.insertInto('team').values({ id: team.id, external_id: team.externalId, name: team.name }).execute();
  return team;
}

export async function listTeams(db: Kysely<Database>): Promise<Team[]> {
  const rows = await db.selectFrom('team').selectAll().orderBy('name').orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, externalId: r.external_id, name: r.name }));
}

/**
 * Adds a person to a team from `validFrom`. A person may belong to several teams at once (a
 * regional team and an overlay pod), but not twice to the same team over overlapping days.
 */
export async function addTeamMember(
  db: Kysely<Database>,
  input: { readonly teamId: string; readonly personId: string; readonly validFrom: PlainDate; readonly validTo?: PlainDate | null },
): Promise<TeamMembership> {
  const validTo = input.validTo ?? null;
  if (validTo !== null && validTo <= input.validFrom) {
    throw new StoreError('constraint_violation', `A membership must end after it starts (${input.validFrom} to ${validTo})`);
  }
  const overlapping = await db
    .selectFrom('team_member')
    .select('id')
    .where('team_id', '=', input.teamId)
    .where('person_id', '=', input.personId)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', input.validFrom)]))
    .$if(validTo !== null, (q) => q.where('valid_from', '<', validTo ?? ''))
    .executeTakeFirst();
  if (overlapping !== undefined) {
    throw new StoreError('conflict', `Person ${input.personId} is already in team ${input.teamId} from ${input.validFrom}`, { membershipId: overlapping.id });
  }
  const membership: TeamMembership = { id: newId('teamMember'), teamId: input.teamId, personId: input.personId, validFrom: input.validFrom, validTo };
  await db
    .insertInto('team_member')
    .values({ id: membership.id, team_id: membership.teamId, person_id: membership.personId, valid_from: membership.validFrom, valid_to: membership.validTo })
    .execute();
  return membership;
}

/** Ends a membership on `validTo` (exclusive). */
export async function endTeamMembership(db: Kysely<Database>, membershipId: string, validTo: PlainDate): Promise<void> {
  const row = await db.selectFrom('team_member').selectAll().where('id', '=', membershipId).executeTakeFirst();
  if (row === undefined) throw new StoreError('not_found', `No team membership ${membershipId}`);
  if (validTo <= row.valid_from) throw new StoreError('constraint_violation', `A membership must end after it starts (${row.valid_from} to ${validTo})`);
  await db.updateTable('team_member').set({ valid_to: validTo }).where('id', '=', membershipId).execute();
}

/** The ids of the people in the team on `date`, in id order. */
export async function teamMembersOn(db: Kysely<Database>, teamId: string, date: PlainDate): Promise<string[]> {
  const rows = await db
    .selectFrom('team_member')
    .select('person_id')
    .where('team_id', '=', teamId)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .orderBy('person_id')
    .execute();
  return rows.map((r) => r.person_id);
}

/** The ids of the teams the person belonged to on `date`, in id order. */
export async function teamsOfPersonOn(db: Kysely<Database>, personId: string, date: PlainDate): Promise<string[]> {
  const rows = await db
    .selectFrom('team_member')
    .select('team_id')
    .where('person_id', '=', personId)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .orderBy('team_id')
    .execute();
  return rows.map((r) => r.team_id);
}

/**
 * Every membership in force on `date`, person id → team id. A person in several teams on one day
 * is placed in the team with the smallest id, so a report counts each deal once.
 */
export async function teamOfEachPersonOn(db: Kysely<Database>, date: PlainDate): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('team_member')
    .select(['person_id', 'team_id'])
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .orderBy('person_id')
    .orderBy('team_id')
    .execute();
  const teams = new Map<string, string>();
  for (const r of rows) if (!teams.has(r.person_id)) teams.set(r.person_id, r.team_id);
  return teams;
}
