import type { Command } from 'commander';
import { databaseStatus, type DatabaseStatus } from '../../services/database-status.ts';
import { globalOptions, print, printJson, withStore } from '../cli-context.ts';
import { formatTable } from '../print-table.ts';

function formatStatus(status: DatabaseStatus): string {
  const schema = status.schema.pending.length === 0
    ? `${status.schema.version ?? 'none'} (up to date)`
    : `${status.schema.version ?? 'none'}; pending: ${status.schema.pending.join(', ')} (run salesops init)`;
  const workspace = status.workspace === null
    ? 'none (run salesops init, or salesops demo for sample data)'
    : `${status.workspace.name} (${status.workspace.corporateCurrency}, fiscal year from month ${status.workspace.fiscalYearStartMonth}, ${status.workspace.fiscalPattern})${status.workspace.isDemo ? ' [demo data]' : ''}`;
  const counts = formatTable(
    [{ header: 'table' }, { header: 'rows', align: 'right' }],
    Object.entries(status.counts).map(([name, n]) => [name, n.toLocaleString('en-US')]),
  );
  return [`Database   ${status.target} (${status.engine})`, `Schema     ${schema}`, `Workspace  ${workspace}`, '', counts].join('\n');
}

export function registerStatusCommand(program: Command): void {
  program
    .command('status')
    .description('database engine, schema version and pending migrations, workspace and row counts')
    .action(async (_options: unknown, command: Command) => {
      const global = globalOptions(command);
      // Never migrates: status reports; init changes.
      const status = await withStore(global.db, { migrate: false, mustExist: true }, databaseStatus);
      if (global.json) printJson(status);
      else print(formatStatus(status));
    });
}
