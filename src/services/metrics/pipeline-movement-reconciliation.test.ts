import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { movementQuery } from '../../contracts/metrics.ts';
import { fiscalPeriodOf } from '../../core/shared/fiscal-calendar.ts';
import { addDays, type PlainDate } from '../../core/shared/plain-date.ts';
import { listCurrencyRates } from '../../store/currency-rate-repository.ts';
import { openTestStore, TEST_ENGINES, type TestStore } from '../../store/testing/test-stores.ts';
import { getWorkspace } from '../../store/workspace-repository.ts';
import { CLI_ACTOR } from '../access/actor.ts';
import { todayUtc } from '../access/today.ts';
import { createDemoWorkspace } from '../demo/create-demo-workspace.ts';
import { pipelineAsOf } from '../pipeline-as-of.ts';
import { getPipelineMovement } from './get-pipeline-movement.ts';
import { fiscalConfigOf } from './metric-request.ts';
import { reportConverter } from './report-converter.ts';

const TODAY = todayUtc();

/**
 * The window's pipeline at the end of a day, rebuilt independently of the analytics loader by the
 * pipeline module's own replay of every deal's full history: open, not Omitted, close date in the window.
 */
async function pipelineTotal(store: TestStore, date: PlainDate, window: { from: PlainDate; to: PlainDate }): Promise<number> {
  const workspace = await getWorkspace(store.db);
  if (workspace === null) throw new Error('no workspace');
  const converter = reportConverter(workspace.corporateCurrency, workspace.corporateCurrency, await listCurrencyRates(store.db));
  const rows = await pipelineAsOf(store, date);
  return rows
    .filter((r) => !r.isClosed && r.forecastCategory !== 'omitted' && r.closeDate >= window.from && r.closeDate <= window.to)
    .reduce((sum, r) => sum + (r.amountMinor === null ? 0 : converter.convert(r.amountMinor, r.currency, r.closeDate)), 0);
}

for (const engine of TEST_ENGINES) {
  describe(`pipeline movement on the demo workspace (${engine})`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await openTestStore(engine);
      await createDemoWorkspace(store, { seed: 9, today: TODAY, scale: 0.04 });
    }, 180_000);
    afterAll(async () => {
      await store.dispose();
    });

    it('reconciles to the cent between any two dates: starting + movements = ending, and both ends match the rebuilt pipeline', async () => {
      const workspace = await getWorkspace(store.db);
      if (workspace === null) throw new Error('no workspace');
      const fiscal = fiscalConfigOf(workspace);
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 540 }), fc.integer({ min: 1, max: 120 }), async (endBack, length) => {
          const asOf = addDays(TODAY, -endBack);
          const start = addDays(asOf, -length);
          const quarter = fiscalPeriodOf(fiscal, asOf, 'quarter');
          const window = { from: quarter.start, to: quarter.end };
          const view = await getPipelineMovement(store, CLI_ACTOR, movementQuery.parse({ ...window, asOf, start, by: 'owner' }));
          const t = view.total;
          expect(t.starting + t.created + t.pulledIn + t.restored - t.pushedOut + t.amountChanged - t.won - t.lost - t.removed).toBe(t.ending);
          expect(t.starting).toBe(await pipelineTotal(store, start, window));
          expect(t.ending).toBe(await pipelineTotal(store, asOf, window));
          expect(view.slices.reduce((s, x) => s + x.ending, 0)).toBe(t.ending);
          expect(view.slices.reduce((s, x) => s + x.starting, 0)).toBe(t.starting);
        }),
        { numRuns: 12, seed: 20261127 },
      );
    }, 300_000);
  });
}
