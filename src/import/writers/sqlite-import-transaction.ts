import type SqliteDatabase from 'better-sqlite3';
import type { ColumnDef, ImportTransaction, SqlRow, SqlValue } from './import-transaction.ts';

/**
 * SQLite page cache during an import: 64 MiB. Larger caches measured no faster on a million-row
 * import (the indexes are built at the end) and cost their size in peak memory.
 */
const IMPORT_CACHE_KIB = 65_536;

function columnList(columns: readonly ColumnDef[]): string {
  return columns.map((c) => c.name).join(', ');
}

/**
 * An import transaction on the better-sqlite3 handle: each operation loops over cached prepared
 * statements (no round trips, so a row at a time is fastest). Opened with a savepoint name, it is
 * nested in a transaction already open on the handle: commit releases the savepoint, keeping its
 * rows for the rest of the outer transaction, and rollback undoes only what it wrote.
 */
export class SqliteImportTransaction implements ImportTransaction {
  readonly engine = 'sqlite' as const;
  private readonly statements: Map<string, SqliteDatabase.Statement>;
  private cacheSize: number | null = null;
  private readonly deferred: string[] = [];
  private savepointCount = 0;
  private ended = false;

  private constructor(
    private readonly handle: SqliteDatabase.Database,
    private readonly savepointName: string | null,
    statements: Map<string, SqliteDatabase.Statement>,
  ) {
    this.statements = statements;
  }

  /**
   * Begins a transaction. It takes the write lock at once (BEGIN IMMEDIATE), so the file cannot
   * fail half-way on a busy database. A large file touches every page of the tables and indexes it
   * grows; with SQLite's default 2 MB page cache, dirty pages spill to the WAL over and over (half
   * the speed), so the cache is raised for the import and put back after.
   */
  static begin(handle: SqliteDatabase.Database): SqliteImportTransaction {
    const tx = new SqliteImportTransaction(handle, null, new Map());
    tx.cacheSize = Number(handle.pragma('cache_size', { simple: true }));
    handle.pragma(`cache_size = -${IMPORT_CACHE_KIB}`);
    try {
      handle.exec('BEGIN IMMEDIATE');
    } catch (error) {
      tx.restoreCache();
      throw error;
    }
    return tx;
  }

  savepoint(): Promise<ImportTransaction> {
    this.savepointCount += 1;
    const name = `${this.savepointName ?? 'import'}_${this.savepointCount}`;
    this.handle.exec(`SAVEPOINT ${name}`);
    return Promise.resolve(new SqliteImportTransaction(this.handle, name, this.statements));
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
    for (const row of rows) statement.run(row);
    return Promise.resolve();
  }

  insertIgnoreMany(table: string, columns: readonly ColumnDef[], rows: readonly (readonly SqlValue[])[], conflictColumns: readonly string[]): Promise<boolean[]> {
    const statement = this.prepare(
      `INSERT INTO ${table} (${columnList(columns)}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT (${conflictColumns.join(', ')}) DO NOTHING`,
    );
    return Promise.resolve(rows.map((row) => statement.run(row).changes > 0));
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
      this.handle.exec(this.savepointName === null ? 'COMMIT' : `RELEASE ${this.savepointName}`);
      this.ended = true;
    } finally {
      this.restoreCache();
    }
    return Promise.resolve();
  }

  rollback(): Promise<void> {
    if (this.ended) return Promise.resolve();
    this.ended = true;
    try {
      if (this.handle.inTransaction) {
        this.handle.exec(this.savepointName === null ? 'ROLLBACK' : `ROLLBACK TO ${this.savepointName}; RELEASE ${this.savepointName}`);
      }
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
