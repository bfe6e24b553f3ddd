import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { assertChromiumInstalled } from './browser.ts';
import { createDemoDatabase } from './demo-database.ts';
import { startSalesopsServer, type RunningServer } from './salesops-server.ts';
import { ensureWebBuild } from './web-build.ts';

export interface E2eEnvironment {
  /** The server's address, ending in a slash. */
  readonly baseUrl: string;
  /** The SQLite file the server runs on, for reading expected values straight from the database. */
  readonly database: string;
  /** A folder the journeys may write their input files to; deleted afterwards. */
  readonly folder: string;
}

/** A web build (only when its sources changed) beside a demo database, then the server's start. */
const SETUP_TIMEOUT_MS = 120_000;

/**
 * Builds the web app if needed, creates a demo database in a temporary folder and serves it for
 * the tests of the calling file; stops the server and deletes the folder afterwards.
 */
export function useE2eEnvironment(): E2eEnvironment {
  let folder: string | undefined;
  let database: string | undefined;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    assertChromiumInstalled();
    folder = mkdtempSync(join(tmpdir(), 'salesops-e2e-'));
    // The build and the demo touch different files: run them side by side.
    const [, created] = await Promise.all([ensureWebBuild(), createDemoDatabase(folder)]);
    database = created;
    server = await startSalesopsServer(database);
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await server?.stop();
    if (folder !== undefined) rmSync(folder, { recursive: true, force: true });
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`The browser test environment has no ${what}: its setup failed (see the beforeAll error).`);
    return value;
  };
  return {
    get baseUrl() {
      return ready(server, 'server').url;
    },
    get database() {
      return ready(database, 'database');
    },
    get folder() {
      return ready(folder, 'folder');
    },
  };
}
