/**
 * The crash test at length: fifty (SALESOPS_KILL_TRIALS overrides) imports killed with SIGKILL at
 * random moments; each must leave the database as before or as after, with integrity_check ok.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importFiles } from '../src/services/import-files.ts';
import { initialiseWorkspace } from '../src/services/initialise-workspace.ts';
import { generateSalesforceExport } from '../src/services/testing/generate-salesforce-export.ts';
import { runKillTrials } from '../src/services/testing/import-kill-trials.ts';
import { openStore } from '../src/store/database.ts';

const trials = Number(process.env.SALESOPS_KILL_TRIALS ?? 50);
const workDir = mkdtempSync(join(tmpdir(), 'salesops-kill-bench-'));
try {
  const first = await generateSalesforceExport(workDir, 20_000, { seed: 1, accountCount: 2_000, fileName: 'first.csv' });
  const second = await generateSalesforceExport(workDir, 50_000, { seed: 2, accountCount: 2_000, fileName: 'second.csv' });
  const baseDb = join(workDir, 'base.db');
  const store = await openStore(baseDb);
  await initialiseWorkspace(store, { name: 'Crash test', corporateCurrency: 'USD' });
  await importFiles(store, [first.users, first.accounts, first.opportunities], { actor: 'bench' });
  await store.close();
  const report = await runKillTrials({ baseDb, file: second.opportunities, workDir, trials });
  console.log(`Kill test: ${report.trials} imports killed at random over a ${Math.round(report.fullRunMs)} ms run`);
  console.log(`  ended as before: ${report.endedBefore}, ended as after: ${report.endedAfter}, torn or corrupt: ${report.failures.length}`);
  for (const failure of report.failures) console.log(`  FAIL ${failure}`);
  if (report.failures.length > 0) process.exitCode = 1;
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
