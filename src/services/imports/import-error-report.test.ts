import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import type { Actor } from '../access/actor.ts';
import { initialiseWorkspace } from '../initialise-workspace.ts';
import { runJob } from '../jobs/run-job.ts';
import { importErrorReport } from './import-error-report.ts';
import { startImport } from './start-import.ts';
import { createRecordingQueue } from './testing/recording-queue.ts';
import { insertTestUser } from './testing/test-users.ts';
import { uploadImportFile } from './upload-import-file.ts';

const BAD_ROWS = readFileSync(join(import.meta.dirname, '..', '..', 'import', 'fixtures', 'other', 'bad-rows.csv'));

for (const engine of TEST_ENGINES) {
  describe(`importErrorReport on ${engine}`, () => {
    const ctx = useTestStore(engine);

    /** A finished dry run of the bad-rows file uploaded under `name`. */
    async function finishedImport(actor: Actor, name = 'bad-rows.csv'): Promise<string> {
      await initialiseWorkspace(ctx.store, { name: 'Test', corporateCurrency: 'USD' });
      const { fileId } = await uploadImportFile(ctx.store, actor, { name, content: BAD_ROWS });
      const { jobId } = await startImport(ctx.store, actor, createRecordingQueue(), { fileIds: [fileId], dryRun: true });
      await runJob(ctx.store, jobId, 'test-worker');
      return jobId;
    }

    it('lists each rejected row with its file, row, column and reason as CSV', async () => {
      const ops = await insertTestUser(ctx.store, 'ops');
      const jobId = await finishedImport(ops);
      const report = await importErrorReport(ctx.store, ops, jobId, 'csv');
      expect(report).toMatchObject({ fileName: `import-${jobId}-errors.csv`, contentType: 'text/csv; charset=utf-8' });
      const lines = report.body.toString('utf8').replace(/^\uFEFF/, '').trimEnd().split('\r\n');
      expect(lines[0]).toBe('file,row,column,code,message');
      const closeDate = lines.find((line) => line.startsWith('bad-rows.csv,3,CloseDate,invalid_value,'));
      expect(closeDate).toContain('2025-02-30');
    });

    it('escapes cells a spreadsheet would run as formulas', async () => {
      const ops = await insertTestUser(ctx.store, 'ops');
      const jobId = await finishedImport(ops, '=SUM(1,2).csv');
      const text = (await importErrorReport(ctx.store, ops, jobId, 'csv')).body.toString('utf8');
      expect(text).toContain(`"'=SUM(1,2).csv",3,`);
      expect(text).not.toMatch(/(^|\n)=/);
    });

    it('writes the same rows as an XLSX workbook of text cells', async () => {
      const ops = await insertTestUser(ctx.store, 'ops');
      const jobId = await finishedImport(ops);
      const report = await importErrorReport(ctx.store, ops, jobId, 'xlsx');
      expect(report.fileName).toBe(`import-${jobId}-errors.xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(report.body as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('Import errors');
      const rows = (sheet?.getSheetValues() ?? []).filter((row) => Array.isArray(row)).map((row) => (row as unknown[]).slice(1, 4));
      expect(rows[0]).toEqual(['file', 'row', 'column']);
      expect(rows).toContainEqual(['bad-rows.csv', '3', 'CloseDate']);
    });

    it('answers another user\'s import as not found', async () => {
      const ops = await insertTestUser(ctx.store, 'ops');
      const jobId = await finishedImport(ops);
      const rep = await insertTestUser(ctx.store, 'rep');
      await expect(importErrorReport(ctx.store, rep, jobId, 'csv')).rejects.toMatchObject({ code: 'not_found' });
    });

    it('refuses the report of an import that has not run yet', async () => {
      const ops = await insertTestUser(ctx.store, 'ops');
      const { fileId } = await uploadImportFile(ctx.store, ops, { name: 'bad-rows.csv', content: BAD_ROWS });
      const { jobId } = await startImport(ctx.store, ops, createRecordingQueue(), { fileIds: [fileId], dryRun: true });
      await expect(importErrorReport(ctx.store, ops, jobId, 'csv')).rejects.toMatchObject({ code: 'invalid_argument', message: 'The import has not finished yet' });
    });
  });
}
