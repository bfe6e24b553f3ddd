import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../../services/access/actor.ts';
import { startImport } from '../../services/imports/start-import.ts';
import { createRecordingQueue } from '../../services/imports/testing/recording-queue.ts';
import { uploadImportFile } from '../../services/imports/upload-import-file.ts';
import type { JobHandlers } from '../../services/jobs/job-handler.ts';
import { runJob } from '../../services/jobs/run-job.ts';
import { submitJob } from '../../services/jobs/submit-job.ts';
import { openDatabase, type Store } from '../../services/open-database.ts';
import { ServiceError } from '../../services/service-error.ts';
import { salesops } from '../testing/run-salesops.ts';

const FIXTURES = new URL('../../import/fixtures/', import.meta.url).pathname;
const INPUT = { fileIds: ['file_1'], dryRun: false };

describe('salesops jobs', () => {
  let folder: string;
  let db: string;
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'salesops-jobs-'));
    db = join(folder, 'test.db');
    await salesops(['--db', db, 'init']);
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  async function withDatabase<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const store = await openDatabase(db);
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }

  /** A job run to its end by a handler that returns `result` or throws `error`. */
  async function finishedJob(outcome: { result?: unknown; error?: Error }): Promise<string> {
    const handlers: JobHandlers = {
      import: { permission: 'import.run', parseInput: (input) => input, run: () => (outcome.error === undefined ? Promise.resolve(outcome.result) : Promise.reject(outcome.error)) },
    };
    return withDatabase(async (store) => {
      const job = await submitJob(store, CLI_ACTOR, 'import', INPUT);
      await runJob(store, job.id, 'test', { handlers, log: () => undefined });
      return job.id;
    });
  }

  /** A finished import of the fixture files, as the web app would start it. */
  async function finishedImport(...files: string[]): Promise<string> {
    return withDatabase(async (store) => {
      const fileIds: string[] = [];
      for (const file of files) fileIds.push((await uploadImportFile(store, CLI_ACTOR, { name: file.split('/').at(-1) ?? file, content: readFileSync(join(FIXTURES, file)) })).fileId);
      const { jobId } = await startImport(store, CLI_ACTOR, createRecordingQueue(), { fileIds, dryRun: false });
      await runJob(store, jobId, 'test');
      return jobId;
    });
  }

  it('lists jobs as a table, with each failed job\'s error', async () => {
    const id = await finishedJob({ error: new ServiceError('not_found', 'No uploaded file file_1') });
    const run = await salesops(['--db', db, 'jobs', 'list']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^id\s+kind\s+status\s+created by\s+created\s+progress\s+error$/m);
    expect(run.stdout).toMatch(new RegExp(`^${id}\\s+import\\s+failed\\s+cli\\s+.*not_found: No uploaded file file_1$`, 'm'));
  });

  it('lists jobs as JSON with --json', async () => {
    const id = await finishedJob({ result: { files: [] } });
    const run = await salesops(['--db', db, '--json', 'jobs', 'list']);
    expect(JSON.parse(run.stdout)).toMatchObject({ items: [{ id, status: 'succeeded' }] });
  });

  it('watch prints an import\'s outcome per file and exits 0 when every file committed', async () => {
    const id = await finishedImport('salesforce/User.csv');
    const run = await salesops(['--db', db, 'jobs', 'watch', id]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^User\.csv\s+person\s+salesforce\s+committed\s+6\s+6\s+0\s+0\s+0$/m);
  });

  it('watch exits 3 and shows the rejected rows when an import refused a file', async () => {
    const id = await finishedImport('other/bad-rows.csv');
    const run = await salesops(['--db', db, 'jobs', 'watch', id]);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/bad-rows\.csv\s+opportunity\s+\S+\s+rejected/);
    expect(run.stdout).toMatch(/^\s*3\s+CloseDate\s+.*2025-02-30/m);
  });

  it('watch exits 1 with the job\'s error when the job failed', async () => {
    const id = await finishedJob({ error: new ServiceError('forbidden', 'Your role (rep) may not do this (import.run)') });
    const run = await salesops(['--db', db, 'jobs', 'watch', id]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`error: job ${id} failed: Your role (rep) may not do this (import.run) (forbidden)\n`);
  });

  it('watch exits 5 for a job that does not exist', async () => {
    const run = await salesops(['--db', db, 'jobs', 'watch', 'job_missing']);
    expect(run.code).toBe(5);
    expect(run.stderr).toBe('error: No job job_missing\n');
  });
});
