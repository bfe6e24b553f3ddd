/**
 * One measured import, in its own process so its peak memory (maxRSS) is its own.
 * Usage: import-child.ts <db target> <User.csv> <Account.csv> <Opportunity.csv>
 * Prints one JSON line: { rows, ms, maxRssMb, status }.
 */
import { importFiles } from '../src/services/import-files.ts';
import { initialiseWorkspace } from '../src/services/initialise-workspace.ts';
import { openStore } from '../src/store/database.ts';

const [target, users, accounts, opportunities] = process.argv.slice(2);
if (!target || !users || !accounts || !opportunities) {
  console.error('usage: import-child.ts <db> <User.csv> <Account.csv> <Opportunity.csv>');
  process.exit(2);
}
const store = await openStore(target);
try {
  await initialiseWorkspace(store, { name: 'Import benchmark', corporateCurrency: 'USD' });
  const setup = await importFiles(store, [users, accounts], { actor: 'bench' });
  for (const result of setup) {
    if (result.status !== 'committed') throw new Error(`${result.file}: ${result.status} ${result.failure ?? JSON.stringify(result.errors.slice(0, 3))}`);
  }
  const started = performance.now();
  const [result] = await importFiles(store, [opportunities], { actor: 'bench' });
  const ms = performance.now() - started;
  if (!result || result.status !== 'committed') {
    throw new Error(`opportunities: ${result?.status} ${result?.failure ?? JSON.stringify(result?.errors.slice(0, 3))}`);
  }
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ rows: result.inserted + result.updated + result.unchanged, ms, maxRssMb, status: result.status }));
} finally {
  await store.close();
}
