import { describe, expect, it } from 'vitest';
import { permissionsOf } from '../../core/access/permission.ts';
import { listAuditEvents } from '../../store/audit-repository.ts';
import { listSessionsOfUser } from '../../store/session-repository.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { CLI_ACTOR } from '../access/actor.ts';
import { createUser, findActiveUserByEmail, getMe, listUsers, updateUser } from './manage-users.ts';
import { resolveSession } from './resolve-session.ts';
import { signInWithPassword } from './sign-in.ts';
import { makeTestUser } from './testing/make-test-user.ts';

const NOW = new Date('2026-03-02T09:00:00.000Z');

for (const engine of TEST_ENGINES) {
  describe(`user administration on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('creates a user with the email lower-cased, a password set and no hash shown', async () => {
      const { actor } = await makeTestUser(ctx.store, { role: 'admin' });
      const person = await ctx.make.person({ name: 'Ada Lovelace' });
      const user = await createUser(ctx.store, actor, { email: 'Ada@Example.test', displayName: ' Ada ', role: 'manager', personId: person.id, password: 'a long enough password' }, NOW);
      expect(user).toEqual({ id: user.id, email: 'ada@example.test', displayName: 'Ada', role: 'manager', personId: person.id, personName: 'Ada Lovelace', active: true, hasPassword: true, createdAt: NOW.toISOString() });
    });

    it('audits the creation with no password hash in it', async () => {
      const { actor } = await makeTestUser(ctx.store, { role: 'admin' });
      const user = await createUser(ctx.store, actor, { email: 'ada@example.test', displayName: 'Ada', role: 'rep', password: 'a long enough password' }, NOW);
      const events = await listAuditEvents(ctx.store.db, { objectId: user.id });
      expect(events).toEqual([expect.objectContaining({ actor: actor.userId, action: 'create', objectType: 'user', before: null, after: user })]);
      expect(JSON.stringify(events)).not.toContain('scrypt');
    });

    it('refuses a second user with the same email in another case', async () => {
      await makeTestUser(ctx.store, { email: 'grace@example.test' });
      await expect(createUser(ctx.store, CLI_ACTOR, { email: 'GRACE@example.test', displayName: 'Grace again', role: 'rep' })).rejects.toMatchObject({ code: 'conflict' });
    });

    it('refuses a password shorter than 12 characters', async () => {
      await expect(createUser(ctx.store, CLI_ACTOR, { email: 'short@example.test', displayName: 'Short', role: 'rep', password: 'too short' })).rejects.toMatchObject({ code: 'invalid_argument' });
    });

    it('refuses to link a user to a person who does not exist', async () => {
      await expect(createUser(ctx.store, CLI_ACTOR, { email: 'x@example.test', displayName: 'X', role: 'rep', personId: 'per_missing' })).rejects.toMatchObject({ code: 'invalid_argument' });
    });

    it('forbids every role but administrators to list, create or change users, and audits the refusal', async () => {
      const { user, actor } = await makeTestUser(ctx.store, { role: 'ops' });
      await expect(listUsers(ctx.store, actor)).rejects.toMatchObject({ code: 'forbidden' });
      await expect(createUser(ctx.store, actor, { email: 'new@example.test', displayName: 'New', role: 'rep' })).rejects.toMatchObject({ code: 'forbidden' });
      await expect(updateUser(ctx.store, actor, user.id, { role: 'admin' })).rejects.toMatchObject({ code: 'forbidden' });
      expect(await listAuditEvents(ctx.store.db, { action: 'denied', actor: user.id })).toHaveLength(3);
    });

    it('lists users by email with the names of their people', async () => {
      const person = await ctx.make.person({ name: 'Bea Brown' });
      const { actor } = await makeTestUser(ctx.store, { role: 'admin', email: 'admin@example.test' });
      await makeTestUser(ctx.store, { email: 'bea@example.test', personId: person.id });
      expect((await listUsers(ctx.store, actor)).map((u) => [u.email, u.personName])).toEqual([
        ['admin@example.test', null],
        ['bea@example.test', 'Bea Brown'],
      ]);
    });

    it('ends all the sessions of a user it deactivates, and audits the change', async () => {
      const { actor } = await makeTestUser(ctx.store, { role: 'admin' });
      const target = await makeTestUser(ctx.store);
      const first = await signInWithPassword(ctx.store, { email: target.user.email, password: target.password, remoteAddress: '10.0.0.1' }, NOW);
      await signInWithPassword(ctx.store, { email: target.user.email, password: target.password, remoteAddress: '10.0.0.2' }, NOW);
      const updated = await updateUser(ctx.store, actor, target.user.id, { active: false }, NOW);
      expect(updated.active).toBe(false);
      expect(await listSessionsOfUser(ctx.store.db, target.user.id)).toEqual([]);
      expect(await resolveSession(ctx.store, first.sessionToken, NOW)).toBeNull();
      const [event] = await listAuditEvents(ctx.store.db, { action: 'update', objectId: target.user.id });
      expect(event).toMatchObject({ actor: actor.userId, before: { active: true }, after: { active: false, sessionsEnded: 2 } });
    });

    it('refuses to let administrators deactivate themselves or change their own role', async () => {
      const { user, actor } = await makeTestUser(ctx.store, { role: 'admin' });
      await makeTestUser(ctx.store, { role: 'admin' });
      await expect(updateUser(ctx.store, actor, user.id, { active: false })).rejects.toMatchObject({ code: 'invalid_argument' });
      await expect(updateUser(ctx.store, actor, user.id, { role: 'ops' })).rejects.toMatchObject({ code: 'invalid_argument' });
      expect((await listUsers(ctx.store, actor)).find((u) => u.id === user.id)).toMatchObject({ active: true, role: 'admin' });
    });

    it('refuses any change that would leave no active administrator', async () => {
      const { user } = await makeTestUser(ctx.store, { role: 'admin' });
      await expect(updateUser(ctx.store, CLI_ACTOR, user.id, { role: 'rep' })).rejects.toMatchObject({ code: 'invalid_argument' });
    });

    it('hashes a new password: it signs in, the old one no longer does', async () => {
      const { actor } = await makeTestUser(ctx.store, { role: 'admin' });
      const target = await makeTestUser(ctx.store);
      await updateUser(ctx.store, actor, target.user.id, { password: 'a brand new password' }, NOW);
      const row = await ctx.store.db.selectFrom('app_user').select('password_hash').where('id', '=', target.user.id).executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^scrypt\$/);
      await expect(signInWithPassword(ctx.store, { email: target.user.email, password: target.password, remoteAddress: '10.0.0.1' }, NOW)).rejects.toMatchObject({ code: 'unauthenticated' });
      expect((await signInWithPassword(ctx.store, { email: target.user.email, password: 'a brand new password', remoteAddress: '10.0.0.1' }, NOW)).actor.userId).toBe(target.user.id);
    });

    it('writes nothing for an update that changes nothing', async () => {
      const { actor } = await makeTestUser(ctx.store, { role: 'admin' });
      const target = await makeTestUser(ctx.store, { displayName: 'Same Name' });
      const before = await listAuditEvents(ctx.store.db);
      expect(await updateUser(ctx.store, actor, target.user.id, { displayName: 'Same Name', role: 'rep' })).toEqual(target.user);
      expect(await listAuditEvents(ctx.store.db)).toEqual(before);
    });

    it('answers not_found for a user who does not exist', async () => {
      await expect(updateUser(ctx.store, CLI_ACTOR, 'usr_missing', { displayName: 'x' })).rejects.toMatchObject({ code: 'not_found' });
    });

    it("describes the caller with the role's permissions and the workspace", async () => {
      await ctx.make.workspace({ name: 'Acme', isDemo: false });
      const { user, actor } = await makeTestUser(ctx.store, { role: 'finance' });
      expect(await getMe(ctx.store, actor, 'csrf-1')).toEqual({
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        role: 'finance',
        personId: null,
        permissions: [...permissionsOf('finance')],
        csrfToken: 'csrf-1',
        workspace: { name: 'Acme', isDemo: false, corporateCurrency: 'USD' },
      });
    });

    it('finds an active user by email for single sign-on, and no inactive one', async () => {
      const active = await makeTestUser(ctx.store, { email: 'on@example.test', role: 'manager' });
      const inactive = await makeTestUser(ctx.store, { email: 'off@example.test' });
      await updateUser(ctx.store, CLI_ACTOR, inactive.user.id, { active: false });
      expect(await findActiveUserByEmail(ctx.store, ' ON@example.test')).toEqual({ id: active.user.id, email: 'on@example.test', role: 'manager', personId: null, displayName: active.user.displayName });
      expect(await findActiveUserByEmail(ctx.store, 'off@example.test')).toBeNull();
      expect(await findActiveUserByEmail(ctx.store, 'nobody@example.test')).toBeNull();
    });
  });
}
