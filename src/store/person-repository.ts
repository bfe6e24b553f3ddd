import { sql, type Kysely, type Selectable } from 'kysely';
import type { PlainDate } from '../core/shared/plain-date.ts';
import { newId } from './new-id.ts';
import type { Database, PersonTable, ReportingLineTable } from './schema.ts';
import { StoreError } from './store-error.ts';

export interface Person {
  readonly id: string;
  readonly externalId: string | null;
  readonly name: string;
  readonly email: string | null;
  readonly active: boolean;
  readonly hireDate: PlainDate | null;
  readonly jobRole: string | null;
  readonly title: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NewPerson {
  readonly id?: string;
  readonly externalId?: string | null;
  readonly name: string;
  readonly email?: string | null;
  readonly active?: boolean;
  readonly hireDate?: PlainDate | null;
  readonly jobRole?: string | null;
  readonly title?: string | null;
}

export type PersonPatch = Partial<Omit<Person, 'id' | 'createdAt' | 'updatedAt'>>;

/** A person's manager over [validFrom, validTo); validTo null = still current. */
export interface ReportingLine {
  readonly id: string;
  readonly personId: string;
  readonly managerId: string;
  readonly validFrom: PlainDate;
  readonly validTo: PlainDate | null;
}

/** One member of a manager's organisation on a date: depth 1 reports directly. */
export interface SubtreeMember {
  readonly personId: string;
  readonly managerId: string;
  readonly depth: number;
}

/** Deeper than any real organisation; stops a cycle in bad data from recursing forever. */
const MAX_DEPTH = 64;

function toPerson(row: Selectable<PersonTable>): Person {
  return {
    id: row.id,
    externalId: row.external_id,
    name: row.name,
    email: row.email,
    active: row.active === 1,
    hireDate: row.hire_date as PlainDate | null,
    jobRole: row.job_role,
    title: row.title,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toReportingLine(row: Selectable<ReportingLineTable>): ReportingLine {
  return { id: row.id, personId: row.person_id, managerId: row.manager_id, validFrom: row.valid_from as PlainDate, validTo: row.valid_to as PlainDate | null };
}

function unique<T>(rows: readonly T[], what: string): T | null {
  if (rows.length > 1) throw new StoreError('conflict', `${rows.length} people match ${what}`, { matches: rows.length });
  return rows[0] ?? null;
}

export async function insertPerson(db: Kysely<Database>, input: NewPerson, now: string = new Date().toISOString()): Promise<Person> {
  const row: Selectable<PersonTable> = {
    id: input.id ?? newId('person'),
    external_id: input.externalId ?? null,
    name: input.name,
    email: input.email ?? null,
    active: input.active === false ? 0 : 1,
    hire_date: input.hireDate ?? null,
    job_role: input.jobRole ?? null,
    title: input.title ?? null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('person').values(row).execute();
  return toPerson(row);
}

export async function updatePerson(db: Kysely<Database>, id: string, patch: PersonPatch, now: string = new Date().toISOString()): Promise<Person> {
  const values: Partial<Selectable<PersonTable>> = { updated_at: now };
  if (patch.externalId !== undefined) values.external_id = patch.externalId;
  if (patch.name !== undefined) values.name = patch.name;
  if (patch.email !== undefined) values.email = patch.email;
  if (patch.active !== undefined) values.active = patch.active ? 1 : 0;
  if (patch.hireDate !== undefined) values.hire_date = patch.hireDate;
  if (patch.jobRole !== undefined) values.job_role = patch.jobRole;
  if (patch.title !== undefined) values.title = patch.title;
  const result = await db.updateTable('person').set(values).where('id', '=', id).executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new StoreError('not_found', `No person ${id}`, { id });
  const person = await findPersonById(db, id);
  if (person === null) throw new StoreError('not_found', `No person ${id}`, { id });
  return person;
}

export async function findPersonById(db: Kysely<Database>, id: string): Promise<Person | null> {
  const row = await db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : toPerson(row);
}

export async function findPersonByExternalId(db: Kysely<Database>, externalId: string): Promise<Person | null> {
  const row = await db.selectFrom('person').selectAll().where('external_id', '=', externalId).executeTakeFirst();
  return row === undefined ? null : toPerson(row);
}

/** The person with this email, ignoring case and surrounding spaces; a conflict when several share it. */
export async function findPersonByEmail(db: Kysely<Database>, email: string): Promise<Person | null> {
  const rows = await db
    .selectFrom('person')
    .selectAll()
    .where(sql<string>`lower(email)`, '=', email.trim().toLowerCase())
    .orderBy('id')
    .limit(2)
    .execute();
  return unique(rows.map(toPerson), `email ${email}`);
}

/** The person with exactly this name; a conflict when several share it. */
export async function findPersonByName(db: Kysely<Database>, name: string): Promise<Person | null> {
  const rows = await db.selectFrom('person').selectAll().where('name', '=', name).orderBy('id').limit(2).execute();
  return unique(rows.map(toPerson), `name ${name}`);
}

export async function listPeople(db: Kysely<Database>, filter: { readonly activeOnly?: boolean } = {}): Promise<Person[]> {
  let query = db.selectFrom('person').selectAll();
  if (filter.activeOnly === true) query = query.where('active', '=', 1);
  const rows = await query.orderBy('name').orderBy('id').execute();
  return rows.map(toPerson);
}

/** Every reporting line of a person, oldest first. */
export async function listReportingLines(db: Kysely<Database>, personId: string): Promise<ReportingLine[]> {
  const rows = await db.selectFrom('reporting_line').selectAll().where('person_id', '=', personId).orderBy('valid_from').execute();
  return rows.map(toReportingLine);
}

/**
 * Records that `personId` reports to `managerId` over [validFrom, validTo). A person has one
 * manager at a time (overlap is a conflict), and nobody may report to someone in their own
 * organisation on the day the line starts.
 */
export async function addReportingLine(
  db: Kysely<Database>,
  input: { readonly personId: string; readonly managerId: string; readonly validFrom: PlainDate; readonly validTo?: PlainDate | null },
): Promise<ReportingLine> {
  const validTo = input.validTo ?? null;
  if (input.personId === input.managerId) throw new StoreError('constraint_violation', 'A person cannot report to themselves', { personId: input.personId });
  if (validTo !== null && validTo <= input.validFrom) throw new StoreError('constraint_violation', `A reporting line must end after it starts (${input.validFrom} to ${validTo})`);
  const overlapping = await db
    .selectFrom('reporting_line')
    .select('id')
    .where('person_id', '=', input.personId)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', input.validFrom)]))
    .$if(validTo !== null, (q) => q.where('valid_from', '<', validTo ?? ''))
    .executeTakeFirst();
  if (overlapping !== undefined) {
    throw new StoreError('conflict', `${input.personId} already has a manager from ${input.validFrom}`, { personId: input.personId, lineId: overlapping.id });
  }
  const below = await subtreeOn(db, input.personId, input.validFrom);
  if (below.some((m) => m.personId === input.managerId)) {
    throw new StoreError('constraint_violation', `${input.managerId} reports to ${input.personId}; the line would make a cycle`);
  }
  const row: Selectable<ReportingLineTable> = { id: newId('reportingLine'), person_id: input.personId, manager_id: input.managerId, valid_from: input.validFrom, valid_to: validTo };
  await db.insertInto('reporting_line').values(row).execute();
  return toReportingLine(row);
}

/** Ends a reporting line on `validTo` (exclusive: the last day under this manager is the day before). */
export async function closeReportingLine(db: Kysely<Database>, lineId: string, validTo: PlainDate): Promise<ReportingLine> {
  const row = await db.selectFrom('reporting_line').selectAll().where('id', '=', lineId).executeTakeFirst();
  if (row === undefined) throw new StoreError('not_found', `No reporting line ${lineId}`, { lineId });
  if (validTo <= row.valid_from) throw new StoreError('constraint_violation', `A reporting line must end after it starts (${row.valid_from} to ${validTo})`);
  if (row.valid_to !== null && row.valid_to < validTo) throw new StoreError('conflict', `Reporting line ${lineId} already ended on ${row.valid_to}`);
  await db.updateTable('reporting_line').set({ valid_to: validTo }).where('id', '=', lineId).execute();
  return toReportingLine({ ...row, valid_to: validTo });
}

/** The person's manager on `date`, or null. */
export async function managerOn(db: Kysely<Database>, personId: string, date: PlainDate): Promise<string | null> {
  const row = await db
    .selectFrom('reporting_line')
    .select('manager_id')
    .where('person_id', '=', personId)
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .executeTakeFirst();
  return row?.manager_id ?? null;
}

/**
 * Everyone below `managerId` on `date`, direct reports first (depth 1), each line's effective dates
 * checked at every level: someone who left a team before `date` is not below its manager then.
 */
export async function subtreeOn(db: Kysely<Database>, managerId: string, date: PlainDate): Promise<SubtreeMember[]> {
  const result = await sql<{ person_id: string; manager_id: string; depth: number }>`
    WITH RECURSIVE subtree (person_id, manager_id, depth) AS (
      SELECT rl.person_id, rl.manager_id, 1
        FROM reporting_line rl
       WHERE rl.manager_id = ${managerId}
         AND rl.valid_from <= ${date} AND (rl.valid_to IS NULL OR rl.valid_to > ${date})
      UNION ALL
      SELECT rl.person_id, rl.manager_id, s.depth + 1
        FROM reporting_line rl
        JOIN subtree s ON rl.manager_id = s.person_id
       WHERE rl.valid_from <= ${date} AND (rl.valid_to IS NULL OR rl.valid_to > ${date})
         AND s.depth < ${MAX_DEPTH}
    )
    SELECT person_id, manager_id, min(depth) AS depth FROM subtree
     GROUP BY person_id, manager_id
     ORDER BY min(depth), person_id`.execute(db);
  return result.rows.map((r) => ({ personId: r.person_id, managerId: r.manager_id, depth: Number(r.depth) }));
}

/** Every reporting line in force on `date`, person id → manager id. */
export async function managerOfEachPersonOn(db: Kysely<Database>, date: PlainDate): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('reporting_line')
    .select(['person_id', 'manager_id'])
    .where('valid_from', '<=', date)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>', date)]))
    .orderBy('person_id')
    .orderBy('valid_from')
    .execute();
  return new Map(rows.map((r) => [r.person_id, r.manager_id]));
}
