import type { Command } from 'commander';
import { createHealthServer } from '../../api/health-server.ts';
import { databaseStatus } from '../../services/database-status.ts';
import { openDatabase } from '../../services/open-database.ts';
import { globalOptions, print, printJson } from '../cli-context.ts';
import { parsePort } from '../parse-options.ts';

export const DEFAULT_PORT = 3000;

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  readonly json: boolean;
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const onSignal = (signal: NodeJS.Signals) => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}

/**
 * Serves the database until SIGINT or SIGTERM, then stops accepting connections, lets requests in
 * flight finish and closes the database.
 */
export async function serveDatabase(target: string, options: ServeOptions): Promise<void> {
  // Never migrates: an outdated or empty database is refused with the command that fixes it.
  const store = await openDatabase(target, { migrate: false, mustExist: true });
  try {
    const server = createHealthServer({ status: () => databaseStatus(store) });
    const stopped = untilSignal();
    const { url, port } = await server.listen(options.port, options.host);
    if (options.json) printJson({ url, port, host: options.host, database: store.target });
    else print(`salesops is running at ${url} (database ${store.target}). Press Ctrl+C to stop.`);
    const signal = await stopped;
    process.stderr.write(`\n${signal}: stopping…\n`);
    await server.close();
  } finally {
    await store.close();
  }
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('serve the database over HTTP: a status page and GET /api/health')
    .option('--port <port>', 'port to listen on', parsePort, DEFAULT_PORT)
    .option('--host <host>', 'address to listen on (0.0.0.0 for every interface)', '127.0.0.1')
    .action(async (options: { port: number; host: string }, command: Command) => {
      const global = globalOptions(command);
      await serveDatabase(global.db, { port: options.port, host: options.host, json: global.json });
    });
}
