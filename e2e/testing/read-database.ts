import SqliteDatabase from 'better-sqlite3';

/** What a journey needs to know about a demo user, read straight from the server's SQLite file. */
export interface UserFacts {
  readonly displayName: string;
  readonly personId: string | null;
}

/** Reads the database read-only: the server keeps it open in WAL mode, so both can read at once. */
function withDatabase<T>(database: string, read: (db: SqliteDatabase.Database) => T): T {
  const db = new SqliteDatabase(database, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

export function userByEmail(database: string, email: string): UserFacts {
  const row = withDatabase(database, (db) =>
    db.prepare<[string], { display_name: string; person_id: string | null }>('SELECT display_name, person_id FROM app_user WHERE email = ?').get(email.toLowerCase()),
  );
  if (row === undefined) throw new Error(`No user ${email} in ${database}`);
  return { displayName: row.display_name, personId: row.person_id };
}

/** How many opportunities `personId` owns. */
export function countOpportunitiesOwnedBy(database: string, personId: string): number {
  return withDatabase(database, (db) => db.prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM opportunity WHERE owner_id = ?').get(personId)?.n ?? 0);
}

/** An opportunity owned by someone other than `personId` (the first by id, so runs agree). */
export function opportunityOwnedByOther(database: string, personId: string): { readonly id: string; readonly name: string } {
  const row = withDatabase(database, (db) =>
    db.prepare<[string], { id: string; name: string }>('SELECT id, name FROM opportunity WHERE owner_id IS NOT NULL AND owner_id <> ? ORDER BY id LIMIT 1').get(personId),
  );
  if (row === undefined) throw new Error(`Every opportunity in ${database} belongs to ${personId}`);
  return row;
}
