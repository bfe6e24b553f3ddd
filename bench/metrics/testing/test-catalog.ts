import { RENEWAL_STAGES, SALESFORCE_DEFAULT_STAGES, type StageDefinition } from '../../../src/core/pipeline/default-processes.ts';
import type { BenchProcess, BenchStage } from '../deal-timeline.ts';
import type { BenchCatalog } from '../workspace-rows.ts';

function processOf(id: string, name: string, definitions: readonly StageDefinition[]): BenchProcess {
  const stages: BenchStage[] = definitions.map((d, i) => ({
    id: `stg_${id}_${i + 1}`, name: d.name, isClosed: d.isClosed, isWon: d.isWon, probabilityBps: d.probabilityBps, forecastCategory: d.forecastCategory,
  }));
  const won = stages.find((s) => s.isClosed && s.isWon);
  const lost = stages.find((s) => s.isClosed && !s.isWon);
  if (won === undefined || lost === undefined) throw new Error(`${name} has no won or lost stage`);
  return { id: `proc_${id}`, name, openStages: stages.filter((s) => !s.isClosed), won, lost };
}

/** The default processes with made-up ids, as a store would hold them: for tests without a store. */
export function testCatalog(): BenchCatalog {
  return { newBusiness: processOf('nb', 'New Business', SALESFORCE_DEFAULT_STAGES), renewal: processOf('rn', 'Renewal', RENEWAL_STAGES) };
}
