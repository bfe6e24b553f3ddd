import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { backupSqlite, type BackupProgress } from '../store/backup.ts';
import { openStore, type Store } from '../store/database.ts';
import { engineOfTarget } from '../store/engine.ts';
import { ServiceError } from './service-error.ts';

export type { BackupProgress };

export interface BackupOptions {
  /** Replace `destination` when it exists (default: refuse). */
  readonly force?: boolean;
  readonly onProgress?: (progress: BackupProgress) => void;
}

export interface BackupResult {
  readonly destination: string;
  readonly bytes: number;
  readonly pages: number;
}

/** The commands that back up and restore a PostgreSQL database, for a message. */
export function postgresBackupHint(target: string, destination: string): string {
  return `pg_dump --format=custom --file ${destination} ${target} (restore with pg_restore --clean --dbname <url> ${destination})`;
}

/**
 * Writes a consistent copy of a SQLite database to `destination` while it stays in use. On
 * PostgreSQL this is not supported (not_supported_on_engine): pg_dump is the tool, and the error
 * says how to call it.
 */
export async function backupDatabase(store: Store, destination: string, options: BackupOptions = {}): Promise<BackupResult> {
  if (store.engine !== 'sqlite') {
    throw new ServiceError(
      'not_supported_on_engine',
      `salesops backup copies SQLite files; for PostgreSQL use ${postgresBackupHint(store.target, destination)}`,
      { engine: store.engine },
    );
  }
  if (existsSync(destination) && options.force !== true) {
    throw new ServiceError('file_exists', `${destination} already exists; choose another file or pass --force to replace it`, { destination });
  }
  const folder = dirname(destination);
  if (!existsSync(folder)) {
    throw new ServiceError('not_found', `The folder ${folder} does not exist`, { folder });
  }
  const progress = await backupSqlite(store, destination, options.onProgress);
  return { destination, bytes: statSync(destination).size, pages: progress.totalPages };
}

/**
 * Backs up the database named by `target`: a PostgreSQL URL is refused before any connection
 * (with the pg_dump command to use instead), a SQLite file is opened, copied and closed.
 */
export async function backupDatabaseAt(target: string, destination: string, options: BackupOptions = {}): Promise<BackupResult> {
  if (engineOfTarget(target) === 'postgres') {
    const shown = target.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
    throw new ServiceError('not_supported_on_engine', `salesops backup copies SQLite files; for PostgreSQL use ${postgresBackupHint(shown, destination)}`, { engine: 'postgres' });
  }
  const store = await openStore(target, { migrate: false, mustExist: true });
  try {
    return await backupDatabase(store, destination, options);
  } finally {
    await store.close();
  }
}
