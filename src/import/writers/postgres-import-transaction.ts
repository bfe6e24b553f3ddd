import type pg from 'pg';
import type { ColumnDef, ImportTransaction, SqlRow, SqlValue } from './import-transaction.ts';
import { copyInto, copyText } from './postgres-copy.ts';

/** Rows per PostgreSQL statement: columns travel as one array parameter each, so only size limits this. */
const PG_CHUNK_ROWS = 5000;
/**
 * From this many rows an insert goes through COPY. Below it, COPY's extra round of messages costs
 * more than the arrays it saves the server from parsing. Updates stay on arrays: going through a
 * staging table (COPY, UPDATE … FROM, TRUNCATE) measured slower than one UPDATE … FROM unnest.
 */
const COPY_MIN_ROWS = 200;
/** Unanswered writes allowed on the connection before the import waits for the oldest. */
const MAX_WRITES_IN_FLIGHT = 4;

function columnList(columns: readonly ColumnDef[]): string {
  return columns.map((c) => c.name).join(', ');
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

/**
 * The connection an import holds for its transaction. Writes are sent without waiting for them:
 * the connection runs statements in order, so the next batch is prepared while the server works
 * on this one. Reads wait their turn behind them. A failed write is reported by the next
 * statement or by commit.
 */
class ImportConnection {
  released = false;
  readonly inflight: Promise<void>[] = [];
  writeError: Error | null = null;
  /** The last statement sent: each statement starts when the one before it has finished. */
  private tail: Promise<unknown> = Promise.resolve();

  constructor(readonly client: pg.PoolClient) {}

  enqueue<R>(run: (client: pg.PoolClient) => Promise<R>): Promise<R> {
    const result = this.tail.then(() => run(this.client));
    this.tail = result.catch(() => undefined);
    return result;
  }

  async query<R extends pg.QueryResultRow = Record<string, SqlValue>>(text: string, values: readonly unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.enqueue((client) => client.query<R>(text, [...values]));
    } catch (error) {
      await this.drain();
      // A statement after a failed write fails only because the transaction is aborted: say why.
      throw this.writeError ?? error;
    }
  }

  send(text: string, values: readonly unknown[]): Promise<void> {
    return this.sendWith((client) => client.query(text, [...values]));
  }

  sendCopy(text: string, payload: string): Promise<void> {
    return this.sendWith((client) => copyInto(client, text, payload));
  }

  private async sendWith(run: (client: pg.PoolClient) => Promise<unknown>): Promise<void> {
    this.inflight.push(
      this.enqueue(run).then(
        () => undefined,
        (error: unknown) => {
          this.writeError ??= error instanceof Error ? error : new Error(String(error));
        },
      ),
    );
    if (this.inflight.length > MAX_WRITES_IN_FLIGHT) await this.inflight.shift();
  }

  async drain(): Promise<void> {
    await Promise.all(this.inflight.splice(0));
    await this.tail;
  }

  /** Gives the connection back; after an error it is closed instead, as its state is unknown. */
  release(error?: unknown): void {
    if (this.released) return;
    this.released = true;
    this.client.release(error instanceof Error ? error : undefined);
  }
}

/**
 * An import transaction on one pooled connection: each bulk operation is one statement per chunk
 * of rows, passing columns as arrays through `unnest`. Opened with a savepoint name, it is nested
 * in the connection's open transaction: commit releases the savepoint and rollback undoes only
 * what it wrote (which also clears a failed write, so the outer transaction can go on).
 */
export class PostgresImportTransaction implements ImportTransaction {
  readonly engine = 'postgres' as const;
  private savepointCount = 0;
  private ended = false;

  private constructor(
    private readonly connection: ImportConnection,
    private readonly savepointName: string | null,
  ) {}

  static async begin(client: pg.PoolClient): Promise<PostgresImportTransaction> {
    try {
      await client.query('BEGIN');
    } catch (error) {
      client.release();
      throw error;
    }
    return new PostgresImportTransaction(new ImportConnection(client), null);
  }

  async savepoint(): Promise<ImportTransaction> {
    this.savepointCount += 1;
    const name = `${this.savepointName ?? 'import'}_${this.savepointCount}`;
    await this.connection.query(`SAVEPOINT ${name}`, []);
    return new PostgresImportTransaction(this.connection, name);
  }

  async all<T = SqlRow>(sqlText: string, params: readonly SqlValue[] = []): Promise<T[]> {
    return (await this.connection.query(numbered(sqlText), params)).rows as T[];
  }

  async run(sqlText: string, params: readonly SqlValue[] = []): Promise<number> {
    return (await this.connection.query(numbered(sqlText), params)).rowCount ?? 0;
  }

  async selectIn<T = SqlRow>(table: string, columns: readonly string[], keyColumn: string, keys: readonly string[], extraWhere?: string): Promise<T[]> {
    if (keys.length === 0) return [];
    const result = await this.connection.query(
      `SELECT ${columns.join(', ')} FROM ${table} WHERE ${keyColumn} = ANY($1::text[])${extraWhere === undefined ? '' : ` AND ${extraWhere}`}`,
      [keys],
    );
    return result.rows as T[];
  }

  async insertMany(table: string, columns: readonly ColumnDef[], rows: readonly (readonly SqlValue[])[]): Promise<void> {
    if (rows.length >= COPY_MIN_ROWS) {
      // A plain insert: COPY into the table itself checks the same constraints and keys, and spares
      // the server parsing one array per column.
      for (const chunk of chunks(rows, PG_CHUNK_ROWS)) {
        await this.connection.sendCopy(`COPY ${table} (${columnList(columns)}) FROM STDIN`, copyText(columns.length, chunk));
      }
      return;
    }
    for (const chunk of chunks(rows, PG_CHUNK_ROWS)) {
      await this.connection.send(`INSERT INTO ${table} (${columnList(columns)}) SELECT * FROM ${unnest(columns)}`, transpose(columns, chunk));
    }
  }

  async insertIgnoreMany(table: string, columns: readonly ColumnDef[], rows: readonly (readonly SqlValue[])[], conflictColumns: readonly string[]): Promise<boolean[]> {
    const written: boolean[] = [];
    const keyIndexes = conflictColumns.map((name) => columns.findIndex((c) => c.name === name));
    const keyOf = (values: readonly unknown[]): string => values.map((v) => String(v)).join('\u0000');
    for (const chunk of chunks(rows, PG_CHUNK_ROWS)) {
      const result = await this.connection.query(
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
      await this.connection.send(
        `UPDATE ${table} AS t SET ${rest.map((c) => `${c.name} = v.${c.name}`).join(', ')}
         FROM ${unnest(columns)} AS v(${columnList(columns)}) WHERE t.${key.name} = v.${key.name}`,
        transpose(columns, chunk),
      );
    }
  }

  // Dropping an index on PostgreSQL would lock every reader out of the table until commit.
  deferIndexes(): Promise<void> {
    return Promise.resolve();
  }

  rebuildIndexes(): Promise<void> {
    return Promise.resolve();
  }

  async commit(): Promise<void> {
    const connection = this.connection;
    if (this.savepointName !== null) {
      await connection.drain();
      if (connection.writeError !== null) throw connection.writeError;
      await connection.query(`RELEASE SAVEPOINT ${this.savepointName}`, []);
      this.ended = true;
      return;
    }
    try {
      await connection.drain();
      if (connection.writeError !== null) throw connection.writeError;
      await connection.client.query('COMMIT');
    } catch (error) {
      await connection.client.query('ROLLBACK').catch(() => undefined);
      connection.release(error);
      throw error;
    }
    this.ended = true;
    connection.release();
  }

  async rollback(): Promise<void> {
    const connection = this.connection;
    if (this.ended || connection.released) return;
    this.ended = true;
    try {
      await connection.drain();
      if (this.savepointName === null) {
        await connection.client.query('ROLLBACK');
        connection.release();
      } else {
        await connection.client.query(`ROLLBACK TO SAVEPOINT ${this.savepointName}`);
        await connection.client.query(`RELEASE SAVEPOINT ${this.savepointName}`);
        connection.writeError = null;
      }
    } catch (error) {
      connection.release(error);
      throw error;
    }
  }
}
