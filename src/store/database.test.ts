import { sql, type Kysely } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from './database.ts';
import { migrateToLatest } from './migrate.ts';
import { MIGRATIONS } from './migrations/index.ts';
import { createTestTarget, openTestStore, TEST_ENGINES, type TestStore } from './testing/test-stores.ts';

for (const engine of TEST_ENGINES) {
  describe(`database on ${engine}`, () => {
    let store: TestStore | undefined;
    afterEach(async () => {
      await store?.dispose();
      store = undefined;
    });

    it('running the migrations again changes nothing', async () => {
      store = await openTestStore(engine);
      const ran = await migrateToLatest(store.db as unknown as Kysely<unknown>, engine);
      expect(ran).toEqual([]);
      const rows = await sql<{ name: string }>`SELECT name FROM schema_migration`.execute(store.db);
      expect(rows.rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
    });

    it('refuses a database written by a newer version', async () => {
      store = await openTestStore(engine);
      await sql`INSERT INTO schema_migration (name, applied_at) VALUES ('9999-from-the-future', '2030-01-01T00:00:00Z')`.execute(store.db);
      await expect(openStore(store.openTarget)).rejects.toMatchObject({ code: 'database_too_new' });
    });

    it('refuses to update or delete audit events', async () => {
      store = await openTestStore(engine);
      await store.db
        .insertInto('audit_event')
        .values({ id: 'aud_1', occurred_at: '2026-01-01T00:00:00.000Z', actor: 'test', action: 'create', object_type: 'x', object_id: null, before_json: null, after_json: null })
        .execute();
      await expect(store.db.updateTable('audit_event').set({ actor: 'someone else' }).execute()).rejects.toThrow(/append-only/);
      await expect(store.db.deleteFrom('audit_event').execute()).rejects.toThrow(/append-only/);
      const count = await store.db.selectFrom('audit_event').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(1);
    });

    it('enforces foreign keys', async () => {
      store = await openTestStore(engine);
      await expect(
        store.db.insertInto('reporting_line').values({ id: 'rl_1', person_id: 'per_missing', manager_id: 'per_missing2', valid_from: '2026-01-01', valid_to: null }).execute(),
      ).rejects.toThrow();
    });

    it('refuses an uninitialised database when asked not to migrate', async () => {
      const { target, drop } = await createTestTarget(engine);
      try {
        await expect(openStore(target, { migrate: false })).rejects.toMatchObject({ code: 'database_not_initialised' });
      } finally {
        await drop();
      }
    });
  });
}
