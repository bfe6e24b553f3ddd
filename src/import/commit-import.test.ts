import { afterEach, describe, expect, it } from 'vitest';
import type { PlainDate } from '../core/shared/plain-date.ts';
import { listSnapshotDates, replaceSnapshot } from '../store/snapshot-repository.ts';
import { openTestStore, TEST_ENGINES, type TestStore } from '../store/testing/test-stores.ts';
import { commitImport } from './commit-import.ts';
import { opportunity, person, recordSource, seedWorkspace } from './testing/record-sources.ts';

const NOW = '2026-02-01T09:00:00.000Z';
const LATER = '2026-02-02T09:00:00.000Z';

async function count(store: TestStore, table: 'opportunity' | 'person' | 'opportunity_history' | 'import_run' | 'audit_event' | 'account'): Promise<number> {
  const row = await store.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

const people = [person('005A', 'Ana Alves', { email: 'ana@example.com' }), person('005B', 'Ben Brown')];
const deals = [
  opportunity('006A', { ownerRef: { externalId: '005A' }, stageName: 'Qualification' }),
  opportunity('006B', { ownerRef: { externalId: '005B' }, stageName: 'closed won' }),
  opportunity('006C', { ownerRef: { email: 'ANA@example.com' }, stageName: 'Negotiation' }),
];

for (const engine of TEST_ENGINES) {
  describe(`commitImport on ${engine}`, () => {
    let store: TestStore;
    afterEach(async () => store.dispose());

    it('importing the same file twice changes nothing the second time', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      await commitImport(store, recordSource('person', people), { actor: 'test', now: NOW });
      const first = await commitImport(store, recordSource('opportunity', deals), { actor: 'test', now: NOW });
      expect(first).toMatchObject({ status: 'committed', rowsRead: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0 });

      const second = await commitImport(store, recordSource('opportunity', deals), { actor: 'test', now: LATER });
      expect(second).toMatchObject({ status: 'committed', rowsRead: 3, inserted: 0, updated: 0, unchanged: 3, rejected: 0 });
      expect(await count(store, 'opportunity')).toBe(3);
      expect(await count(store, 'opportunity_history')).toBe(0);
      const stamps = await store.db.selectFrom('opportunity').select('updated_at').execute();
      expect(stamps.every((s) => s.updated_at === NOW)).toBe(true);
    });

    it('clears the weekly snapshots when opportunities change, and keeps them when nothing changes', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      await commitImport(store, recordSource('person', people), { actor: 'test', now: NOW });
      await commitImport(store, recordSource('opportunity', deals), { actor: 'test', now: NOW });
      const stored = await store.db.selectFrom('opportunity').selectAll().executeTakeFirstOrThrow();
      const monday = '2026-01-26' as PlainDate;
      const row = { opportunityId: stored.id, ownerId: stored.owner_id, stageId: stored.stage_id, amountMinor: stored.amount_minor, currency: 'USD', closeDate: stored.close_date, forecastCategory: 'pipeline', isClosed: false, isWon: false } as const;
      await replaceSnapshot(store.db, monday, [{ ...row, currency: row.currency as never, closeDate: row.closeDate as PlainDate }]);

      const same = await commitImport(store, recordSource('opportunity', deals), { actor: 'test', now: LATER });
      expect(same.unchanged).toBe(3);
      expect(await listSnapshotDates(store.db)).toEqual([monday]);

      const changed = await commitImport(store, recordSource('opportunity', [opportunity('006D', { ownerRef: { externalId: '005A' } })]), { actor: 'test', now: LATER });
      expect(changed.inserted).toBe(1);
      expect(await listSnapshotDates(store.db)).toEqual([]);
      expect(changed.notes).toContainEqual(expect.stringContaining('salesops snapshots'));
    });

    it('a file with one bad row imports nothing and names that row and column', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      await commitImport(store, recordSource('person', people), { actor: 'test', now: NOW });
      const bad = [...deals.slice(0, 2), opportunity('006X', { ownerRef: { externalId: '005-missing' } }), deals[2]!];
      const result = await commitImport(store, recordSource('opportunity', bad, { headers: ['Id', 'Name', 'OwnerId', 'StageName', 'CloseDate'] }), { actor: 'test', now: NOW });
      expect(result.status).toBe('rejected');
      expect(result.rejected).toBe(1);
      expect(result.errorCount).toBe(1);
      expect(result.errors).toEqual([{ row: 4, column: 'OwnerId', value: '005-missing', reason: expect.stringContaining('005-missing') as string }]);
      expect(await count(store, 'opportunity')).toBe(0);
      expect(await count(store, 'import_run')).toBe(1);
    });

    it('rows the reader could not parse reject the file with their own errors', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      const parseError = { row: 3, column: 'CloseDate', value: '31/31/2026', reason: 'Not a date' };
      const result = await commitImport(store, recordSource('opportunity', [opportunity('006A'), { errors: [parseError] }]), { actor: 'test', now: NOW });
      expect(result).toMatchObject({ status: 'rejected', rowsRead: 2, rejected: 1, errors: [parseError] });
      expect(await count(store, 'opportunity')).toBe(0);
    });

    it('a dry run validates every row and writes nothing', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      await commitImport(store, recordSource('person', people), { actor: 'test', now: NOW });
      const before = { runs: await count(store, 'import_run'), audits: await count(store, 'audit_event') };
      const result = await commitImport(store, recordSource('opportunity', [...deals, opportunity('006D', { ownerRef: { name: 'Nobody Yet' } })]), {
        actor: 'test',
        dryRun: true,
        now: NOW,
      });
      expect(result).toMatchObject({ status: 'dry_run', inserted: 4, rejected: 0, importRunId: null });
      expect(await count(store, 'opportunity')).toBe(0);
      expect(await count(store, 'person')).toBe(2);
      expect({ runs: await count(store, 'import_run'), audits: await count(store, 'audit_event') }).toEqual(before);
    });

    it('a committed file leaves one import run and one audit event with the counts', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      const audits = await count(store, 'audit_event');
      const result = await commitImport(store, recordSource('person', people, { path: '/tmp/User.csv' }), { actor: 'ana@example.com', now: NOW });
      const run = await store.db.selectFrom('import_run').selectAll().executeTakeFirstOrThrow();
      expect(run).toMatchObject({ id: result.importRunId, file_name: '/tmp/User.csv', entity: 'person', status: 'committed', rows_read: 2, inserted: 2 });
      const events = await store.db.selectFrom('audit_event').selectAll().where('action', '=', 'import').execute();
      expect(await count(store, 'audit_event')).toBe(audits + 1);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ actor: 'ana@example.com', object_type: 'import_run', object_id: result.importRunId });
      expect(JSON.parse(events[0]!.after_json ?? '{}')).toMatchObject({ rowsRead: 2, inserted: 2, updated: 0, unchanged: 0, rejected: 0 });
    });

    it('every error reaches the error sink while the result keeps the first few', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      const bad = Array.from({ length: 5 }, (_, i) => opportunity(`006${i}`, { stageName: 'Nowhere' }));
      const seen: number[] = [];
      const result = await commitImport(store, recordSource('opportunity', bad), { actor: 'test', maxReportedErrors: 2, onError: (e) => seen.push(e.row) });
      expect(result.errors).toHaveLength(2);
      expect(result.errorCount).toBe(5);
      expect(seen).toEqual([2, 3, 4, 5, 6]);
    });

    it('refuses to import into a database without a workspace', async () => {
      store = await openTestStore(engine);
      await expect(commitImport(store, recordSource('person', people), { actor: 'test' })).rejects.toMatchObject({ code: 'database_not_initialised' });
      expect(await count(store, 'person')).toBe(0);
    });
  });
}
