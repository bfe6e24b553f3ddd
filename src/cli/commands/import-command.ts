import { basename } from 'node:path';
import { Option, type Command } from 'commander';
import type { importFiles as importFilesType } from '../../services/import-files.ts';
import { globalOptions, print, printJson, withStore } from '../cli-context.ts';
import { ReportedFailure } from '../error-exit.ts';
import { EXIT_CODES } from '../exit-codes.ts';
import { formatTable, type TableColumn } from '../print-table.ts';
import { createProgressBar, createSteppedProgress, formatBytes } from '../progress-bar.ts';

// The import service (readers, presets, writers) loads only when this command runs, which keeps
// every other command's start-up quick. Its result and progress shapes are named through it:
// the CLI does not reach into import/.
type ImportFiles = typeof importFilesType;
type FileImportResult = Awaited<ReturnType<ImportFiles>>[number];
type ImportProgress = Parameters<NonNullable<Parameters<ImportFiles>[2]['onProgress']>>[0];

interface ImportCommandOptions {
  readonly preset: string;
  readonly dryRun?: boolean;
  readonly errors?: string;
  readonly locale: 'us' | 'eu';
}

/** The first bad rows shown per rejected file; the error CSV has them all. */
const SHOWN_ERRORS = 10;

const SUMMARY_COLUMNS: readonly TableColumn[] = [
  { header: 'file', maxWidth: 40 },
  { header: 'entity' },
  { header: 'preset' },
  { header: 'status' },
  { header: 'rows', align: 'right' },
  { header: 'inserted', align: 'right' },
  { header: 'updated', align: 'right' },
  { header: 'unchanged', align: 'right' },
  { header: 'rejected', align: 'right' },
];

const n = (value: number): string => value.toLocaleString('en-US');

function summaryRow(result: FileImportResult): string[] {
  const status = result.status === 'dry_run' ? 'dry run' : result.status;
  // A rejected file wrote nothing, so it shows no write counts (a dry run shows what it would write).
  const wrote = (value: number): string => (result.status === 'rejected' ? '-' : n(value));
  return [
    basename(result.file), result.entity ?? '-', result.preset ?? '-', status, n(result.rowsRead),
    wrote(result.inserted), wrote(result.updated), wrote(result.unchanged), n(result.rejected),
  ];
}

/** The summary table, then what went wrong in each file that did not commit. */
export function formatImportReport(results: readonly FileImportResult[]): string {
  const parts = [formatTable(SUMMARY_COLUMNS, results.map(summaryRow))];
  if (results.some((r) => r.status === 'dry_run')) {
    parts.push('Dry run: the counts say what an import would do; nothing was written.');
  }
  for (const result of results) {
    const name = basename(result.file);
    if (result.status === 'failed') parts.push(`${name}: failed: ${result.failure ?? 'unknown reason'}`);
    if (result.errorCount > 0) {
      const shown = [...result.errors].sort((a, b) => a.row - b.row).slice(0, SHOWN_ERRORS);
      parts.push(`${name}: ${n(result.errorCount)} rejected row${result.errorCount === 1 ? '' : 's'}${result.status === 'rejected' ? '; nothing was written' : ''}. First ${shown.length}:`);
      parts.push(
        formatTable(
          [{ header: 'row', align: 'right' }, { header: 'column' }, { header: 'value', maxWidth: 30 }, { header: 'reason', maxWidth: 80 }],
          shown.map((e) => [String(e.row), e.column ?? '', e.value ?? '', e.reason]),
        ).trimEnd(),
      );
      if (result.errorReportPath !== null) parts.push(`Full error report: ${result.errorReportPath}`);
    }
    for (const note of result.notes) parts.push(`${name}: ${note}`);
  }
  return parts.map((part) => part.trimEnd()).join('\n\n');
}

export function registerImportCommand(program: Command): void {
  program
    .command('import <files...>')
    .description('import CRM exports (CSV or XLSX); each file is written whole or not at all')
    .option('--preset <preset>', 'auto, salesforce, salesforce-report, hubspot, superstore, or a mapping file (.yaml/.json)', 'auto')
    .option('--dry-run', 'validate and report without writing')
    .option('--errors <file>', 'where to write the error CSV (a folder when importing several files)')
    .addOption(new Option('--locale <locale>', 'how to read dates and decimals: us (M/D/YYYY, 1,234.56) or eu (D.M.YYYY, 1.234,56)').choices(['us', 'eu']).default('us'))
    .action(async (files: string[], options: ImportCommandOptions, command: Command) => {
      const global = globalOptions(command);
      // One bar per file, on stderr, only on a terminal and only for files that take a while.
      const progress = createSteppedProgress((file, total) =>
        createProgressBar({ stream: process.stderr, label: basename(file), total, formatCount: formatBytes, showAfterMs: 500 }),
      );
      const { importFiles } = await import('../../services/import-files.ts');
      const results = await withStore(global.db, { migrate: false, mustExist: true }, async (store) => {
        try {
          return await importFiles(store, files, {
            preset: options.preset,
            dryRun: options.dryRun === true,
            ...(options.errors === undefined ? {} : { errorsPath: options.errors }),
            locale: options.locale,
            actor: 'cli',
            onProgress: (p: ImportProgress) => progress.update(p.file, p.bytesRead, p.totalBytes),
          });
        } finally {
          progress.finish();
        }
      });
      if (global.json) printJson(results);
      else print(formatImportReport(results));
      const bad = results.filter((r) => r.status === 'rejected' || r.status === 'failed');
      if (bad.length > 0) {
        throw new ReportedFailure(EXIT_CODES.importRejected, `${bad.length} of ${results.length} files were not imported`);
      }
    });
}
