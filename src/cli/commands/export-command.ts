import { createWriteStream, rmSync } from 'node:fs';
import { finished } from 'node:stream/promises';
import { Option, type Command } from 'commander';
import { parsePlainDate } from '../../core/shared/plain-date.ts';
import { writeCsv } from '../../services/export/csv-writer.ts';
import { workspaceSummary } from '../../services/database-status.ts';
import { EXPORT_ENTITIES, exportEntity, isExportEntity, type ExportTable } from '../../services/export/export-entity.ts';
import { UsageError } from '../error-exit.ts';
import { globalOptions, print, printJson, todayUtc, withStore } from '../cli-context.ts';

const DEMO_NOTICE = 'Note: this workspace is the demo company; its data is generated, not real.';

interface ExportOptions {
  readonly format: 'csv' | 'xlsx';
  readonly out?: string;
  readonly raw?: boolean;
  readonly asOf?: string;
}

function isBrokenPipe(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'EPIPE';
}

/** Writes the table to the file or stdout and returns the number of data rows. */
async function writeTable(table: ExportTable, entity: string, options: ExportOptions, isDemo: boolean): Promise<number> {
  const mode = options.raw === true ? 'raw' : 'spreadsheet';
  const out = options.out;
  if (options.format === 'xlsx') {
    if (out === undefined) throw new UsageError('--format xlsx needs --out <file>: a workbook is not written to a terminal');
    // exceljs loads only for an XLSX export, which keeps every other command's start-up quick.
    const { writeXlsx } = await import('../../services/export/xlsx-writer.ts');
    // Generated demo data says so in the workbook itself, not only on screen.
    return (await writeXlsx(table, out, { sheetName: isDemo ? `${entity} (demo data)` : entity, title: isDemo ? DEMO_NOTICE : undefined })).rows;
  }
  if (out === undefined) {
    try {
      return (await writeCsv(table, process.stdout, { mode })).rows;
    } catch (error) {
      // The reader went away (`| head`): what it wanted has been written.
      if (isBrokenPipe(error)) return 0;
      throw error;
    }
  }
  const file = createWriteStream(out, { flags: 'w' });
  try {
    // A file in spreadsheet mode is meant for Excel, which needs the byte-order mark to read UTF-8.
    const { rows } = await writeCsv(table, file, { mode, byteOrderMark: mode === 'spreadsheet' });
    file.end();
    await finished(file);
    return rows;
  } catch (error) {
    file.destroy();
    rmSync(out, { force: true });
    throw error;
  }
}

export function registerExportCommand(program: Command): void {
  program
    .command('export <entity>')
    .description(`export one entity as CSV or XLSX (${EXPORT_ENTITIES.join(', ')})`)
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx']).default('csv'))
    .option('--out <file>', 'write to this file (CSV goes to stdout without it; XLSX needs it)')
    .option('--raw', 'values exactly as stored: no escaping of cells a spreadsheet would evaluate')
    .option('--as-of <date>', 'YYYY-MM-DD: pipeline as it stood that day (default today); account owners and managers then; history and audit up to it')
    .addHelpText('after', '\nSpreadsheet mode (the default) prefixes a quote to CSV cells starting with = + - @ tab or CR so Excel does not run them.')
    .action(async (entity: string, options: ExportOptions, command: Command) => {
      const global = globalOptions(command);
      if (!isExportEntity(entity)) throw new UsageError(`Unknown entity "${entity}": choose one of ${EXPORT_ENTITIES.join(', ')}`);
      if (options.format === 'xlsx' && options.out === undefined) throw new UsageError('--format xlsx needs --out <file>: a workbook is not written to a terminal');
      const asOf = options.asOf === undefined ? null : parsePlainDate(options.asOf);
      const rows = await withStore(global.db, { migrate: false, mustExist: true }, async (store) => {
        const isDemo = (await workspaceSummary(store))?.isDemo === true;
        // On stderr, so that the CSV on stdout stays exactly the data.
        if (isDemo) process.stderr.write(`${DEMO_NOTICE}\n`);
        return writeTable(exportEntity(store, entity, { asOf, today: parsePlainDate(todayUtc()) }), entity, options, isDemo);
      });
      if (options.out === undefined) return;
      if (global.json) printJson({ entity, format: options.format, file: options.out, rows });
      else print(`Wrote ${rows.toLocaleString('en-US')} ${entity} rows to ${options.out}.`);
    });
}
