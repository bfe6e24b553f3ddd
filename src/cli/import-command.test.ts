import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { salesops } from './testing/run-salesops.ts';

const FIXTURES = new URL('../import/fixtures/', import.meta.url).pathname;

describe('salesops import', () => {
  let folder: string;
  let db: string;
  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'salesops-import-'));
    db = join(folder, 'test.db');
    await salesops(['--db', db, 'init']);
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('prints a summary row per file and exits 0 when every file commits', async () => {
    const files = readdirSync(join(FIXTURES, 'salesforce')).map((name) => join(FIXTURES, 'salesforce', name));
    const run = await salesops(['--db', db, 'import', ...files]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^file\s+entity\s+preset\s+status\s+rows\s+inserted\s+updated\s+unchanged\s+rejected$/m);
    expect(run.stdout).toMatch(/^Account\.csv\s+account\s+\S+\s+committed\s+8\s+8\s/m);
  });

  it('exits 3 and shows the first bad rows and the error report when a file is rejected', async () => {
    const input = join(folder, 'bad-rows.csv');
    copyFileSync(join(FIXTURES, 'other', 'bad-rows.csv'), input);
    const run = await salesops(['--db', db, 'import', input]);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/bad-rows\.csv\s+opportunity\s+\S+\s+rejected\s+7\s+-\s+-\s+-\s+7$/m);
    expect(run.stdout).toMatch(/^row\s+column\s+value\s+reason$/m);
    expect(run.stdout).toContain('2025-02-30');
    expect(run.stdout).toContain('Full error report:');
    expect(existsSync(`${input}.errors.csv`)).toBe(true);
  });

  it('prints the results as JSON with --json', async () => {
    const run = await salesops(['--db', db, '--json', 'import', '--dry-run', join(FIXTURES, 'salesforce', 'User.csv')]);
    const results = JSON.parse(run.stdout) as { status: string; entity: string }[];
    expect(run.code).toBe(0);
    expect(results).toMatchObject([{ status: 'dry_run', entity: 'person' }]);
  });

  it('says that a dry run wrote nothing', async () => {
    const run = await salesops(['--db', db, 'import', '--dry-run', join(FIXTURES, 'salesforce', 'User.csv')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/User\.csv\s+person\s+\S+\s+dry run/);
    expect(run.stdout).toContain('nothing was written');
  });

  it('reports a file it cannot read as failed and exits 3', async () => {
    const run = await salesops(['--db', db, 'import', join(folder, 'missing.csv')]);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/missing\.csv\s+-\s+-\s+failed/);
    expect(run.stdout).toContain('missing.csv: failed: Cannot read');
  });
});
