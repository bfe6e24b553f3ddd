import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs `work` with a new private folder (mode 0700) under the system's temp folder and removes
 * the folder and everything in it afterwards, whatever happens. Uploaded bytes pass through such
 * a folder because the import readers read files by path.
 */
export async function withTempFolder<T>(prefix: string, work: (folder: string) => Promise<T>): Promise<T> {
  const folder = await mkdtemp(join(tmpdir(), prefix));
  try {
    return await work(folder);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
