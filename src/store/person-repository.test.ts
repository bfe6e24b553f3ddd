import { describe, expect, it } from 'vitest';
import type { PlainDate } from '../core/shared/plain-date.ts';
import {
  addReportingLine,
  closeReportingLine,
  findPersonByEmail,
  findPersonByExternalId,
  findPersonById,
  findPersonByName,
  insertPerson,
  listPeople,
  managerOn,
  subtreeOn,
  updatePerson,
} from './person-repository.ts';
import { TEST_ENGINES } from './testing/test-stores.ts';
import { useTestStore } from './testing/use-test-store.ts';

const d = (text: string): PlainDate => text as PlainDate;

for (const engine of TEST_ENGINES) {
  describe(`person repository on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('reads back an inserted person', async () => {
      const person = await insertPerson(ctx.store.db, { name: 'Ada Lovelace', externalId: '005A', email: 'ada@example.com', hireDate: d('2024-02-01') });
      expect(await findPersonById(ctx.store.db, person.id)).toEqual(person);
      expect(await findPersonByExternalId(ctx.store.db, '005A')).toEqual(person);
      expect(person).toMatchObject({ active: true, jobRole: null, hireDate: '2024-02-01' });
    });

    it('updates the fields given and stamps the change', async () => {
      const person = await insertPerson(ctx.store.db, { name: 'Ada' }, '2026-01-01T00:00:00.000Z');
      const updated = await updatePerson(ctx.store.db, person.id, { title: 'AE', active: false }, '2026-02-01T00:00:00.000Z');
      expect(updated).toMatchObject({ name: 'Ada', title: 'AE', active: false, updatedAt: '2026-02-01T00:00:00.000Z', createdAt: '2026-01-01T00:00:00.000Z' });
    });

    it('refuses to update a person who does not exist', async () => {
      await expect(updatePerson(ctx.store.db, 'per_missing', { name: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    });

    it('finds a person by email ignoring case', async () => {
      const person = await ctx.make.person({ email: 'Grace.Hopper@Example.com' });
      expect((await findPersonByEmail(ctx.store.db, ' grace.hopper@example.COM '))?.id).toBe(person.id);
    });

    it('reports a conflict when several people share an email', async () => {
      await ctx.make.person({ email: 'team@example.com' });
      await ctx.make.person({ email: 'TEAM@example.com' });
      await expect(findPersonByEmail(ctx.store.db, 'team@example.com')).rejects.toMatchObject({ code: 'conflict' });
    });

    it('finds a person by exact name only', async () => {
      const person = await ctx.make.person({ name: 'Alan Turing' });
      expect((await findPersonByName(ctx.store.db, 'Alan Turing'))?.id).toBe(person.id);
      expect(await findPersonByName(ctx.store.db, 'alan turing')).toBeNull();
    });

    it('lists people by name, optionally only the active ones', async () => {
      await ctx.make.person({ name: 'Bea' });
      await ctx.make.person({ name: 'Abe', active: false });
      expect((await listPeople(ctx.store.db)).map((p) => p.name)).toEqual(['Abe', 'Bea']);
      expect((await listPeople(ctx.store.db, { activeOnly: true })).map((p) => p.name)).toEqual(['Bea']);
    });

    it('answers who managed a person on a date, with valid_to exclusive', async () => {
      const [rep, first, second] = [await ctx.make.person(), await ctx.make.person(), await ctx.make.person()];
      const line = await addReportingLine(ctx.store.db, { personId: rep.id, managerId: first.id, validFrom: d('2025-01-01') });
      await closeReportingLine(ctx.store.db, line.id, d('2025-07-01'));
      await addReportingLine(ctx.store.db, { personId: rep.id, managerId: second.id, validFrom: d('2025-07-01') });
      expect(await managerOn(ctx.store.db, rep.id, d('2024-12-31'))).toBeNull();
      expect(await managerOn(ctx.store.db, rep.id, d('2025-06-30'))).toBe(first.id);
      expect(await managerOn(ctx.store.db, rep.id, d('2025-07-01'))).toBe(second.id);
    });

    it('refuses a second manager over the same days', async () => {
      const [rep, first, second] = [await ctx.make.person(), await ctx.make.person(), await ctx.make.person()];
      await addReportingLine(ctx.store.db, { personId: rep.id, managerId: first.id, validFrom: d('2025-01-01'), validTo: d('2025-12-31') });
      await expect(addReportingLine(ctx.store.db, { personId: rep.id, managerId: second.id, validFrom: d('2025-06-01') })).rejects.toMatchObject({ code: 'conflict' });
    });

    it('refuses a reporting line that would make a cycle', async () => {
      const [boss, rep] = [await ctx.make.person(), await ctx.make.person()];
      await addReportingLine(ctx.store.db, { personId: rep.id, managerId: boss.id, validFrom: d('2025-01-01') });
      await expect(addReportingLine(ctx.store.db, { personId: boss.id, managerId: rep.id, validFrom: d('2025-03-01') })).rejects.toMatchObject({ code: 'constraint_violation' });
    });

    it('lists the whole organisation below a manager on a date, checking dates at every level', async () => {
      const [vp, mgr, rep1, rep2, gone] = [await ctx.make.person(), await ctx.make.person(), await ctx.make.person(), await ctx.make.person(), await ctx.make.person()];
      await addReportingLine(ctx.store.db, { personId: mgr.id, managerId: vp.id, validFrom: d('2025-01-01') });
      await addReportingLine(ctx.store.db, { personId: rep1.id, managerId: mgr.id, validFrom: d('2025-01-01') });
      await addReportingLine(ctx.store.db, { personId: rep2.id, managerId: mgr.id, validFrom: d('2025-06-01') });
      await addReportingLine(ctx.store.db, { personId: gone.id, managerId: mgr.id, validFrom: d('2025-01-01'), validTo: d('2025-03-01') });
      const members = await subtreeOn(ctx.store.db, vp.id, d('2025-04-01'));
      expect(members).toEqual([
        { personId: mgr.id, managerId: vp.id, depth: 1 },
        { personId: rep1.id, managerId: mgr.id, depth: 2 },
      ]);
      expect((await subtreeOn(ctx.store.db, vp.id, d('2025-06-01'))).map((m) => m.personId).sort()).toEqual([mgr.id, rep1.id, rep2.id].sort());
    });

    it('loses the lower levels when a middle manager’s line has ended', async () => {
      const [vp, mgr, rep] = [await ctx.make.person(), await ctx.make.person(), await ctx.make.person()];
      await addReportingLine(ctx.store.db, { personId: mgr.id, managerId: vp.id, validFrom: d('2025-01-01'), validTo: d('2025-05-01') });
      await addReportingLine(ctx.store.db, { personId: rep.id, managerId: mgr.id, validFrom: d('2025-01-01') });
      expect(await subtreeOn(ctx.store.db, vp.id, d('2025-05-01'))).toEqual([]);
    });
  });
}
