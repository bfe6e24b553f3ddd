import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExportFormat } from '../../contracts/common.ts';
import { csvRecord } from '../export/csv-writer.ts';
import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, type DownloadFile } from '../export/download-file.ts';
import type { ExportTable } from '../export/export-entity.ts';
import { ServiceError } from '../service-error.ts';

/** Rows one download may hold: more would not open in a spreadsheet comfortably (Excel stops at 1,048,576). */
export const MAX_EXPORT_ROWS = 100_000;

/** The notice a demo workspace's workbook carries, as the command line's export writes it. */
export const DEMO_NOTICE = 'Note: this workspace is the demo company; its data is generated, not real.';

/** Refuses an export of more than MAX_EXPORT_ROWS rows before any row is read. */
export function assertExportable(rows: number): void {
  if (rows > MAX_EXPORT_ROWS) {
    throw new ServiceError(
      'invalid_argument',
      `${rows.toLocaleString('en-US')} rows match; an export holds at most ${MAX_EXPORT_ROWS.toLocaleString('en-US')}. Narrow the filters and export again.`,
      { rows, limit: MAX_EXPORT_ROWS },
    );
  }
}

/** A table of text cells held in memory (an empty string for no value). */
export interface TableRows {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** Rows held in memory as the lazily read table the workbook writer takes. */
function exportTableOf({ header, rows }: TableRows): ExportTable {
  return {
    header,
    rows: {
      [Symbol.asyncIterator]: () => {
        const iterator = rows[Symbol.iterator]();
        return { next: () => Promise.resolve(iterator.next()) };
      },
    },
  };
}

/**
 * The CSV file, built in memory with the CSV writer's own record function: spreadsheet mode
 * quotes cells starting with = + - @ tab or CR so Excel never runs them, and the byte-order mark
 * makes Excel read the file as UTF-8.
 */
function csvBody(table: TableRows): Buffer {
  const records = [csvRecord(table.header, 'spreadsheet'), ...table.rows.map((cells) => csvRecord(cells, 'spreadsheet'))];
  return Buffer.from(`\uFEFF${records.join('')}`, 'utf8');
}

async function xlsxBody(table: ExportTable, sheetName: string, title: string | undefined): Promise<Buffer> {
  // exceljs loads only for a workbook, and its streaming writer writes to a file.
  const { writeXlsx } = await import('../export/xlsx-writer.ts');
  const folder = await mkdtemp(join(tmpdir(), 'salesops-download-'));
  try {
    const file = join(folder, 'export.xlsx');
    await writeXlsx(table, file, { sheetName, title });
    return await readFile(file);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * A table as a file to download: CSV in spreadsheet mode (formula-like cells escaped) or XLSX
 * (every cell a text cell, never evaluated). A demo workspace's file says so in its name, and a
 * workbook also in its sheet name and title, as the command line's export does.
 */
export async function downloadTable(table: TableRows, options: { readonly entity: string; readonly format: ExportFormat; readonly isDemo: boolean }): Promise<DownloadFile> {
  const baseName = options.isDemo ? `${options.entity}-demo-data` : options.entity;
  switch (options.format) {
    case 'csv':
      return { fileName: `${baseName}.csv`, contentType: CSV_CONTENT_TYPE, body: csvBody(table) };
    case 'xlsx': {
      const sheetName = options.isDemo ? `${options.entity} (demo data)` : options.entity;
      return { fileName: `${baseName}.xlsx`, contentType: XLSX_CONTENT_TYPE, body: await xlsxBody(exportTableOf(table), sheetName, options.isDemo ? DEMO_NOTICE : undefined) };
    }
  }
}
