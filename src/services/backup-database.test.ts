import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../store/database.ts';
import { openTestStore, TEST_ENGINES } from '../store/testing/test-stores.ts';
import { useTestStore } from '../store/testing/use-test-store.ts';
import { backupDatabase, backupDatabaseAt } from './backup-database.ts';
import { databaseStatus } from './database-status.ts';
import { ServiceError } from './service-error.ts';

describe('backupDatabase on sqlite', () => {
  const ctx = useTestStore('sqlite');
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'salesops-backup-'));
  });
  afterEach(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('writes a copy that opens with the same rows', async () => {
    await ctx.make.workspace({ name: 'Acme' });
    for (let i = 0; i < 20; i += 1) await ctx.make.opportunity();
    const destination = join(folder, 'copy.db');
    const progress: number[] = [];
    await backupDatabase(ctx.store, destination, { onProgress: (p) => progress.push(p.pagesDone) });
    const copy = await openStore(destination, { migrate: false, mustExist: true });
    try {
      expect((await databaseStatus(copy)).counts).toEqual((await databaseStatus(ctx.store)).counts);
      expect((await databaseStatus(copy)).workspace?.name).toBe('Acme');
    } finally {
      await copy.close();
    }
    expect(progress.at(-1)).toBeGreaterThan(0);
  });

  it('refuses to replace an existing file unless forced', async () => {
    const destination = join(folder, 'taken.db');
    writeFileSync(destination, 'precious');
    await expect(backupDatabase(ctx.store, destination)).rejects.toMatchObject({ code: 'file_exists' });
    await expect(backupDatabase(ctx.store, destination, { force: true })).resolves.toMatchObject({ destination });
  });

  it('reports a missing destination folder as not found', async () => {
    await expect(backupDatabase(ctx.store, join(folder, 'nope', 'copy.db'))).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('backupDatabaseAt', () => {
  it('refuses a PostgreSQL URL without connecting, naming pg_dump', async () => {
    const attempt = backupDatabaseAt('postgres://u:secret@127.0.0.1:1/none', 'out.dump');
    await expect(attempt).rejects.toBeInstanceOf(ServiceError);
    await expect(attempt).rejects.toMatchObject({ code: 'not_supported_on_engine', message: expect.stringContaining('pg_dump --format=custom --file out.dump') as string });
  });
});

for (const engine of TEST_ENGINES.filter((e) => e === 'postgres')) {
  describe(`backupDatabase on ${engine}`, () => {
    it('is not supported and says how to use pg_dump', async () => {
      const store = await openTestStore(engine);
      try {
        await expect(backupDatabase(store, 'out.dump')).rejects.toMatchObject({ code: 'not_supported_on_engine', message: expect.stringContaining('pg_restore') as string });
      } finally {
        await store.dispose();
      }
    });
  });
}
