import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { salesops, spawnSalesops } from './testing/run-salesops.ts';

describe('salesops', () => {
  let folder: string;
  let db: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'salesops-cli-'));
    db = join(folder, 'test.db');
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists its commands and exit codes in --help', async () => {
    const run = await salesops(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['init', 'demo', 'import', 'export', 'serve', 'start', 'backup', 'snapshots', 'status']) expect(run.stdout).toContain(`  ${command}`);
    expect(run.stdout).toContain('Exit codes:');
    expect(run.stdout).toMatch(/6 {2}not supported on this database engine/);
  });

  it('leaves the database as it was when init runs a second time', async () => {
    const first = await salesops(['--db', db, 'init', '--name', 'Acme', '--currency', 'EUR']);
    const before = await salesops(['--db', db, 'status', '--json']);
    const second = await salesops(['--db', db, 'init', '--name', 'Other', '--currency', 'USD']);
    const after = await salesops(['--db', db, 'status', '--json']);
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(first.stdout).toContain('Created workspace "Acme"');
    expect(second.stdout).toContain('already exists; nothing changed');
    expect(after.stdout).toBe(before.stdout);
  });

  it('prints status as JSON that parses', async () => {
    await salesops(['--db', db, 'init', '--name', 'Acme']);
    const run = await salesops(['status', '--json', '--db', db]);
    const status = JSON.parse(run.stdout) as { engine: string; schema: { pending: string[] }; workspace: { name: string }; counts: { opportunities: number } };
    expect(run.code).toBe(0);
    expect(status).toMatchObject({ engine: 'sqlite', schema: { pending: [] }, workspace: { name: 'Acme' }, counts: { opportunities: 0 } });
  });

  it('exits 2 with one line for an unknown command', async () => {
    const run = await salesops(['frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^error: unknown command 'frobnicate'/) as string]);
  });

  it('exits 4 with one readable line when --db points into a missing folder', async () => {
    const run = await salesops(['--db', join(folder, 'missing', 'x.db'), 'init']);
    expect(run.code).toBe(4);
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^error: Cannot open SQLite database .*x\.db: .*directory does not exist/) as string]);
  });

  it('shows the stack with --verbose', async () => {
    const run = await salesops(['--verbose', '--db', join(folder, 'missing', 'x.db'), 'init']);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('StoreError (database_unreachable)');
    expect(run.stderr).toMatch(/\n\s+at /);
  });

  it('exits 4 with the command to run when the database does not exist yet', async () => {
    const run = await salesops(['--db', db, 'status']);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('salesops init');
  });

  it('exports only the header for opportunities of an empty database', async () => {
    await salesops(['--db', db, 'init']);
    const run = await salesops(['--db', db, 'export', 'opportunities', '--format', 'csv']);
    expect(run.code).toBe(0);
    expect(run.stdout.split('\r\n')).toEqual([expect.stringMatching(/^id,external_id,name,.*,amount,currency,/) as string, '']);
  });

  it('refreshes one weekly snapshot per Monday in the range', async () => {
    await salesops(['--db', db, 'init']);
    const run = await salesops(['--db', db, '--json', 'snapshots', '--from', '2026-01-01', '--to', '2026-01-31']);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout) as { snapshots: { date: string }[] };
    expect(result.snapshots.map((s) => s.date)).toEqual(['2026-01-05', '2026-01-12', '2026-01-19', '2026-01-26']);
  });

  it('exits 2 when an XLSX export has no --out', async () => {
    await salesops(['--db', db, 'init']);
    const run = await salesops(['--db', db, 'export', 'accounts', '--format', 'xlsx']);
    expect(run.code).toBe(2);
  });

  it('says on stderr that an export of the demo workspace is generated data, leaving the CSV clean', async () => {
    await salesops(['--db', db, 'demo', '--scale', '0.02']);
    const run = await salesops(['--db', db, 'export', 'products']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('generated, not real');
    expect(run.stdout.split('\r\n')[0]).toMatch(/^id,external_id,name/);
  });

  it('refuses a demo over a workspace that is not the demo, with exit 4', async () => {
    await salesops(['--db', db, 'init', '--name', 'Real company']);
    const run = await salesops(['--db', db, 'demo', '--scale', '0.05']);
    expect(run.code).toBe(4);
    expect(run.stderr.trimEnd().split('\n')).toEqual([expect.stringContaining('"Real company", which is not a demo') as string]);
  });

  it('makes a backup that opens with the same row counts', async () => {
    await salesops(['--db', db, 'demo', '--scale', '0.05']);
    const copy = join(folder, 'copy.db');
    const run = await salesops(['--db', db, 'backup', copy]);
    const original = JSON.parse((await salesops(['--db', db, 'status', '--json'])).stdout) as { counts: unknown; workspace: unknown };
    const restored = JSON.parse((await salesops(['--db', copy, 'status', '--json'])).stdout) as { counts: unknown; workspace: unknown };
    expect(run.code).toBe(0);
    expect(original.counts).toMatchObject({ opportunities: expect.any(Number) as number });
    expect(restored.counts).toEqual(original.counts);
    expect(restored.workspace).toEqual(original.workspace);
  });

  it('refuses to overwrite a backup file without --force', async () => {
    await salesops(['--db', db, 'init']);
    const copy = join(folder, 'copy.db');
    await salesops(['--db', db, 'backup', copy]);
    const again = await salesops(['--db', db, 'backup', copy]);
    const forced = await salesops(['--db', db, 'backup', copy, '--force']);
    expect([again.code, forced.code]).toEqual([2, 0]);
    expect(again.stderr).toContain('--force');
  });

  it('exits 6 with the pg_dump command when asked to back up PostgreSQL', async () => {
    const run = await salesops(['--db', 'postgres://salesops:secret@127.0.0.1:1/none', 'backup', 'out.dump']);
    expect(run.code).toBe(6);
    expect(run.stderr).toContain('pg_dump --format=custom --file out.dump');
    expect(run.stderr).not.toContain('secret');
  });

  it('serves /api/health until SIGTERM, then exits 0', async () => {
    await salesops(['--db', db, 'init', '--name', 'Acme']);
    const child = spawnSalesops(['--db', db, '--json', 'serve', '--port', '0']);
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /"url": "([^"]+)"/.exec(out);
        if (match?.[1] !== undefined) resolve(match[1]);
      });
      child.on('close', (code) => reject(new Error(`serve exited ${code}`)));
    });
    const health = (await (await fetch(new URL('api/health', url))).json()) as { status: string; workspace: { name: string } };
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(health).toMatchObject({ status: 'ok', workspace: { name: 'Acme' } });
    expect(await exited).toBe(0);
  });

  it('warns at start when the demo workspace was cut short, and still serves it', async () => {
    await salesops(['--db', db, 'demo', '--scale', '0.02']);
    const handle = new SqliteDatabase(db);
    handle.exec('DELETE FROM pipeline_snapshot');
    handle.close();
    const child = spawnSalesops(['--db', db, 'start', '--no-web-build'], { PORT: '0' });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('salesops is running')) resolve();
      });
      child.on('close', (code) => reject(new Error(`start exited ${code}: ${stderr}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stderr).toContain('looks incomplete');
  });
});
