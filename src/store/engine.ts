/** The two database engines salesops runs on: an embedded SQLite file, or a PostgreSQL server. */
export type Engine = 'sqlite' | 'postgres';

/** A database target is a PostgreSQL URL (postgres:// or postgresql://) or a SQLite file path. */
export function engineOfTarget(target: string): Engine {
  return /^postgres(ql)?:\/\//i.test(target) ? 'postgres' : 'sqlite';
}
