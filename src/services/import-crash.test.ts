import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/database.ts';
import { importFiles } from './import-files.ts';
import { initialiseWorkspace } from './initialise-workspace.ts';
import { generateSalesforceExport } from './testing/generate-salesforce-export.ts';
import { runKillTrials } from './testing/import-kill-trials.ts';

// A few kills in the default suite; `npm run bench -- import-kill` runs fifty.
const TRIALS = Number(process.env.SALESOPS_KILL_TRIALS ?? 6);

describe('an import killed with SIGKILL', () => {
  const workDir = mkdtempSync(join(tmpdir(), 'salesops-kill-'));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it('leaves the SQLite database as it was before the import or as it is after it', async () => {
    const first = await generateSalesforceExport(workDir, 10_000, { seed: 1, accountCount: 1_000, fileName: 'first.csv' });
    // Same ids 1..10,000 with other stages and amounts (updates with history) plus 15,000 new ones.
    const second = await generateSalesforceExport(workDir, 25_000, { seed: 2, accountCount: 1_000, fileName: 'second.csv' });
    const baseDb = join(workDir, 'base.db');
    const store = await openStore(baseDb);
    await initialiseWorkspace(store, { name: 'Crash test', corporateCurrency: 'USD' });
    const results = await importFiles(store, [first.users, first.accounts, first.opportunities], { actor: 'test' });
    expect(results.map((r) => r.status)).toEqual(['committed', 'committed', 'committed']);
    await store.close();

    const report = await runKillTrials({ baseDb, file: second.opportunities, workDir, trials: TRIALS });
    expect(report.failures).toEqual([]);
    expect(report.endedBefore + report.endedAfter).toBe(TRIALS);
  }, 300_000);
});
