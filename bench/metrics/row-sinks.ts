/**
 * Where the generated rows go: straight into SQLite through prepared statements in large
 * transactions, or into tab-separated files in COPY's text format (PostgreSQL's COPY and DuckDB's
 * read_csv both load them), or both at once.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type SqliteDatabase from 'better-sqlite3';
import { copyText } from '../../src/import/writers/postgres-copy.ts';
import type { SqlValue } from '../../src/import/writers/import-transaction.ts';
import { BENCH_COLUMNS, BENCH_TABLES, type BenchTable, type RowSink } from './workspace-rows.ts';

export interface ClosableSink extends RowSink {
  /** Writes what is still held; the sink is not used afterwards. */
  finish(): void;
}

/**
 * Inserts through one prepared statement per table, committing every `rowsPerTransaction` rows (at
 * an opportunity boundary): large transactions are what make SQLite's bulk inserts fast.
 */
export function sqliteRowSink(handle: SqliteDatabase.Database, rowsPerTransaction = 200_000): ClosableSink {
  const statements = new Map<BenchTable, SqliteDatabase.Statement>();
  for (const table of BENCH_TABLES) {
    const columns = BENCH_COLUMNS[table];
    statements.set(table, handle.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`));
  }
  let pending = 0;
  handle.exec('BEGIN');
  return {
    write(table, values) {
      statements.get(table)?.run(values);
      pending += 1;
    },
    checkpoint() {
      if (pending < rowsPerTransaction) return;
      handle.exec('COMMIT');
      handle.exec('BEGIN');
      pending = 0;
    },
    finish() {
      handle.exec('COMMIT');
    },
  };
}

/** The file a table's rows are written to in `directory`. */
export function tsvPath(directory: string, table: BenchTable): string {
  return join(directory, `${table}.tsv`);
}

const ROWS_PER_WRITE = 4_096;

/** Writes each table's rows to `<directory>/<table>.tsv` in COPY's text format (tab-separated, `\N` for null). */
export function tsvRowSink(directory: string): ClosableSink {
  const files = new Map<BenchTable, { fd: number; rows: (readonly SqlValue[])[] }>();
  for (const table of BENCH_TABLES) files.set(table, { fd: openSync(tsvPath(directory, table), 'w'), rows: [] });
  const flush = (table: BenchTable): void => {
    const file = files.get(table);
    if (file === undefined || file.rows.length === 0) return;
    writeSync(file.fd, copyText(BENCH_COLUMNS[table].length, file.rows));
    file.rows = [];
  };
  return {
    write(table, values) {
      const file = files.get(table);
      if (file === undefined) throw new Error(`No file for ${table}`);
      file.rows.push(values);
      if (file.rows.length >= ROWS_PER_WRITE) flush(table);
    },
    finish() {
      for (const [table, file] of files) {
        flush(table);
        closeSync(file.fd);
      }
    },
  };
}

/** Every row to each of the sinks. */
export function teeSink(sinks: readonly ClosableSink[]): ClosableSink {
  return {
    write(table, values) {
      for (const sink of sinks) sink.write(table, values);
    },
    checkpoint() {
      for (const sink of sinks) sink.checkpoint?.();
    },
    finish() {
      for (const sink of sinks) sink.finish();
    },
  };
}
