import { describe, expect, it } from 'vitest';
import { TEST_ENGINES } from './testing/test-stores.ts';
import { useTestStore } from './testing/use-test-store.ts';
import { countActiveUsersWithRole, findUserByEmail, findUserById, insertUser, listUsers, updateUser } from './user-repository.ts';

for (const engine of TEST_ENGINES) {
  describe(`user repository on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('reads back an inserted user with the email lower-cased and the linked person named', async () => {
      const person = await ctx.make.person({ name: 'Ada Lovelace' });
      const user = await insertUser(ctx.store.db, { email: ' Ada@Example.COM ', displayName: 'Ada', role: 'manager', personId: person.id, passwordHash: 'scrypt$x' }, '2026-01-01T00:00:00.000Z');
      expect(user).toEqual({
        id: user.id,
        email: 'ada@example.com',
        displayName: 'Ada',
        role: 'manager',
        personId: person.id,
        personName: 'Ada Lovelace',
        passwordHash: 'scrypt$x',
        active: true,
        createdAt: '2026-01-01T00:00:00.000Z',
        updatedAt: '2026-01-01T00:00:00.000Z',
      });
      expect(user.id).toMatch(/^usr_/);
      expect(await findUserById(ctx.store.db, user.id)).toEqual(user);
    });

    it('refuses a second user whose email differs only in case', async () => {
      await insertUser(ctx.store.db, { email: 'grace@example.com', displayName: 'Grace', role: 'rep' });
      await expect(insertUser(ctx.store.db, { email: 'GRACE@example.com', displayName: 'Other', role: 'rep' })).rejects.toMatchObject({ code: 'conflict' });
    });

    it('finds a user by email ignoring case and surrounding spaces', async () => {
      const user = await insertUser(ctx.store.db, { email: 'alan@example.com', displayName: 'Alan', role: 'rep' });
      expect((await findUserByEmail(ctx.store.db, '  ALAN@example.com '))?.id).toBe(user.id);
      expect(await findUserByEmail(ctx.store.db, 'nobody@example.com')).toBeNull();
    });

    it('updates only the fields given and stamps the change', async () => {
      const user = await insertUser(ctx.store.db, { email: 'bea@example.com', displayName: 'Bea', role: 'rep', passwordHash: 'old' }, '2026-01-01T00:00:00.000Z');
      const updated = await updateUser(ctx.store.db, user.id, { role: 'ops', active: false }, '2026-02-01T00:00:00.000Z');
      expect(updated).toMatchObject({ displayName: 'Bea', role: 'ops', active: false, passwordHash: 'old', createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-02-01T00:00:00.000Z' });
    });

    it('refuses to update a user who does not exist', async () => {
      await expect(updateUser(ctx.store.db, 'usr_missing', { displayName: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    });

    it('lists users by email', async () => {
      await insertUser(ctx.store.db, { email: 'zed@example.com', displayName: 'Zed', role: 'rep' });
      await insertUser(ctx.store.db, { email: 'amy@example.com', displayName: 'Amy', role: 'rep' });
      expect((await listUsers(ctx.store.db)).map((u) => u.email)).toEqual(['amy@example.com', 'zed@example.com']);
    });

    it('counts only the active users holding a role', async () => {
      await insertUser(ctx.store.db, { email: 'a1@example.com', displayName: 'A1', role: 'admin' });
      await insertUser(ctx.store.db, { email: 'a2@example.com', displayName: 'A2', role: 'admin', active: false });
      await insertUser(ctx.store.db, { email: 'r1@example.com', displayName: 'R1', role: 'rep' });
      expect(await countActiveUsersWithRole(ctx.store.db, 'admin')).toBe(1);
    });
  });
}
