import { renameSync, rmSync } from 'node:fs';
import type { Store } from './database.ts';

export interface BackupProgress {
  readonly totalPages: number;
  readonly pagesDone: number;
}

/** Pages copied per step: small enough for a smooth progress bar, large enough to stay fast. */
const PAGES_PER_STEP = 256;

/**
 * Copies an open SQLite database to `destination` with SQLite's online backup API: readers and
 * writers carry on during the copy and the copy is a consistent snapshot. The copy is written to
 * a temporary file beside the destination and renamed into place, so an interrupted backup never
 * leaves a half-written file under the destination's name. Replaces an existing destination;
 * callers decide whether that is allowed.
 */
export async function backupSqlite(store: Store, destination: string, onProgress?: (progress: BackupProgress) => void): Promise<BackupProgress> {
  const sqlite = store.sqlite;
  if (sqlite === undefined) throw new Error('Online backup needs a SQLite database');
  const partial = `${destination}.partial-${process.pid}`;
  let last: BackupProgress = { totalPages: 0, pagesDone: 0 };
  try {
    const result = await sqlite.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        last = { totalPages, pagesDone: totalPages - remainingPages };
        onProgress?.(last);
        return PAGES_PER_STEP;
      },
    });
    last = { totalPages: result.totalPages, pagesDone: result.totalPages - result.remainingPages };
    onProgress?.(last);
    renameSync(partial, destination);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
  return last;
}
