import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { registerBackupCommand } from './commands/backup-command.ts';
import { registerDemoCommand } from './commands/demo-command.ts';
import { registerExportCommand } from './commands/export-command.ts';
import { registerImportCommand } from './commands/import-command.ts';
import { registerInitCommand } from './commands/init-command.ts';
import { registerJobsCommand } from './commands/jobs-command.ts';
import { registerMetricsCommand } from './commands/metrics-command.ts';
import { registerServeCommand } from './commands/serve-command.ts';
import { registerStartCommand } from './commands/start-command.ts';
import { registerSnapshotsCommand } from './commands/snapshots-command.ts';
import { registerStatusCommand } from './commands/status-command.ts';
import { registerWorkerCommand } from './commands/worker-command.ts';
import { errorDetails, errorExit, oneLine } from './error-exit.ts';
import { exitCodesHelp, type ExitCode } from './exit-codes.ts';

function packageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const parsed = JSON.parse(text) as { version?: unknown };
  return typeof parsed.version === 'string' ? parsed.version : '0.0.0';
}

/** The salesops command with its global options and every subcommand. */
export function buildProgram(): Command {
  const program = new Command('salesops');
  // Settings first: subcommands created with .command() inherit them.
  program
    .description('Sales operations on one effective-dated data model: import, explore and export your pipeline.')
    .version(packageVersion(), '-V, --version')
    .option('--db <path-or-url>', 'SQLite file or postgres:// URL (default ./salesops.db; env SALESOPS_DB, then DATABASE_URL)')
    .option('--json', 'machine-readable output on stdout')
    .option('--verbose', 'error details and stack traces')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      // Commander's own errors (unknown command, missing argument) become one line, like ours.
      outputError: (text, write) => write(`${text.trim().replace(/\s*\n\s*/g, ' ')}\n`),
    })
    .addHelpText('after', `\n${exitCodesHelp()}\n`);
  registerInitCommand(program);
  registerDemoCommand(program);
  registerImportCommand(program);
  registerExportCommand(program);
  registerMetricsCommand(program);
  registerServeCommand(program);
  registerStartCommand(program);
  registerBackupCommand(program);
  registerSnapshotsCommand(program);
  registerStatusCommand(program);
  registerWorkerCommand(program);
  registerJobsCommand(program);
  return program;
}

/** Runs the command line and returns the exit code; every failure prints one line to stderr. */
export async function runCli(argv: readonly string[]): Promise<ExitCode> {
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    const { exitCode, message } = errorExit(error);
    const verbose = program.opts<{ verbose?: boolean }>().verbose === true || argv.includes('--verbose');
    if (message !== null) process.stderr.write(`error: ${verbose ? message : oneLine(message)}\n`);
    if (verbose && message !== null) {
      for (const line of errorDetails(error)) process.stderr.write(`${line}\n`);
    }
    return exitCode;
  }
}

// A reader that stops early (`salesops export accounts | head`) closes the pipe: that is the
// reader's choice, not a failure, so the command ends quietly as other Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv);
