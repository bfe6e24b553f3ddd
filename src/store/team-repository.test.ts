import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlainDate } from '../core/shared/plain-date.ts';
import { addTeamMember, endTeamMembership, insertTeam, listTeams, teamMembersOn, teamsOfPersonOn } from './team-repository.ts';
import { createFactories, type Factories } from './testing/factories.ts';
import { openTestStore, TEST_ENGINES, type TestStore } from './testing/test-stores.ts';

const d = (text: string): PlainDate => text as PlainDate;

for (const engine of TEST_ENGINES) {
  describe(`team repository on ${engine}`, () => {
    let store: TestStore;
    let make: Factories;
    beforeEach(async () => {
      store = await openTestStore(engine);
      make = createFactories(store);
    });
    afterEach(async () => {
      await store.dispose();
    });

    it('lists teams by name', async () => {
      await insertTeam(store.db, { name: 'West' });
      await insertTeam(store.db, { name: 'East', externalId: 'T-1' });
      expect((await listTeams(store.db)).map((t) => [t.name, t.externalId])).toEqual([['East', 'T-1'], ['West', null]]);
    });

    it('answers who was in a team on a date, with the end date exclusive', async () => {
      const team = await insertTeam(store.db, { name: 'West' });
      const [ana, ben] = [await make.person(), await make.person()];
      const membership = await addTeamMember(store.db, { teamId: team.id, personId: ana.id, validFrom: d('2025-01-01') });
      await addTeamMember(store.db, { teamId: team.id, personId: ben.id, validFrom: d('2025-03-01') });
      await endTeamMembership(store.db, membership.id, d('2025-06-01'));
      expect(await teamMembersOn(store.db, team.id, d('2025-02-01'))).toEqual([ana.id]);
      expect(await teamMembersOn(store.db, team.id, d('2025-05-31'))).toEqual([ana.id, ben.id].sort());
      expect(await teamMembersOn(store.db, team.id, d('2025-06-01'))).toEqual([ben.id]);
    });

    it('lets a person belong to two teams at once', async () => {
      const [west, overlay] = [await insertTeam(store.db, { name: 'West' }), await insertTeam(store.db, { name: 'Overlay' })];
      const ana = await make.person();
      await addTeamMember(store.db, { teamId: west.id, personId: ana.id, validFrom: d('2025-01-01') });
      await addTeamMember(store.db, { teamId: overlay.id, personId: ana.id, validFrom: d('2025-01-01') });
      expect(await teamsOfPersonOn(store.db, ana.id, d('2025-02-01'))).toEqual([west.id, overlay.id].sort());
    });

    it('refuses overlapping memberships of the same team', async () => {
      const team = await insertTeam(store.db, { name: 'West' });
      const ana = await make.person();
      await addTeamMember(store.db, { teamId: team.id, personId: ana.id, validFrom: d('2025-01-01') });
      await expect(addTeamMember(store.db, { teamId: team.id, personId: ana.id, validFrom: d('2025-04-01') })).rejects.toMatchObject({ code: 'conflict' });
    });
  });
}
