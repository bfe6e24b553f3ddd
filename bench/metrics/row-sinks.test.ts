import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { sqliteRowSink, teeSink, tsvPath, tsvRowSink } from './row-sinks.ts';
import { BENCH_COLUMNS, BENCH_TABLES } from './workspace-rows.ts';

const REPORTING_LINE = ['rl_1', 'per_2', 'per_1', '2022-01-03', null] as const;

function withDirectory(test: (directory: string) => void): void {
  const directory = mkdtempSync(join(tmpdir(), 'row-sinks-'));
  try {
    test(directory);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** A database with the benchmark's tables, untyped and unconstrained (in memory unless a path is given). */
function bareDatabase(path = ':memory:'): SqliteDatabase.Database {
  const db = new SqliteDatabase(path);
  for (const table of BENCH_TABLES) db.exec(`CREATE TABLE ${table} (${BENCH_COLUMNS[table].join(', ')})`);
  return db;
}

describe('tsvRowSink', () => {
  it("writes each table's rows to its own file in COPY text format, null as \\N", () => {
    withDirectory((directory) => {
      const sink = tsvRowSink(directory);
      sink.write('reporting_line', REPORTING_LINE);
      sink.write('person', ['per_1', null, 'A\tB', null, 1, null, null, null, 'x', 'y']);
      sink.finish();
      expect(readFileSync(tsvPath(directory, 'reporting_line'), 'utf8')).toBe('rl_1\tper_2\tper_1\t2022-01-03\t\\N\n');
      expect(readFileSync(tsvPath(directory, 'person'), 'utf8')).toBe('per_1\t\\N\tA\\tB\t\\N\t1\t\\N\t\\N\t\\N\tx\ty\n');
      expect(readFileSync(tsvPath(directory, 'account'), 'utf8')).toBe('');
    });
  });
});

describe('sqliteRowSink', () => {
  it('commits once enough rows are held, at the next checkpoint, and the rest on finish', () => {
    withDirectory((directory) => {
      const path = join(directory, 'load.db');
      const db = bareDatabase(path);
      db.pragma('journal_mode = WAL');
      // A second connection sees only what has been committed.
      const reader = new SqliteDatabase(path, { readonly: true });
      const committed = () => reader.prepare('SELECT count(*) FROM reporting_line').pluck().get();
      const sink = sqliteRowSink(db, 2);
      sink.write('reporting_line', REPORTING_LINE);
      sink.checkpoint?.();
      expect(committed()).toBe(0);
      sink.write('reporting_line', ['rl_2', 'per_3', 'per_1', '2022-01-03', null]);
      sink.checkpoint?.();
      expect(committed()).toBe(2);
      sink.write('reporting_line', ['rl_3', 'per_4', 'per_1', '2022-01-03', null]);
      sink.finish();
      expect(committed()).toBe(3);
      reader.close();
      db.close();
    });
  });
});

describe('teeSink', () => {
  it('hands every row to each sink', () => {
    withDirectory((directory) => {
      const db = bareDatabase();
      const sink = teeSink([sqliteRowSink(db), tsvRowSink(directory)]);
      sink.write('reporting_line', REPORTING_LINE);
      sink.finish();
      expect(db.prepare('SELECT count(*) FROM reporting_line').pluck().get()).toBe(1);
      expect(readFileSync(tsvPath(directory, 'reporting_line'), 'utf8')).toContain('rl_1');
    });
  });
});
