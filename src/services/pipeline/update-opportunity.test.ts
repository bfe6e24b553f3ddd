import { beforeEach, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../store/audit-repository.ts';
import { listOpportunityChanges } from '../../store/opportunity-history-repository.ts';
import { findOpportunityById } from '../../store/opportunity-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { actorOf, buildTestOrg, type TestOrg } from '../testing/access-fixtures.ts';
import { updateOpportunityFields } from './update-opportunity.ts';

for (const engine of TEST_ENGINES) {
  describe(`updateOpportunityFields on ${engine}`, () => {
    const ctx = useTestStore(engine);
    let org: TestOrg;
    beforeEach(async () => {
      await ctx.make.workspace();
      org = await buildTestOrg(ctx.store, ctx.make);
    });

    const updates = async (id: string) => listAuditEvents(ctx.store.db, { action: 'update', objectId: id });

    it('writes the change, one audit event with the changed fields and a history row per tracked field', async () => {
      const opp = await ctx.make.opportunity({ ownerId: org.rita.id, amountMinor: 10_000 });
      const rita = actorOf('rep', org.rita);
      const detail = await updateOpportunityFields(ctx.store, rita, opp.id, { amountMinor: 25_000, closeDate: '2026-09-30', nextStep: 'Send the quote' });
      expect(detail).toMatchObject({ amount: { minor: 25_000, currency: 'USD' }, closeDate: '2026-09-30', nextStep: 'Send the quote' });
      const events = await updates(opp.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actor: rita.userId,
        objectType: 'opportunity',
        before: { amountMinor: 10_000, closeDate: '2026-06-30', nextStep: null },
        after: { amountMinor: 25_000, closeDate: '2026-09-30', nextStep: 'Send the quote' },
      });
      const history = await listOpportunityChanges(ctx.store.db, opp.id);
      expect(history.map((h) => [h.field, h.oldValue, h.newValue])).toEqual([
        ['amount', '10000', '25000'],
        ['close_date', '2026-06-30', '2026-09-30'],
      ]);
    });

    it('moves closed, won, probability and category with the stage', async () => {
      const opp = await ctx.make.opportunity({ ownerId: org.rita.id });
      const won = await ctx.make.stage('Closed Won');
      const detail = await updateOpportunityFields(ctx.store, actorOf('rep', org.rita), opp.id, { stageId: won.id });
      expect(detail).toMatchObject({ stage: { id: won.id, name: 'Closed Won' }, isClosed: true, isWon: true, probabilityBps: won.probabilityBps, forecastCategory: 'closed' });
    });

    it('keeps a category override across a move to another open stage', async () => {
      const opp = await ctx.make.opportunity({ ownerId: org.rita.id });
      const rita = actorOf('rep', org.rita);
      await updateOpportunityFields(ctx.store, rita, opp.id, { forecastCategory: 'commit' });
      const negotiation = await ctx.make.stage('Needs Analysis');
      const detail = await updateOpportunityFields(ctx.store, rita, opp.id, { stageId: negotiation.id });
      expect(detail).toMatchObject({ forecastCategory: 'commit', forecastCategoryOverride: true });
    });

    it('refuses the Closed category for an open stage', async () => {
      const opp = await ctx.make.opportunity({ ownerId: org.rita.id });
      await expect(updateOpportunityFields(ctx.store, actorOf('rep', org.rita), opp.id, { forecastCategory: 'closed' })).rejects.toMatchObject({
        code: 'invalid_argument', details: { field: 'forecastCategory' },
      });
    });

    it('refuses a stage of another process', async () => {
      const opp = await ctx.make.opportunity({ ownerId: org.rita.id });
      const other = await ctx.make.process();
      await expect(updateOpportunityFields(ctx.store, actorOf('rep', org.rita), opp.id, { stageId: other.stages[1]!.id })).rejects.toMatchObject({
        code: 'invalid_argument', details: { field: 'stageId' },
      });
    });

    it('forbids a rep to set the owner, naming the field, and audits the refusal', async () => {
      const opp = await ctx.make.opportunity({ ownerId: org.rita.id });
      const rita = actorOf('rep', org.rita);
      await expect(updateOpportunityFields(ctx.store, rita, opp.id, { ownerId: org.raj.id })).rejects.toMatchObject({ code: 'forbidden', details: { field: 'ownerId' } });
      expect(await listAuditEvents(ctx.store.db, { action: 'denied', objectId: opp.id })).toHaveLength(1);
      expect((await findOpportunityById(ctx.store.db, opp.id))?.ownerId).toBe(org.rita.id);
    });

    it('refuses a manager reassigning to someone outside the subtree', async () => {
      const opp = await ctx.make.opportunity({ ownerId: org.rita.id });
      await expect(updateOpportunityFields(ctx.store, actorOf('manager', org.alice), opp.id, { ownerId: org.sam.id })).rejects.toMatchObject({ code: 'forbidden' });
      expect((await findOpportunityById(ctx.store.db, opp.id))?.ownerId).toBe(org.rita.id);
      expect(await updates(opp.id)).toEqual([]);
    });

    it('lets a manager reassign within the subtree and records the owner change', async () => {
      const opp = await ctx.make.opportunity({ ownerId: org.rita.id });
      const detail = await updateOpportunityFields(ctx.store, actorOf('manager', org.alice), opp.id, { ownerId: org.raj.id });
      expect(detail.owner).toEqual({ id: org.raj.id, name: 'Raj Rep' });
      expect((await listOpportunityChanges(ctx.store.db, opp.id)).map((h) => [h.field, h.newValue])).toEqual([['owner', org.raj.id]]);
    });

    it('answers not_found for an opportunity outside the caller’s scope and changes nothing', async () => {
      const opp = await ctx.make.opportunity({ ownerId: org.sam.id, amountMinor: 500 });
      await expect(updateOpportunityFields(ctx.store, actorOf('manager', org.alice), opp.id, { amountMinor: 1 })).rejects.toMatchObject({ code: 'not_found' });
      expect((await findOpportunityById(ctx.store.db, opp.id))?.amountMinor).toBe(500);
    });

    it('writes nothing for a body that changes nothing', async () => {
      const opp = await ctx.make.opportunity({ ownerId: org.rita.id, amountMinor: 700 });
      await updateOpportunityFields(ctx.store, actorOf('rep', org.rita), opp.id, { amountMinor: 700, ownerId: org.rita.id });
      expect(await updates(opp.id)).toEqual([]);
    });
  });
}
