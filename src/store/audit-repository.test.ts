import { describe, expect, it } from 'vitest';
import { appendAuditEvent, listAuditEvents } from './audit-repository.ts';
import { TEST_ENGINES } from './testing/test-stores.ts';
import { useTestStore } from './testing/use-test-store.ts';

for (const engine of TEST_ENGINES) {
  describe(`audit repository on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('stores before and after as JSON and reads them back', async () => {
      const event = await appendAuditEvent(ctx.store.db, { actor: 'ada', action: 'update', objectType: 'opportunity', objectId: 'opp_1', before: { amount: 1 }, after: { amount: 2, tags: ['a'] } });
      expect(event.occurredAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      expect(await listAuditEvents(ctx.store.db)).toEqual([event]);
      expect(event.after).toEqual({ amount: 2, tags: ['a'] });
    });

    it('stores a missing before or after as null', async () => {
      await appendAuditEvent(ctx.store.db, { actor: 'ada', action: 'create', objectType: 'workspace', objectId: null });
      const [event] = await listAuditEvents(ctx.store.db);
      expect(event).toMatchObject({ before: null, after: null, objectId: null });
    });

    it('filters by object, actor and time range', async () => {
      await appendAuditEvent(ctx.store.db, { actor: 'ada', action: 'create', objectType: 'person', objectId: 'per_1' }, '2026-01-01T00:00:00.000Z');
      await appendAuditEvent(ctx.store.db, { actor: 'bob', action: 'update', objectType: 'person', objectId: 'per_1' }, '2026-01-02T00:00:00.000Z');
      await appendAuditEvent(ctx.store.db, { actor: 'ada', action: 'update', objectType: 'person', objectId: 'per_2' }, '2026-01-03T00:00:00.000Z');
      expect((await listAuditEvents(ctx.store.db, { objectType: 'person', objectId: 'per_1' })).map((e) => e.actor)).toEqual(['ada', 'bob']);
      expect((await listAuditEvents(ctx.store.db, { actor: 'ada', action: 'update' })).map((e) => e.objectId)).toEqual(['per_2']);
      expect((await listAuditEvents(ctx.store.db, { from: '2026-01-02T00:00:00.000Z', to: '2026-01-03T00:00:00.000Z' })).map((e) => e.actor)).toEqual(['bob']);
    });
  });
}
