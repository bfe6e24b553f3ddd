import type { Command } from 'commander';
import { backupDatabaseAt } from '../../services/backup-database.ts';
import { globalOptions, print, printJson } from '../cli-context.ts';
import { formatBytes, createProgressBar } from '../progress-bar.ts';

export function registerBackupCommand(program: Command): void {
  program
    .command('backup <file>')
    .description('copy the SQLite database to <file> while it stays in use (on PostgreSQL: prints the pg_dump command)')
    .option('--force', 'replace <file> if it exists')
    .action(async (file: string, options: { force?: boolean }, command: Command) => {
      const global = globalOptions(command);
      const bar = createProgressBar({ stream: process.stderr, label: 'backup', total: 0, unit: 'pages', showAfterMs: 300 });
      const result = await backupDatabaseAt(global.db, file, {
        force: options.force === true,
        onProgress: (p) => bar.update(p.pagesDone, p.totalPages),
      });
      bar.finish();
      if (global.json) printJson({ source: global.db, ...result });
      else print(`Backed up ${global.db} to ${result.destination} (${formatBytes(result.bytes)}).`);
    });
}
