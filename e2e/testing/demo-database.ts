import { join } from 'node:path';
import { salesops } from '../../src/cli/testing/run-salesops.ts';

/**
 * The demo company's size for the browser tests: 0.05 is a handful of reps and about a thousand
 * opportunities, built in seconds yet with every role's pages filled.
 */
export const E2E_DEMO_SCALE = 0.05;

/** Creates a SQLite database in `folder` holding the demo workspace and its demo users (one per role). */
export async function createDemoDatabase(folder: string): Promise<string> {
  const database = join(folder, 'e2e.db');
  const run = await salesops(['--db', database, 'demo', '--scale', String(E2E_DEMO_SCALE)]);
  if (run.code !== 0) throw new Error(`salesops demo failed (exit ${run.code}):\n${run.stderr}`);
  return database;
}
