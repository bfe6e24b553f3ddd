import type SqliteDatabase from 'better-sqlite3';
import type pg from 'pg';
import type { Store } from '../../store/database.ts';
import type { Engine } from '../../store/engine.ts';
import { StoreError } from '../../store/store-error.ts';

/** A value bound to or read from a column: text, an integer, or NULL (booleans are stored as 0/1). */
export type SqlValue = string | number | null;
export type SqlRow = Readonly<Record<string, SqlValue>>;

/** A column and the PostgreSQL type its values are cast to in multi-row statements. */
export interface ColumnDef {
  readonly name: string;
  readonly type: 'text' | 'integer' | 'bigint';
}

/**
 * One import transaction on either engine, with the few bulk operations the writers need. Writers
 * call these and never see the engine: on SQLite each operation loops over cached prepared
 * statements on the better-sqlite3 handle (no round trips, so a row at a time is fastest); on
 * PostgreSQL each is one statement per chunk of rows, passing columns as arrays through `unnest`.
 * SQL text uses `?` placeholders on both engines.
 */
export interface ImportTransaction {
  readonly engine: Engine;
  all<T = SqlRow>(sqlText: string, params?: readonly SqlValue[]): Promise<T[]>;
  run(sqlText: string, params?: readonly SqlValue[]): Promise<number>;
  /** `SELECT columns FROM table WHERE keyColumn IN keys [AND extraWhere]`. */
  selectIn<T = SqlRow>(table: string, columns: readonly string[], keyColumn: string, keys: readonly string[], extraWhere?: string): Promise<T[]>;
  insertMany(table: string, columns: readonly ColumnDef[], rows: readonly (readonly SqlValue[])[]): Promise<void>;
  /** Inserts, skipping rows that conflict on `conflictColumns`; says per row whether it was written. */
  insertIgnoreMany(table: string, columns: readonly ColumnDef[], rows: readonly (readonly SqlValue[])[], conflictColumns: readonly string[]): Promise<boolean[]>;
  /** Updates rows by their first column (the key): `SET columns[1..] = values[1..] WHERE columns[0] = values[0]`. */
  updateMany(table: string, columns: readonly ColumnDef[], rows: readonly (readonly SqlValue[])[]): Promise<void>;
  /**
   * For a large file: drops the table's secondary indexes until `rebuildIndexes`, as building an
   * index once from sorted keys is several times cheaper than growing it a row at a time. Only on
   * SQLite, where readers keep reading the last committed state meanwhile; on PostgreSQL dropping
   * an index would lock every reader out of the table until commit, so it does nothing there.
   * Indexes that back a constraint (primary key, unique external id) are never dropped.
   */
  deferIndexes(table: string): Promise<void>;
  /** Recreates the indexes `deferIndexes` dropped, exactly as the schema defined them. */
  rebuildIndexes(): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/** SQLite page cache during an import: 256 MiB, filled only as far as the file needs. */
const IMPORT_CACHE_KIB = 262_144;

/** Rows per PostgreSQL statement: columns travel as one array parameter each, so only size limits this. */
const PG_CHUNK_ROWS = 5000;
/** Unanswered writes allowed on the connection before the import waits for the oldest. */
const MAX_WRITES_IN_FLIGHT = 4;

function columnList(columns: readonly ColumnDef[]): string {
  return columns.map((c) => c.name).join(', ');
}

class SqliteImportTransaction implements ImportTransaction {
  readonly engine = 'sqlite' as const;
  private readonly statements = new Map<string, SqliteDatabase.Statement>();
  private cacheSize: number | null;
  private readonly deferred: string[] = [];

  /**
   * A large file touches every page of the tables and indexes it grows; with SQLite's default 2 MB
   * page cache, dirty pages spill to the WAL over and over (half the speed). The cache is raised
   * for the import and put back after.
   */
  constructor(private readonly handle: SqliteDatabase.Database) {
    this.cacheSize = Number(handle.pragma('cache_size', { simple: true }));
    handle.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
  }

  private prepare(sqlText: string): SqliteDatabase.Statement {
    let statement = this.statements.get(sqlText);
    if (statement === undefined) {
      statement = this.handle.prepare(sqlText);
      this.statements.set(sqlText, statement);
    }
    return statement;
  }

  all<T = SqlRow>(sqlText: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return Promise.resolve(this.prepare(sqlText).all(...params) as T[]);
  }

  run(sqlText: string, params: readonly SqlValue[] = []): Promise<number> {
    return Promise.resolve(this.prepare(sqlText).run(...params).changes);
  }

  selectIn<T = SqlRow>(table: string, columns: readonly string[], keyColumn: string, keys: readonly string[], extraWhere?: string): Promise<T[]> {
    if (keys.length === 0) return Promise.resolve([]);
    // One statement for the whole list: the keys travel as one JSON array and each probes the index.
    const statement = this.prepare(
      `SELECT ${columns.join(', ')} FROM ${table} WHERE ${keyColumn} IN (SELECT value FROM json_each(?))${extraWhere === undefined ? '' : ` AND ${extraWhere}`}`,
    );
    return Promise.resolve(statement.all(JSON.stringify(keys)) as T[]);
  }

  insertMany(table: string, columns: readonly ColumnDef[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    const statement = this.prepare(`INSERT INTO ${table} (${columnList(columns)}) VALUES (${columns.map(() => '?').join(', ')})`);
    for (const row of rows) statement.run(...row);
    return Promise.resolve();
  }

  insertIgnoreMany(table: string, columns: readonly ColumnDef[], rows: readonly (readonly SqlValue[])[], conflictColumns: readonly string[]): Promise<boolean[]> {
    const statement = this.prepare(
      `INSERT INTO ${table} (${columnList(columns)}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT (${conflictColumns.join(', ')}) DO NOTHING`,
    );
    return Promise.resolve(rows.map((row) => statement.run(...row).changes > 0));
  }

  updateMany(table: string, columns: readonly ColumnDef[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
    if (rows.length === 0) return Promise.resolve();
    const [key, ...rest] = columns;
    if (key === undefined) throw new Error('updateMany needs a key column');
    const statement = this.prepare(`UPDATE ${table} SET ${rest.map((c) => `${c.name} = ?`).join(', ')} WHERE ${key.name} = ?`);
    for (const row of rows) statement.run(...row.slice(1), row[0]);
    return Promise.resolve();
  }

  deferIndexes(table: string): Promise<void> {
    const indexes = this.handle
      .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
      .all(table) as { name: string; sql: string }[];
    for (const index of indexes) {
      this.handle.exec(`DROP INDEX "${index.name.replace(/"/g, '""')}"`);
      this.deferred.push(index.sql);
    }
    return Promise.resolve();
  }

  rebuildIndexes(): Promise<void> {
    for (const definition of this.deferred.splice(0)) this.handle.exec(definition);
    return Promise.resolve();
  }

  commit(): Promise<void> {
    try {
      this.handle.exec('COMMIT');
    } finally {
      this.restoreCache();
    }
    return Promise.resolve();
  }

  rollback(): Promise<void> {
    try {
      if (this.handle.inTransaction) this.handle.exec('ROLLBACK');
    } finally {
      this.restoreCache();
    }
    return Promise.resolve();
  }

  private restoreCache(): void {
    if (this.cacheSize !== null) this.handle.pragma(`cache_size = ${this.cacheSize}`);
    this.cacheSize = null;
  }
}

/** Rewrites `?` placeholders as `$1, $2, …` (the SQL the writers pass never holds `?` in a literal). */
function numbered(sqlText: string): string {
  let n = 0;
  return sqlText.replace(/\?/g, () => `$${++n}`);
}

function transpose(columns: readonly ColumnDef[], rows: readonly (readonly SqlValue[])[]): SqlValue[][] {
  const arrays = columns.map((): SqlValue[] => new Array<SqlValue>(rows.length));
  rows.forEach((row, r) => {
    for (let c = 0; c < arrays.length; c++) (arrays[c] as SqlValue[])[r] = row[c] ?? null;
  });
  return arrays;
}

function unnest(columns: readonly ColumnDef[], offset = 0): string {
  return `unnest(${columns.map((c, i) => `$${i + 1 + offset}::${c.type}[]`).join(', ')})`;
}

function chunks<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

class PostgresImportTransaction implements ImportTransaction {
  readonly engine = 'postgres' as const;
  private released = false;
  /**
   * Writes are sent without waiting for them: the connection runs statements in order, so the
   * next batch is prepared while the server works on this one. Reads wait their turn behind them.
   * A failed write is reported by the next statement or by commit.
   */
  private readonly inflight: Promise<void>[] = [];
  private writeError: Error | null = null;
  /** The last statement sent: each statement starts when the one before it has finished. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(private readonly client: pg.PoolClient) {}

  private enqueue<R extends pg.QueryResultRow>(text: string, values: readonly unknown[]): Promise<pg.QueryResult<R>> {
    const result = this.tail.then(() => this.client.query<R>(text, [...values]));
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async query<R extends pg.QueryResultRow = Record<string, SqlValue>>(text: string, values: readonly unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.enqueue<R>(text, values);
    } catch (error) {
      await this.drain();
      // A statement after a failed write fails only because the transaction is aborted: say why.
      throw this.writeError ?? error;
    }
  }

  private async send(text: string, values: readonly unknown[]): Promise<void> {
    this.inflight.push(
      this.enqueue(text, values).then(
        () => undefined,
        (error: unknown) => {
          this.writeError ??= error instanceof Error ? error : new Error(String(error));
        },
      ),
    );
    if (this.inflight.length > MAX_WRITES_IN_FLIGHT) await this.inflight.shift();
  }

  private async drain(): Promise<void> {
    await Promise.all(this.inflight.splice(0));
    await this.tail;
  }

  async all<T = SqlRow>(sqlText: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await this.query(numbered(sqlText), params)).rows as T[];
  }

  async run(sqlText: string, params: readonly SqlValue[] = []): Promise<number> {
    return (await this.query(numbered(sqlText), params)).rowCount ?? 0;
  }

  async selectIn<T = SqlRow>(table: string, columns: readonly string[], keyColumn: string, keys: readonly string[], extraWhere?: string): Promise<T[]> {
    if (keys.length === 0) return [];
    const result = await this.query(
      `SELECT ${columns.join(', ')} FROM ${table} WHERE ${keyColumn} = ANY($1::text[])${extraWhere === undefined ? '' : ` AND ${extraWhere}`}`,
      [keys],
    );
    return result.rows as T[];
  }

  async insertMany(table: string, columns: readonly ColumnDef[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
    for (const chunk of chunks(rows, PG_CHUNK_ROWS)) {
      await this.send(`INSERT INTO ${table} (${columnList(columns)}) SELECT * FROM ${unnest(columns)}`, transpose(columns, chunk));
    }
  }

  async insertIgnoreMany(table: string, columns: readonly ColumnDef[], rows: readonly (readonly SqlValue[])[], conflictColumns: readonly string[]): Promise<boolean[]> {
    const written: boolean[] = [];
    const keyIndexes = conflictColumns.map((name) => columns.findIndex((c) => c.name === name));
    const keyOf = (values: readonly unknown[]): string => values.map((v) => String(v)).join('\u0000');
    for (const chunk of chunks(rows, PG_CHUNK_ROWS)) {
      const result = await this.query(
        `INSERT INTO ${table} (${columnList(columns)}) SELECT * FROM ${unnest(columns)}
         ON CONFLICT (${conflictColumns.join(', ')}) DO NOTHING RETURNING ${conflictColumns.join(', ')}`,
        transpose(columns, chunk),
      );
      const inserted = new Set(result.rows.map((row) => keyOf(conflictColumns.map((name) => row[name]))));
      for (const row of chunk) {
        // A key written twice in one chunk was inserted once: only its first row counts as written.
        written.push(inserted.delete(keyOf(keyIndexes.map((i) => row[i]))));
      }
    }
    return written;
  }

  async updateMany(table: string, columns: readonly ColumnDef[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
    const [key, ...rest] = columns;
    if (key === undefined) throw new Error('updateMany needs a key column');
    for (const chunk of chunks(rows, PG_CHUNK_ROWS)) {
      await this.send(
        `UPDATE ${table} AS t SET ${rest.map((c) => `${c.name} = v.${c.name}`).join(', ')}
         FROM ${unnest(columns)} AS v(${columnList(columns)}) WHERE t.${key.name} = v.${key.name}`,
        transpose(columns, chunk),
      );
    }
  }

  deferIndexes(): Promise<void> {
    return Promise.resolve();
  }

  rebuildIndexes(): Promise<void> {
    return Promise.resolve();
  }

  async commit(): Promise<void> {
    try {
      await this.drain();
      if (this.writeError !== null) throw this.writeError;
      await this.client.query('COMMIT');
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => undefined);
      this.release(error);
      throw error;
    }
    this.release();
  }

  async rollback(): Promise<void> {
    if (this.released) return;
    try {
      await this.drain();
      await this.client.query('ROLLBACK');
      this.release();
    } catch (error) {
      this.release(error);
      throw error;
    }
  }

  /** Gives the connection back; after an error it is closed instead, as its state is unknown. */
  private release(error?: unknown): void {
    if (this.released) return;
    this.released = true;
    this.client.release(error instanceof Error ? error : undefined);
  }
}

/**
 * Opens the one transaction an import file is written in. SQLite takes the write lock at once
 * (BEGIN IMMEDIATE), so the file cannot fail half-way on a busy database; nothing may use the
 * store's Kysely handle until the transaction ends, as it shares the same connection.
 */
export async function beginImportTransaction(store: Store): Promise<ImportTransaction> {
  if (store.engine === 'sqlite') {
    if (store.sqlite === undefined) throw new StoreError('database_unreachable', 'The SQLite handle is not open');
    const tx = new SqliteImportTransaction(store.sqlite);
    try {
      store.sqlite.exec('BEGIN IMMEDIATE');
    } catch (error) {
      await tx.rollback();
      throw error;
    }
    return tx;
  }
  if (store.pool === undefined) throw new StoreError('database_unreachable', 'The PostgreSQL pool is not open');
  const client = await store.pool.connect();
  try {
    await client.query('BEGIN');
  } catch (error) {
    client.release();
    throw error;
  }
  return new PostgresImportTransaction(client);
}
