import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createPgBossQueue } from '../../jobs/pg-boss-queue.ts';
import { watchJob } from '../../jobs/watch-job.ts';
import { CLI_ACTOR } from '../../services/access/actor.ts';
import { startImport } from '../../services/imports/start-import.ts';
import { uploadImportFile } from '../../services/imports/upload-import-file.ts';
import { initialiseWorkspace } from '../../services/initialise-workspace.ts';
import { openDatabase } from '../../services/open-database.ts';
import { createTestTarget, TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { salesops, spawnSalesops } from '../testing/run-salesops.ts';

const USERS = readFileSync(new URL('../../import/fixtures/salesforce/User.csv', import.meta.url));

describe('salesops worker', () => {
  it('refuses a SQLite database, whose jobs run inside salesops serve, with exit 6', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'salesops-worker-'));
    try {
      const run = await salesops(['--db', join(folder, 'test.db'), 'worker']);
      expect(run.code).toBe(6);
      expect(run.stderr).toBe('error: On SQLite, jobs run inside "salesops serve"; "salesops worker" is for PostgreSQL databases\n');
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it.skipIf(!TEST_ENGINES.includes('postgres'))('takes an import from the PostgreSQL queue, logs its start and end, and stops on SIGTERM', async () => {
    const { target, drop } = await createTestTarget('postgres');
    const store = await openDatabase(target);
    try {
      await initialiseWorkspace(store, { name: 'Test', corporateCurrency: 'USD' });
      const worker = spawnSalesops(['--db', target, 'worker']);
      let stdout = '';
      worker.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      while (!stdout.includes('is taking jobs')) {
        if (worker.exitCode !== null) throw new Error(`the worker exited ${worker.exitCode}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const server = createPgBossQueue(store, { connectionString: target, work: false, log: () => undefined });
      await server.start();
      try {
        const { fileId } = await uploadImportFile(store, CLI_ACTOR, { name: 'User.csv', content: USERS });
        const { jobId } = await startImport(store, CLI_ACTOR, server, { fileIds: [fileId], dryRun: false });
        const done = await watchJob(store, CLI_ACTOR, jobId, () => undefined, { intervalMs: 100 });
        expect(done.status).toBe('succeeded');
        worker.kill('SIGTERM');
        const [code] = (await once(worker, 'close')) as [number | null];
        expect(code).toBe(0);
        expect(stdout).toMatch(new RegExp(`^\\S+Z job ${jobId} \\(import\\) started on \\S+$`, 'm'));
        expect(stdout).toMatch(new RegExp(`^\\S+Z job ${jobId} \\(import\\) succeeded after [\\d.]+ s$`, 'm'));
      } finally {
        await server.stop();
        if (worker.exitCode === null) worker.kill('SIGKILL');
      }
    } finally {
      await store.close();
      await drop();
    }
  });
});
