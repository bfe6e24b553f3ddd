import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../store/audit-repository.ts';
import { getStoredFileContent } from '../../store/stored-file-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { insertTestUser } from './testing/test-users.ts';
import { uploadImportFile } from './upload-import-file.ts';
import { uploadFileName } from './upload-file-name.ts';

const FIXTURES = join(import.meta.dirname, '..', '..', 'import', 'fixtures');
const fixture = (...parts: string[]): Buffer => readFileSync(join(FIXTURES, ...parts));

describe('uploadFileName', () => {
  it('keeps only the last part of a path, so a name can never climb out of its folder', () => {
    expect(uploadFileName('C:\\Users\\ana\\Opportunity.csv')).toBe('Opportunity.csv');
    expect(uploadFileName('../../etc/passwd')).toBe('passwd');
  });

  it('refuses a name that is empty or only dots once cleaned', () => {
    expect(() => uploadFileName('exports/..')).toThrow(/needs a name/);
    expect(() => uploadFileName('\u0000\u0007')).toThrow(/needs a name/);
  });
});

for (const engine of TEST_ENGINES) {
  describe(`uploadImportFile on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('stores the file, detects its preset and entity, and previews its first rows with the column mapping', async () => {
      const ops = await insertTestUser(ctx.store, 'ops');
      const content = fixture('salesforce', 'Opportunity.csv');
      const uploaded = await uploadImportFile(ctx.store, ops, { name: 'Opportunity.csv', content });
      expect(uploaded).toMatchObject({ name: 'Opportunity.csv', sizeBytes: content.byteLength, detectedPreset: 'salesforce', entity: 'opportunity' });
      expect(uploaded.preview.columns.slice(0, 3)).toEqual(['Id', 'Name', 'AccountId']);
      expect(uploaded.preview.rows).toHaveLength(10);
      expect(uploaded.preview.rows[0]?.slice(0, 2)).toEqual(['0065g000aB001xQAQQ', 'Acme Corp - Platform Renewal']);
      expect(uploaded.preview.mapping).toContainEqual({ source: 'StageName', target: 'stage' });
      expect(uploaded.preview.mapping).toContainEqual({ source: 'RecordTypeId', target: null });
      expect((await getStoredFileContent(ctx.store.db, uploaded.fileId))?.equals(content)).toBe(true);
    });

    it('audits the upload with the file name and size', async () => {
      const ops = await insertTestUser(ctx.store, 'ops');
      const uploaded = await uploadImportFile(ctx.store, ops, { name: 'User.csv', content: fixture('salesforce', 'User.csv') });
      expect(await listAuditEvents(ctx.store.db, { action: 'upload' })).toMatchObject([
        { actor: ops.userId, objectType: 'file', objectId: uploaded.fileId, after: { name: 'User.csv', sizeBytes: uploaded.sizeBytes } },
      ]);
    });

    it('refuses a file no preset recognises and stores nothing', async () => {
      const ops = await insertTestUser(ctx.store, 'ops');
      const content = Buffer.from('Colour,Shape\nred,round\n');
      await expect(uploadImportFile(ctx.store, ops, { name: 'shapes.csv', content })).rejects.toMatchObject({ name: 'ImportError', code: 'unknown_format' });
      expect(await ctx.store.db.selectFrom('stored_file').select('id').execute()).toEqual([]);
    });

    it('refuses an Excel 97-2003 workbook as unsupported', async () => {
      const ops = await insertTestUser(ctx.store, 'ops');
      const content = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
      await expect(uploadImportFile(ctx.store, ops, { name: 'deals.xls', content })).rejects.toMatchObject({ code: 'unsupported_file' });
    });

    it('refuses a role without import.run', async () => {
      const manager = await insertTestUser(ctx.store, 'manager');
      await expect(uploadImportFile(ctx.store, manager, { name: 'User.csv', content: fixture('salesforce', 'User.csv') })).rejects.toMatchObject({ code: 'forbidden' });
    });
  });
}
