import type { Command } from 'commander';
import { DEMO_USER_CREDENTIALS } from '../../services/demo/create-demo-users.ts';
import { databaseStatus, workspaceSummary } from '../../services/database-status.ts';
import { databaseFileExists, openAndMigrateDatabase } from '../../services/open-database.ts';
import { buildWeb, webBuildIsCurrent } from '../build-web.ts';
import { globalOptions, print } from '../cli-context.ts';
import { parsePort } from '../parse-options.ts';
import { buildDemo, formatCounts } from './demo-command.ts';
import { DEFAULT_PORT, serveDatabase } from './serve-command.ts';

/** The demo workspace is written as one import per entity. */
const DEMO_IMPORT_RUNS = 8;

/** PORT from the environment, else 3000. */
function portFromEnv(): number {
  const value = process.env.PORT;
  return value === undefined || value.trim() === '' ? DEFAULT_PORT : parsePort(value);
}

/** The demo users' sign-ins, one per role: demo data, said so. */
function demoSignInLines(): string[] {
  return [
    'Demo sign-ins (demo data; change or remove these users before real use):',
    ...DEMO_USER_CREDENTIALS.map((user) => `  ${user.role.padEnd(10)} ${user.email.padEnd(32)} password: ${user.password}`),
  ];
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('what `npm start` runs: builds the web app if needed; on a new database, init and the demo company with a demo user per role; then serve (PORT overrides 3000)')
    .option('--no-web-build', 'serve without building the web app first')
    .action(async (options: { webBuild: boolean }, command: Command) => {
      const global = globalOptions(command);
      const port = portFromEnv();
      if (options.webBuild && !webBuildIsCurrent()) {
        if (!global.json) print('Building the web app…');
        await buildWeb();
      }
      let banner: readonly string[] = [];
      const isNew = !databaseFileExists(global.db);
      const { store, migrated } = await openAndMigrateDatabase(global.db);
      try {
        // A database without a workspace is as new as a missing file: nothing in it to protect.
        if (isNew || (await workspaceSummary(store)) === null) {
          if (!global.json) print(`Creating ${store.target}${migrated.length > 0 ? ` (schema ${migrated.join(', ')})` : ''} with the demo company…`);
          const counts = await buildDemo(store, { seed: 42, scale: 1 });
          if (!global.json) print(`Demo workspace ready: ${formatCounts(counts)}.`);
          banner = demoSignInLines();
        } else {
          // The demo is eight imports, then its weekly snapshots: fewer imports, or the eight with no
          // snapshot, mean its build was cut short (a later import of the user's adds runs of its own).
          const status = await databaseStatus(store);
          const runs = status.counts.importRuns;
          const cutShort = runs < DEMO_IMPORT_RUNS || (runs === DEMO_IMPORT_RUNS && status.counts.pipelineSnapshots === 0);
          if (status.workspace?.isDemo === true && cutShort) {
            process.stderr.write(`warning: the demo workspace in ${store.target} looks incomplete (its build was interrupted); delete the file and run npm start again for a whole demo.\n`);
          }
          if (status.workspace?.isDemo === true) banner = demoSignInLines();
        }
      } finally {
        await store.close();
      }
      await serveDatabase(global.db, { port, host: '127.0.0.1', json: global.json, runJobs: true, banner });
    });
}
