import type { Command } from 'commander';
import { openDatabase, type OpenStoreOptions, type Store } from '../services/open-database.ts';

/** The options every command shares, given before or after the command name. */
export interface GlobalOptions {
  /** A SQLite file path or a postgres:// URL. */
  readonly db: string;
  readonly json: boolean;
  readonly verbose: boolean;
}

export const DEFAULT_DB = './salesops.db';

/** --db, then SALESOPS_DB, then DATABASE_URL, then ./salesops.db. An empty variable counts as unset. */
export function resolveDatabaseTarget(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const candidates = [explicit, env.SALESOPS_DB, env.DATABASE_URL];
  return candidates.find((value): value is string => value !== undefined && value.trim() !== '') ?? DEFAULT_DB;
}

export function globalOptions(command: Command): GlobalOptions {
  const options = command.optsWithGlobals<{ db?: string; json?: boolean; verbose?: boolean }>();
  return { db: resolveDatabaseTarget(options.db), json: options.json === true, verbose: options.verbose === true };
}

/** Opens the database for one command and closes it afterwards, whatever happens. */
export async function withStore<T>(target: string, options: OpenStoreOptions, run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openDatabase(target, options);
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/** Results go to stdout; progress and errors to stderr. */
export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Today's date in UTC as YYYY-MM-DD (the CLI's clock; the core takes dates as arguments). */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}
