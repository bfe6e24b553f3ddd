import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { importJobResult, type ImportJobResult } from '../../contracts/imports.ts';
import type { Store } from '../../store/database.ts';
import type { Actor } from '../access/actor.ts';
import { csvRecord } from '../export/csv-writer.ts';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, type DownloadFile } from '../export/download-file.ts';
import type { ExportTable } from '../export/export-entity.ts';
import { writeXlsx } from '../export/xlsx-writer.ts';
import { getJob } from '../jobs/get-job.ts';
import { ServiceError } from '../service-error.ts';
import { withTempFolder } from './with-temp-folder.ts';

const HEADER = ['file', 'row', 'column', 'code', 'message'] as const;

function errorTable(result: ImportJobResult): ExportTable {
  const rows = result.files.flatMap((file) => file.errors.map((error) => [file.file, String(error.row), error.column ?? '', error.code, error.message]));
  return {
    header: HEADER,
    rows: (async function* () {
      // The rows are in memory already; the table's reader takes them asynchronously.
      for (const row of rows) yield await Promise.resolve(row);
    })(),
  };
}

/**
 * An import job's rejected rows as a file to download: file, row, column, code and message, one
 * line per error (the first 1,000 of each file, as the job kept them). Cells come from untrusted
 * files, so the CSV escapes anything a spreadsheet would run as a formula, and the XLSX holds
 * text cells only. The job must be visible to the actor (getJob) and have finished.
 */
export async function importErrorReport(store: Store, actor: Actor, jobId: string, format: 'csv' | 'xlsx'): Promise<DownloadFile> {
  const job = await getJob(store, actor, jobId);
  if (job.kind !== 'import') throw new ServiceError('not_found', `No import job ${jobId}`, { id: jobId });
  if (job.status === 'queued' || job.status === 'running') throw new ServiceError('invalid_argument', 'The import has not finished yet', { status: job.status });
  if (job.status === 'failed') throw new ServiceError('invalid_argument', `The import failed before its rows were checked: ${job.error?.message ?? 'no reason given'}`, { error: job.error });
  const parsed = importJobResult.safeParse(job.result);
  if (!parsed.success) throw new ServiceError('invalid_argument', 'The import job holds no file results');
  const baseName = `import-${jobId}-errors`;
  if (format === 'csv') {
    const table = errorTable(parsed.data);
    // U+FEFF makes Excel read the file as UTF-8.
    let text = `\uFEFF${csvRecord(table.header, 'spreadsheet')}`;
    for await (const cells of table.rows) text += csvRecord(cells, 'spreadsheet');
    return { fileName: `${baseName}.csv`, contentType: CSV_CONTENT_TYPE, body: Buffer.from(text, 'utf8') };
  }
  const body = await withTempFolder('salesops-report-', async (folder) => {
    const path = join(folder, `${baseName}.xlsx`);
    await writeXlsx(errorTable(parsed.data), path, { sheetName: 'Import errors', title: `Rejected rows of import ${jobId}` });
    return readFile(path);
  });
  return { fileName: `${baseName}.xlsx`, contentType: XLSX_CONTENT_TYPE, body };
}
