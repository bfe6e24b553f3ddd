import type { Store } from '../../store/database.ts';
import type { Engine } from '../../store/engine.ts';
import { StoreError } from '../../store/store-error.ts';
import { PostgresImportTransaction } from './postgres-import-transaction.ts';
import { SqliteImportTransaction } from './sqlite-import-transaction.ts';

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
 * call these and never see the engine (sqlite-import-transaction.ts, postgres-import-transaction.ts).
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
  /**
   * A transaction nested in this one (a savepoint): its commit keeps what it wrote for the rest of
   * this transaction, its rollback undoes only that. A dry run over several files writes each file
   * in one, so later files see earlier files' rows, and rolls back the whole set at the end.
   */
  savepoint(): Promise<ImportTransaction>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

/**
 * Opens the one transaction an import file is written in. SQLite takes the write lock at once
 * (BEGIN IMMEDIATE), so the file cannot fail half-way on a busy database; nothing may use the
 * store's Kysely handle until the transaction ends, as it shares the same connection.
 */
export async function beginImportTransaction(store: Store): Promise<ImportTransaction> {
  if (store.engine === 'sqlite') {
    if (store.sqlite === undefined) throw new StoreError('database_unreachable', 'The SQLite handle is not open');
    return SqliteImportTransaction.begin(store.sqlite);
  }
  if (store.pool === undefined) throw new StoreError('database_unreachable', 'The PostgreSQL pool is not open');
  return PostgresImportTransaction.begin(await store.pool.connect());
}
