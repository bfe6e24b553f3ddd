import { beforeEach, describe, expect, it } from 'vitest';
import { inspectionQuery } from '../../contracts/metrics.ts';
import { addDays, type PlainDate } from '../../core/shared/plain-date.ts';
import { insertOpportunityChanges } from '../../store/opportunity-history-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { actorOf, buildTestOrg, type TestOrg } from '../testing/access-fixtures.ts';
import { changeInspectionRules, DEFAULT_INSPECTION_CONFIG } from '../settings/inspection-rules.ts';
import { exportDealInspection, getDealInspection, TREND_WEEKS } from './get-deal-inspection.ts';

for (const engine of TEST_ENGINES) {
  describe(`getDealInspection on ${engine}`, () => {
    const ctx = useTestStore(engine);
    let org: TestOrg;
    let today: PlainDate;
    beforeEach(async () => {
      await ctx.make.workspace();
      org = await buildTestOrg(ctx.store, ctx.make);
      today = org.today;
    });

    const openDeal = (owner: { id: string }, amountMinor: number, fields: Record<string, unknown> = {}) =>
      ctx.make.opportunity({
        ownerId: owner.id,
        amountMinor,
        closeDate: addDays(today, 30),
        createdDate: addDays(today, -20),
        nextStep: 'Send the proposal',
        ...fields,
      });

    it('warns about a past close date and a missing next step, and scores the rep by clean amount', async () => {
      await openDeal(org.rita, 300_00, { closeDate: addDays(today, -3), nextStep: null });
      await openDeal(org.rita, 100_00);
      const view = await getDealInspection(ctx.store, actorOf('ops'), inspectionQuery.parse({}));
      const flagged = view.deals.find((d) => d.deal.amount?.minor === 300_00);
      expect(flagged?.warnings.map((w) => w.kind)).toEqual(['close_date_past', 'no_next_step']);
      expect(flagged?.warnings[0]?.message).toMatch(/3 days/);
      const rita = view.byRep.find((r) => r.ownerId === org.rita.id);
      // 100 of 400 open is clean: 25 %.
      expect(rita).toMatchObject({ openCount: 2, cleanCount: 1, openAmountMinor: 400_00, cleanAmountMinor: 100_00, scoreBps: 2500 });
    });

    it('counts close-date pushes from history against the rule', async () => {
      const deal = await openDeal(org.raj, 50_00);
      const at = (days: number) => `${addDays(today, -days)}T10:00:00.000Z`;
      await insertOpportunityChanges(ctx.store.db, [
        { opportunityId: deal.id, changedAt: at(15), field: 'close_date', oldValue: addDays(today, -10), newValue: addDays(today, 5) },
        { opportunityId: deal.id, changedAt: at(10), field: 'close_date', oldValue: addDays(today, 5), newValue: addDays(today, 20) },
        { opportunityId: deal.id, changedAt: at(5), field: 'close_date', oldValue: addDays(today, 20), newValue: addDays(today, 30) },
      ]);
      const view = await getDealInspection(ctx.store, actorOf('ops'), inspectionQuery.parse({ warning: 'pushed' }));
      expect(view.total).toBe(1);
      expect(view.deals[0]?.warnings.map((w) => w.message)).toContain('Close date pushed 3 times');
    });

    it('follows the workspace rules: a switched-off warning is not raised', async () => {
      await openDeal(org.rita, 300_00, { nextStep: null });
      await changeInspectionRules(ctx.store, actorOf('ops'), { ...DEFAULT_INSPECTION_CONFIG, defaults: { ...DEFAULT_INSPECTION_CONFIG.defaults, noNextStep: false } });
      const view = await getDealInspection(ctx.store, actorOf('ops'), inspectionQuery.parse({}));
      expect(view.deals[0]?.warnings).toEqual([]);
    });

    it('shows a manager only the subtree, with a weekly trend of each rep\'s score', async () => {
      await openDeal(org.rita, 300_00);
      await openDeal(org.sam, 100_00);
      const view = await getDealInspection(ctx.store, actorOf('manager', org.alice), inspectionQuery.parse({}));
      expect(view.byRep.map((r) => r.ownerId)).toEqual([org.rita.id]);
      // Teams are first-line managers' reports: Rita reports to Alice.
      expect(view.byTeam.map((t) => [t.name, t.repCount])).toEqual([[`${org.alice.name}'s team`, 1]]);
      expect(view.trend[0]?.points).toHaveLength(TREND_WEEKS);
      expect(view.trend[0]?.points.at(-1)).toEqual({ asOf: today, scoreBps: 10_000 });
    });

    it('exports every inspected deal with one column per warning kind', async () => {
      await openDeal(org.rita, 300_00, { nextStep: null });
      const file = await exportDealInspection(ctx.store, actorOf('ops'), inspectionQuery.parse({}), 'csv');
      const text = file.body.toString('utf8');
      expect(text).toMatch(/no_next_step/);
      expect(text).toMatch(/No next step/i);
    });
  });
}
