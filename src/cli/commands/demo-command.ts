import type { Command } from 'commander';
import { parsePlainDate } from '../../core/shared/plain-date.ts';
import { openAndMigrateDatabase, type Store } from '../../services/open-database.ts';
import { globalOptions, print, printJson, todayUtc } from '../cli-context.ts';
import { parseNonNegativeInteger, parsePositiveNumber } from '../parse-options.ts';
import { createProgressBar, createSteppedProgress } from '../progress-bar.ts';

export interface DemoOptions {
  readonly seed: number;
  readonly scale: number;
}

/** Builds the demo workspace with one progress bar per step on stderr; returns the row counts. */
export async function buildDemo(store: Store, options: DemoOptions): Promise<Record<string, number>> {
  const progress = createSteppedProgress((step, total) => createProgressBar({ stream: process.stderr, label: step, total, showAfterMs: 200 }));
  // The generator loads only when a demo is built, which keeps every other command's start-up quick.
  const { createDemoWorkspace } = await import('../../services/demo/create-demo-workspace.ts');
  try {
    const result = await createDemoWorkspace(store, {
      seed: options.seed,
      scale: options.scale,
      today: parsePlainDate(todayUtc()),
      onProgress: (step, done, total) => progress.update(step, done, total),
    });
    return result.counts;
  } finally {
    progress.finish();
  }
}

export function formatCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([name, count]) => `${count.toLocaleString('en-US')} ${name}`)
    .join(', ');
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('fill the database with a generated demo company (refused when it holds other data)')
    .option('--seed <n>', 'random seed: the same seed builds the same company', parseNonNegativeInteger, 42)
    .option('--scale <factor>', 'size factor: 1 is a mid-size sales team, 0.1 a small one', parsePositiveNumber, 1)
    .action(async (options: DemoOptions, command: Command) => {
      const global = globalOptions(command);
      const { store } = await openAndMigrateDatabase(global.db);
      try {
        const counts = await buildDemo(store, options);
        if (global.json) printJson({ database: store.target, seed: options.seed, scale: options.scale, counts });
        else print(`Demo workspace ready in ${store.target}: ${formatCounts(counts)}.`);
      } finally {
        await store.close();
      }
    });
}
