import { describe, expect, it } from 'vitest';
import { getStoredFileContent, getStoredFileInfos, insertStoredFile } from './stored-file-repository.ts';
import { TEST_ENGINES } from './testing/test-stores.ts';
import { useTestStore } from './testing/use-test-store.ts';

for (const engine of TEST_ENGINES) {
  describe(`stored file repository on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('keeps every byte of a file, including NUL and bytes that are not UTF-8', async () => {
      const content = Buffer.from([0x00, 0xff, 0xfe, 0x50, 0x4b, 0x03, 0x04, 0x0a, 0x0d, 0x80]);
      const info = await insertStoredFile(ctx.store.db, { name: 'Opportunity.csv', content, createdBy: 'usr_1' });
      expect(info).toMatchObject({ name: 'Opportunity.csv', sizeBytes: 10, createdBy: 'usr_1' });
      expect(info.id).toMatch(/^file_/);
      const read = await getStoredFileContent(ctx.store.db, info.id);
      expect(Buffer.isBuffer(read)).toBe(true);
      expect(read?.equals(content)).toBe(true);
    });

    it('lists the files that exist in the order asked, without their bytes', async () => {
      const a = await insertStoredFile(ctx.store.db, { name: 'a.csv', content: Buffer.from('x'), createdBy: 'usr_1' });
      const b = await insertStoredFile(ctx.store.db, { name: 'b.csv', content: Buffer.from('yy'), createdBy: 'usr_2' });
      const infos = await getStoredFileInfos(ctx.store.db, [b.id, 'file_missing', a.id]);
      expect(infos).toEqual([b, a]);
      expect(infos[0]).not.toHaveProperty('content');
    });

    it('answers null for the content of a missing file', async () => {
      expect(await getStoredFileContent(ctx.store.db, 'file_missing')).toBeNull();
    });
  });
}
