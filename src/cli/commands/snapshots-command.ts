import type { Command } from 'commander';
import { addDays, parsePlainDate } from '../../core/shared/plain-date.ts';
import { refreshSnapshots } from '../../services/refresh-snapshots.ts';
import { globalOptions, print, printJson, todayUtc, withStore } from '../cli-context.ts';
import { UsageError } from '../error-exit.ts';
import { createProgressBar } from '../progress-bar.ts';

interface SnapshotsOptions {
  readonly from?: string;
  readonly to?: string;
}

/** Without --from, the last thirteen weeks (a quarter) are refreshed. */
const DEFAULT_WEEKS = 13;

export function registerSnapshotsCommand(program: Command): void {
  program
    .command('snapshots')
    .description('rebuild the weekly pipeline snapshots (each Monday) from opportunity history')
    .option('--from <date>', `YYYY-MM-DD: first day of the range (default ${DEFAULT_WEEKS} weeks before --to)`)
    .option('--to <date>', 'YYYY-MM-DD: last day of the range (default today)')
    .addHelpText(
      'after',
      '\nA snapshot holds the open pipeline at the end of a Monday plus the deals closed that week. ' +
        'Run it after an import that changes past history; the open pipeline of a Monday without a snapshot is rebuilt from history when asked.',
    )
    .action(async (options: SnapshotsOptions, command: Command) => {
      const global = globalOptions(command);
      const to = parsePlainDate(options.to ?? todayUtc());
      const from = options.from === undefined ? addDays(to, -DEFAULT_WEEKS * 7) : parsePlainDate(options.from);
      if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
      const bar = createProgressBar({ stream: process.stderr, label: 'snapshots', total: 0, unit: 'weeks', showAfterMs: 300 });
      const result = await withStore(global.db, { migrate: false, mustExist: true }, (store) =>
        refreshSnapshots(store, { from, to, actor: 'cli', onProgress: (done, total) => bar.update(done, total) }),
      ).finally(() => bar.finish());
      if (global.json) printJson({ from, to, ...result });
      else print(`Refreshed ${result.snapshots.length} weekly snapshots from ${from} to ${to}: ${result.rows.toLocaleString('en-US')} rows.`);
    });
}
