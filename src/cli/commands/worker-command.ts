import type { Command } from 'commander';
import { engineOfDatabase, openDatabase } from '../../services/open-database.ts';
import { ServiceError } from '../../services/service-error.ts';
import { globalOptions, print, printJson } from '../cli-context.ts';

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/** A worker's log line: one line per event, stamped with the UTC time. */
function logLine(json: boolean): (line: string) => void {
  return (line) => {
    const time = new Date().toISOString();
    process.stdout.write(json ? `${JSON.stringify({ time, message: line })}\n` : `${time} ${line}\n`);
  };
}

/**
 * Takes jobs from the PostgreSQL database's queue, one at a time, until SIGINT or SIGTERM; then
 * lets the running job finish, stops and closes the database. Logs each job's start and end.
 */
export async function runWorker(target: string, options: { readonly json: boolean }): Promise<void> {
  if (engineOfDatabase(target) === 'sqlite') {
    throw new ServiceError('not_supported_on_engine', 'On SQLite, jobs run inside "salesops serve"; "salesops worker" is for PostgreSQL databases');
  }
  // pg-boss and the job handlers (readers, writers) load only when this command runs, which keeps
  // every other command's start-up quick.
  const [{ createPgBossQueue }, { defaultWorkerName }] = await Promise.all([import('../../jobs/pg-boss-queue.ts'), import('../../jobs/run-logged-job.ts')]);
  const store = await openDatabase(target, { migrate: false, mustExist: true });
  try {
    const workerName = defaultWorkerName();
    const log = logLine(options.json);
    // The target as given, not store.target: that one hides the password.
    const queue = createPgBossQueue(store, { connectionString: target, work: true, workerName, log });
    const stopped = untilSignal();
    await queue.start();
    if (options.json) printJson({ worker: workerName, database: store.target });
    else print(`salesops worker ${workerName} is taking jobs from ${store.target}. Press Ctrl+C to stop.`);
    const signal = await stopped;
    process.stderr.write(`${signal}: stopping after the running job, if any…\n`);
    await queue.stop();
  } finally {
    await store.close();
  }
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('PostgreSQL: run jobs (imports started in the web app) until stopped; on SQLite, salesops serve runs them')
    .action(async (_options: unknown, command: Command) => {
      const global = globalOptions(command);
      await runWorker(global.db, { json: global.json });
    });
}
