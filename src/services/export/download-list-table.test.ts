import { describe, expect, it } from 'vitest';
import type { PlainDate } from '../../core/shared/plain-date.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { DEMO_NOTICE, MAX_EXPORT_ROWS } from '../pipeline/download-table.ts';
import { downloadListTable, listFileName } from './download-list-table.ts';
import { csvRowsOf, xlsxContentOf } from './testing/read-download.ts';

const DAY = '2026-11-27' as PlainDate;

describe('listFileName', () => {
  it('names the file after the rows and the day they show', () => {
    expect(listFileName({ entity: 'users', date: DAY, format: 'csv', isDemo: false })).toBe('users-2026-11-27.csv');
  });

  it('says demo data in the name of a demo workspace’s file', () => {
    expect(listFileName({ entity: 'api-tokens', date: DAY, format: 'xlsx', isDemo: true })).toBe('api-tokens-demo-data-2026-11-27.xlsx');
  });
});

for (const engine of TEST_ENGINES) {
  describe(`downloadListTable on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('writes spreadsheet-safe CSV under a dated name', async () => {
      await ctx.make.workspace();
      const file = await downloadListTable(ctx.store, { header: ['name'], rows: [['=1+1'], ['plain']] }, { entity: 'users', date: DAY, format: 'csv' });
      expect(file).toMatchObject({ fileName: 'users-2026-11-27.csv', contentType: 'text/csv; charset=utf-8' });
      expect(csvRowsOf(file)).toEqual([['name'], ["'=1+1"], ['plain']]);
    });

    it('marks a demo workspace’s workbook as demo data in its name, sheet and title', async () => {
      await ctx.make.workspace({ isDemo: true });
      const file = await downloadListTable(ctx.store, { header: ['name'], rows: [['Ada']] }, { entity: 'users', date: DAY, format: 'xlsx' });
      expect(file.fileName).toBe('users-demo-data-2026-11-27.xlsx');
      expect(await xlsxContentOf(file)).toEqual({ sheetName: 'users (demo data)', title: DEMO_NOTICE, rows: [['name'], ['Ada']] });
    });

    it('refuses more rows than one export holds', async () => {
      await ctx.make.workspace();
      const rows = Array.from({ length: MAX_EXPORT_ROWS + 1 }, () => ['x']);
      await expect(downloadListTable(ctx.store, { header: ['name'], rows }, { entity: 'users', date: DAY, format: 'csv' })).rejects.toMatchObject({ code: 'invalid_argument' });
    });
  });
}
