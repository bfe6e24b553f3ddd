import { beforeEach, describe, expect, it } from 'vitest';
import { auditQuery, type AuditQuery } from '../../contracts/audit.ts';
import { appendAuditEvent, listAuditEvents } from '../../store/audit-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import type { Actor } from '../access/actor.ts';
import { actorOf, storeUser } from '../testing/access-fixtures.ts';
import { exportAudit, listAuditPage } from './list-audit.ts';

const query = (input: Record<string, unknown> = {}): AuditQuery => auditQuery.parse(input);

for (const engine of TEST_ENGINES) {
  describe(`audit log reads on ${engine}`, () => {
    const ctx = useTestStore(engine);
    let finance: Actor;
    let ops: Actor;
    beforeEach(async () => {
      await ctx.make.workspace();
      finance = actorOf('finance', null, 'Fiona Finance');
      ops = actorOf('ops', null, 'Oscar Ops');
      await storeUser(ctx.store, finance);
      await storeUser(ctx.store, ops);
      const event = (action: string, objectType: string, objectId: string, at: string, actor = ops.userId) =>
        appendAuditEvent(ctx.store.db, { actor, action, objectType, objectId, after: { note: objectId } }, at);
      await event('update', 'opportunity', 'opp_1', '2026-03-01T10:00:00.000Z');
      await event('update', 'workspace', 'ws_1', '2026-03-02T10:00:00.000Z');
      await event('create', 'currency_rate', 'EUR', '2026-03-03T10:00:00.000Z', 'cli');
      await event('update', 'opportunity', '=cmd|calc', '2026-03-04T10:00:00.000Z');
    });

    it('lists newest first with the user actor’s name resolved', async () => {
      const page = await listAuditPage(ctx.store, finance, query());
      expect(page.items.map((e) => e.occurredAt)).toEqual(['2026-03-04T10:00:00.000Z', '2026-03-03T10:00:00.000Z', '2026-03-02T10:00:00.000Z', '2026-03-01T10:00:00.000Z']);
      expect(page.items.map((e) => e.actorName)).toEqual(['Oscar Ops', null, 'Oscar Ops', 'Oscar Ops']);
      expect(page.items[3]).toMatchObject({ action: 'update', objectType: 'opportunity', objectId: 'opp_1', before: null, after: { note: 'opp_1' } });
      expect(page.total).toBe(4);
    });

    it('filters by action, object, actor name and a time range whose end is exclusive', async () => {
      const ids = async (input: Record<string, unknown>) => (await listAuditPage(ctx.store, finance, query(input))).items.map((e) => e.objectId);
      expect(await ids({ objectType: 'opportunity' })).toEqual(['=cmd|calc', 'opp_1']);
      expect(await ids({ action: 'create' })).toEqual(['EUR']);
      expect(await ids({ actor: 'oscar' })).toEqual(['=cmd|calc', 'ws_1', 'opp_1']);
      expect(await ids({ actor: 'cli' })).toEqual(['EUR']);
      expect(await ids({ from: '2026-03-02', to: '2026-03-04T10:00:00Z' })).toEqual(['EUR', 'ws_1']);
    });

    it('pages through the log with the total of all matches', async () => {
      const second = await listAuditPage(ctx.store, finance, query({ page: 2, pageSize: 3 }));
      expect(second.items.map((e) => e.objectId)).toEqual(['opp_1']);
      expect(second.total).toBe(4);
    });

    it('does not audit reading the log', async () => {
      await listAuditPage(ctx.store, finance, query());
      expect(await listAuditEvents(ctx.store.db)).toHaveLength(4);
    });

    it('forbids a role without audit.read', async () => {
      await expect(listAuditPage(ctx.store, ops, query())).rejects.toMatchObject({ code: 'forbidden' });
    });

    it('refuses a time bound that is neither a date nor an instant with its offset', async () => {
      await expect(listAuditPage(ctx.store, finance, query({ from: '2026-03-01 10:00' }))).rejects.toMatchObject({ code: 'invalid_argument', details: { field: 'from' } });
    });

    it('exports the filtered log as formula-safe CSV, newest first', async () => {
      const file = await exportAudit(ctx.store, finance, query({ objectType: 'opportunity' }), 'csv');
      const lines = file.body.toString('utf8').replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '');
      expect(file.fileName).toBe('audit.csv');
      expect(lines).toHaveLength(3);
      expect(lines[0]).toBe('id,occurred_at,actor,actor_name,action,object_type,object_id,before_json,after_json');
      expect(lines[1]).toContain(`,'=cmd|calc,`);
      expect(lines[2]).toContain(',opp_1,');
    });
  });
}
