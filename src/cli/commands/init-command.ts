import { Option, type Command } from 'commander';
import { initialiseWorkspace } from '../../services/initialise-workspace.ts';
import { openAndMigrateDatabase } from '../../services/open-database.ts';
import { globalOptions, print, printJson } from '../cli-context.ts';
import { parseMonth } from '../parse-options.ts';

export const FISCAL_PATTERNS = ['calendar', '4-4-5', '4-5-4', '5-4-4'] as const;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

interface InitOptions {
  readonly currency: string;
  readonly name: string;
  readonly fiscalStartMonth: number;
  readonly fiscalPattern: (typeof FISCAL_PATTERNS)[number];
  readonly fiscalYearNaming: 'end' | 'start';
}

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description('create or upgrade the database (migrations) and create the workspace')
    .option('--currency <code>', 'corporate currency (ISO 4217)', 'USD')
    .option('--name <name>', 'workspace name', 'My company')
    .option('--fiscal-start-month <month>', 'month the fiscal year starts in (1-12)', parseMonth, 1)
    .addOption(new Option('--fiscal-pattern <pattern>', 'calendar months or 4-4-5 style weeks').choices(FISCAL_PATTERNS).default('calendar'))
    .addOption(new Option('--fiscal-year-naming <naming>', 'name a fiscal year by the calendar year it ends or starts in').choices(['end', 'start']).default('end'))
    .action(async (options: InitOptions, command: Command) => {
      const global = globalOptions(command);
      const { store, migrated } = await openAndMigrateDatabase(global.db);
      try {
        const result = await initialiseWorkspace(store, {
          name: options.name,
          corporateCurrency: options.currency,
          fiscal: { startMonth: options.fiscalStartMonth, pattern: options.fiscalPattern, yearNaming: options.fiscalYearNaming },
          actor: 'cli',
        });
        const workspace = result.workspace;
        if (global.json) {
          printJson({ database: store.target, engine: store.engine, migrated, workspace, created: result.created, processesCreated: result.processesCreated });
          return;
        }
        print(
          migrated.length > 0
            ? `Database ${store.target} (${store.engine}): applied ${migrated.join(', ')}.`
            : `Database ${store.target} (${store.engine}): schema up to date.`,
        );
        const fiscal = `fiscal year from ${MONTHS[workspace.fiscalYearStartMonth - 1] ?? workspace.fiscalYearStartMonth}, ${workspace.fiscalPattern}`;
        if (result.created) {
          const processes = result.processesCreated.length > 0 ? `; sales processes: ${result.processesCreated.join(', ')}` : '';
          print(`Created workspace "${workspace.name}" (${workspace.corporateCurrency}, ${fiscal})${processes}.`);
        } else {
          print(`Workspace "${workspace.name}" (${workspace.corporateCurrency}, ${fiscal}) already exists; nothing changed.`);
        }
      } finally {
        await store.close();
      }
    });
}
