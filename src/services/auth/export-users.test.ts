import { describe, expect, it } from 'vitest';
import { listAuditEvents } from '../../store/audit-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { todayUtc } from '../access/today.ts';
import { csvRowsOf, xlsxContentOf } from '../export/testing/read-download.ts';
import { exportUsers } from './export-users.ts';
import { makeTestUser } from './testing/make-test-user.ts';

const HEADER = ['id', 'email', 'display_name', 'role', 'person_id', 'person_name', 'active', 'has_password', 'created_at'];

for (const engine of TEST_ENGINES) {
  describe(`exportUsers on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('writes every user as the list shows them, by email, under a dated name', async () => {
      await ctx.make.workspace();
      const admin = await makeTestUser(ctx.store, { role: 'admin', email: 'a-admin@example.test' });
      const person = await ctx.make.person({ name: 'Ada Lovelace' });
      const ada = await makeTestUser(ctx.store, { role: 'manager', email: 'b-ada@example.test', displayName: 'Ada', personId: person.id, password: null });
      const file = await exportUsers(ctx.store, admin.actor, 'csv');
      expect(file.fileName).toBe(`users-${todayUtc()}.csv`);
      const rows = csvRowsOf(file);
      expect(rows[0]).toEqual(HEADER);
      expect(rows.map((r) => r[1])).toEqual(['email', 'a-admin@example.test', 'b-ada@example.test']);
      expect(rows[2]).toEqual([ada.user.id, 'b-ada@example.test', 'Ada', 'manager', person.id, 'Ada Lovelace', 'true', 'false', ada.user.createdAt]);
    });

    it('neutralises a name a spreadsheet would run as a formula', async () => {
      await ctx.make.workspace();
      const admin = await makeTestUser(ctx.store, { role: 'admin', email: 'a-admin@example.test' });
      await makeTestUser(ctx.store, { email: 'b-eve@example.test', displayName: '=cmd|calc' });
      const rows = csvRowsOf(await exportUsers(ctx.store, admin.actor, 'csv'));
      expect(rows[2]?.[2]).toBe("'=cmd|calc");
    });

    it('never writes a password hash', async () => {
      await ctx.make.workspace();
      const admin = await makeTestUser(ctx.store, { role: 'admin' });
      const stored = await ctx.store.db.selectFrom('app_user').select('password_hash').where('id', '=', admin.user.id).executeTakeFirstOrThrow();
      const csv = (await exportUsers(ctx.store, admin.actor, 'csv')).body.toString('utf8');
      const xlsx = await xlsxContentOf(await exportUsers(ctx.store, admin.actor, 'xlsx'));
      expect(stored.password_hash).toMatch(/^scrypt\$/);
      expect(csv).not.toContain('scrypt');
      expect(JSON.stringify(xlsx.rows)).not.toContain('scrypt');
    });

    it('says demo data in the sheet of a demo workspace’s workbook', async () => {
      await ctx.make.workspace({ isDemo: true });
      const admin = await makeTestUser(ctx.store, { role: 'admin' });
      const file = await exportUsers(ctx.store, admin.actor, 'xlsx');
      const content = await xlsxContentOf(file);
      expect(file.fileName).toBe(`users-demo-data-${todayUtc()}.xlsx`);
      expect(content.sheetName).toBe('users (demo data)');
      expect(content.rows[1]?.[1]).toBe(admin.user.email);
    });

    it('forbids a role that cannot list users, and audits the refusal', async () => {
      await ctx.make.workspace();
      const ops = await makeTestUser(ctx.store, { role: 'ops' });
      await expect(exportUsers(ctx.store, ops.actor, 'csv')).rejects.toMatchObject({ code: 'forbidden' });
      expect(await listAuditEvents(ctx.store.db, { actor: ops.user.id, action: 'denied' })).toHaveLength(1);
    });
  });
}
