import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../core/access/role.ts';
import { parsePlainDate } from '../../core/shared/plain-date.ts';
import { listAuditEvents } from '../../store/audit-repository.ts';
import { listOpportunities } from '../../store/opportunity-repository.ts';
import { findPersonById, managerOn, subtreeOn } from '../../store/person-repository.ts';
import { openTestStore, TEST_ENGINES, type TestStore } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { signInWithPassword } from '../auth/sign-in.ts';
import { initialiseWorkspace } from '../initialise-workspace.ts';
import { createDemoUsers, DEMO_PASSWORD_NOTICE, DEMO_USER_CREDENTIALS, type DemoUser } from './create-demo-users.ts';
import { createDemoWorkspace } from './create-demo-workspace.ts';
import { demoSignIns } from './demo-sign-ins.ts';

const TODAY = parsePlainDate('2025-06-15');
const SMALL = { seed: 11, today: TODAY, scale: 0.05 } as const;

function userOf(users: readonly DemoUser[], role: DemoUser['role']): DemoUser {
  const user = users.find((u) => u.role === role);
  if (user === undefined) throw new Error(`No demo ${role}`);
  return user;
}

for (const engine of TEST_ENGINES) {
  describe(`demo users of the demo workspace on ${engine}`, () => {
    // One demo for the whole block: every test here only reads it (or re-runs the idempotent step).
    let store: TestStore;
    let users: DemoUser[];
    beforeAll(async () => {
      store = await openTestStore(engine);
      users = (await createDemoWorkspace(store, SMALL)).users;
    }, 120_000);
    afterAll(async () => {
      await store.dispose();
    });

    it('offers the published demo sign-ins while the workspace is the demo', async () => {
      expect(await demoSignIns(store)).toEqual(DEMO_USER_CREDENTIALS);
    });

    it('creates one user per role, each signing in with its published demo password', async () => {
      expect(users.map((u) => u.role)).toEqual([...ROLES]);
      for (const user of users) {
        const signedIn = await signInWithPassword(store, { email: user.email, password: user.password, remoteAddress: '127.0.0.1' });
        expect(signedIn.actor).toMatchObject({ role: user.role, personId: user.personId, displayName: user.displayName });
      }
    });

    it('links the executive to the top of the reporting tree', async () => {
      const executive = userOf(users, 'executive');
      expect(executive.personId).not.toBeNull();
      expect(await managerOn(store.db, executive.personId!, TODAY)).toBeNull();
      expect((await subtreeOn(store.db, executive.personId!, TODAY)).length).toBeGreaterThan(0);
    });

    it('links the manager to someone who manages people today, under the executive', async () => {
      const manager = userOf(users, 'manager');
      expect(manager.personId).not.toBeNull();
      expect((await subtreeOn(store.db, manager.personId!, TODAY)).length).toBeGreaterThan(0);
      expect(await managerOn(store.db, manager.personId!, TODAY)).toBe(userOf(users, 'executive').personId);
      expect((await findPersonById(store.db, manager.personId!))?.name).toBe(manager.displayName);
    });

    it("links the rep to someone in the manager's organisation who owns open opportunities", async () => {
      const rep = userOf(users, 'rep');
      const team = await subtreeOn(store.db, userOf(users, 'manager').personId!, TODAY);
      expect(team.map((m) => m.personId)).toContain(rep.personId);
      const open = await listOpportunities(store.db, { ownerIds: [rep.personId!], openOnly: true }, { limit: 1 });
      expect(open.items).toHaveLength(1);
    });

    it('links the administrator, ops and finance users to no person', () => {
      expect(['admin', 'ops', 'finance'].map((role) => users.find((u) => u.role === role)?.personId)).toEqual([null, null, null]);
    });

    it('writes nothing when run again, and answers the same users', async () => {
      const before = await listAuditEvents(store.db, { action: 'create', objectType: 'user' });
      expect(await createDemoUsers(store, TODAY)).toEqual(users);
      expect(await listAuditEvents(store.db, { action: 'create', objectType: 'user' })).toEqual(before);
      expect(before).toHaveLength(ROLES.length);
    });
  });

  describe(`createDemoUsers outside the demo on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('refuses a workspace that is not the demo and creates no user', async () => {
      await initialiseWorkspace(ctx.store, { name: 'Real company', corporateCurrency: 'USD' });
      await expect(createDemoUsers(ctx.store, TODAY)).rejects.toMatchObject({ code: 'database_has_data' });
      expect(await ctx.store.db.selectFrom('app_user').selectAll().execute()).toEqual([]);
    });
  });
}

describe('DEMO_PASSWORD_NOTICE', () => {
  it('names every demo sign-in with its password and says they are demo data', () => {
    for (const credential of DEMO_USER_CREDENTIALS) {
      expect(DEMO_PASSWORD_NOTICE).toContain(credential.email);
      expect(DEMO_PASSWORD_NOTICE).toContain(credential.password);
    }
    expect(DEMO_PASSWORD_NOTICE).toMatch(/demo data/i);
  });
});
