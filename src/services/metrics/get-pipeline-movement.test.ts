import { beforeEach, describe, expect, it } from 'vitest';
import { movementQuery } from '../../contracts/metrics.ts';
import type { PlainDate } from '../../core/shared/plain-date.ts';
import { insertOpportunityChanges } from '../../store/opportunity-history-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { actorOf, buildTestOrg, type TestOrg } from '../testing/access-fixtures.ts';
import { getPipelineMovement } from './get-pipeline-movement.ts';

const WINDOW = { from: '2026-04-01', to: '2026-06-30' };

for (const engine of TEST_ENGINES) {
  describe(`getPipelineMovement on ${engine}`, () => {
    const ctx = useTestStore(engine);
    let org: TestOrg;
    beforeEach(async () => {
      await ctx.make.workspace();
      org = await buildTestOrg(ctx.store, ctx.make);
    });

    it('counts a deal whose close date moved into the period as pulled in, not created', async () => {
      const deal = await ctx.make.opportunity({ ownerId: org.rita.id, amountMinor: 700_00, closeDate: '2026-06-15' as PlainDate, createdDate: '2026-01-10' as PlainDate });
      await insertOpportunityChanges(ctx.store.db, [
        { opportunityId: deal.id, changedAt: '2026-05-05T09:00:00.000Z', field: 'close_date', oldValue: '2026-08-01', newValue: '2026-06-15' },
      ]);
      const view = await getPipelineMovement(ctx.store, actorOf('ops'), movementQuery.parse({ ...WINDOW, start: '2026-05-01', asOf: '2026-05-10' }));
      expect(view.total).toMatchObject({ starting: 0, created: 0, pulledIn: 700_00, ending: 700_00 });
    });

    it('counts a deal created between the two dates as created', async () => {
      await ctx.make.opportunity({ ownerId: org.rita.id, amountMinor: 300_00, closeDate: '2026-06-15' as PlainDate, createdDate: '2026-05-03' as PlainDate });
      const view = await getPipelineMovement(ctx.store, actorOf('ops'), movementQuery.parse({ ...WINDOW, start: '2026-05-01', asOf: '2026-05-10' }));
      expect(view.total).toMatchObject({ starting: 0, created: 300_00, pulledIn: 0, ending: 300_00 });
    });

    it('counts a deal whose close date moved out of the period as pushed out', async () => {
      const deal = await ctx.make.opportunity({ ownerId: org.rita.id, amountMinor: 400_00, closeDate: '2026-07-20' as PlainDate, createdDate: '2026-01-10' as PlainDate });
      await insertOpportunityChanges(ctx.store.db, [
        { opportunityId: deal.id, changedAt: '2026-05-05T09:00:00.000Z', field: 'close_date', oldValue: '2026-06-20', newValue: '2026-07-20' },
      ]);
      const view = await getPipelineMovement(ctx.store, actorOf('ops'), movementQuery.parse({ ...WINDOW, start: '2026-05-01', asOf: '2026-05-10', by: 'owner' }));
      expect(view.total).toMatchObject({ starting: 400_00, pushedOut: 400_00, ending: 0 });
      expect(view.slices.map((s) => [s.key, s.pushedOut])).toEqual([[org.rita.id, 400_00]]);
    });
  });
}
