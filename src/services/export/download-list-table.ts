import type { ExportFormat } from '../../contracts/common.ts';
import type { PlainDate } from '../../core/shared/plain-date.ts';
import type { Store } from '../../store/database.ts';
import { getWorkspace } from '../../store/workspace-repository.ts';
import { assertExportable, downloadTable, type TableRows } from '../pipeline/download-table.ts';
import type { DownloadFile } from './download-file.ts';

export interface ListTableOptions {
  /** What the rows are, plural and kebab-case: 'users', 'api-tokens'; names the file and the sheet. */
  readonly entity: string;
  /** The day the rows describe: today for a current list, the as-of date for a dated view. */
  readonly date: PlainDate;
  readonly format: ExportFormat;
}

/** The file name of a list export: `users-2026-11-27.csv`, or `users-demo-data-2026-11-27.csv` for the demo company. */
export function listFileName(options: ListTableOptions & { readonly isDemo: boolean }): string {
  return `${options.entity}${options.isDemo ? '-demo-data' : ''}-${options.date}.${options.format}`;
}

/**
 * A list the web app shows whole (users, tokens, rates, stages, people, jobs) as a file to
 * download, with the same spreadsheet-safe cells as the pipeline exports (downloadTable), named
 * after the day it shows. A demo workspace's file says "demo data" in its name, and its workbook
 * "(demo data)" in the sheet name and the demo notice in its title, as the other exports do.
 */
export async function downloadListTable(store: Store, table: TableRows, options: ListTableOptions): Promise<DownloadFile> {
  assertExportable(table.rows.length);
  const isDemo = (await getWorkspace(store.db))?.isDemo === true;
  const file = await downloadTable(table, { entity: options.entity, format: options.format, isDemo });
  return { ...file, fileName: listFileName({ ...options, isDemo }) };
}
