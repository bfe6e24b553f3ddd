import { beforeEach, describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../store/audit-repository.ts';
import { updateOpportunity } from '../../store/opportunity-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { actorOf, buildTestOrg, missingId, type TestOrg } from '../testing/access-fixtures.ts';
import { getOpportunityDetail } from './get-opportunity.ts';

for (const engine of TEST_ENGINES) {
  describe(`getOpportunityDetail on ${engine}`, () => {
    const ctx = useTestStore(engine);
    let org: TestOrg;
    beforeEach(async () => {
      await ctx.make.workspace();
      org = await buildTestOrg(ctx.store, ctx.make);
    });

    it('answers not_found to a rep opening another rep’s opportunity, and audits the attempt', async () => {
      const opp = await ctx.make.opportunity({ ownerId: org.raj.id });
      const rita = actorOf('rep', org.rita);
      await expect(getOpportunityDetail(ctx.store, rita, opp.id)).rejects.toMatchObject({ code: 'not_found' });
      const denied = await listAuditEvents(ctx.store.db, { action: 'denied', objectId: opp.id });
      expect(denied).toEqual([expect.objectContaining({ actor: rita.userId, objectType: 'opportunity' })]);
    });

    it('answers not_found for an id that names nothing', async () => {
      await expect(getOpportunityDetail(ctx.store, actorOf('ops'), missingId('opportunity'))).rejects.toMatchObject({ code: 'not_found' });
    });

    it('shows the history in time order with stages, owners and amounts readable', async () => {
      const opp = await ctx.make.opportunity({ name: 'Deal', ownerId: org.rita.id, amountMinor: 100_000 }, { historyAt: '2026-01-05T09:00:00.000Z' });
      const negotiation = await ctx.make.stage('Negotiation/Review');
      await updateOpportunity(ctx.store.db, opp.id, { stageId: negotiation.id, amountMinor: 250_050 }, { historyAt: '2026-02-01T09:00:00.000Z' });
      await updateOpportunity(ctx.store.db, opp.id, { ownerId: org.raj.id }, { historyAt: '2026-03-01T09:00:00.000Z' });
      const detail = await getOpportunityDetail(ctx.store, actorOf('manager', org.alice), opp.id);
      const changes = detail.history.filter((h) => h.changedAt > '2026-01-05T09:00:00.000Z');
      expect(changes).toEqual([
        { changedAt: '2026-02-01T09:00:00.000Z', field: 'amount', oldValue: '100000', newValue: '250050', oldLabel: '1000.00 USD', newLabel: '2500.50 USD' },
        { changedAt: '2026-02-01T09:00:00.000Z', field: 'stage', oldValue: opp.stageId, newValue: negotiation.id, oldLabel: 'Prospecting', newLabel: 'Negotiation/Review' },
        { changedAt: '2026-03-01T09:00:00.000Z', field: 'owner', oldValue: org.rita.id, newValue: org.raj.id, oldLabel: 'Rita Rep', newLabel: 'Raj Rep' },
      ]);
      expect(detail.history.map((h) => h.changedAt)).toEqual([...detail.history.map((h) => h.changedAt)].sort());
    });

    it('lists the stages of the opportunity’s own process and names the process', async () => {
      const other = await ctx.make.process({ name: 'Renewals' });
      const opp = await ctx.make.opportunity({ processId: other.id, ownerId: org.rita.id });
      const detail = await getOpportunityDetail(ctx.store, actorOf('rep', org.rita), opp.id);
      expect(detail.process).toEqual({ id: other.id, name: 'Renewals' });
      expect(detail.stages.map((s) => s.id)).toEqual(other.stages.map((s) => s.id));
      expect(detail.stages[0]).toEqual({ id: other.stages[0]!.id, name: other.stages[0]!.name, isClosed: false, isWon: false });
    });
  });
}
