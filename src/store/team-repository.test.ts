import { describe, expect, it } from 'vitest';
import type { PlainDate } from '../core/shared/plain-date.ts';
import { addTeamMember, endTeamMembership, insertTeam, listTeams, teamMembersOn, teamsOfPersonOn } from './team-repository.ts';
import { TEST_ENGINES } from './testing/test-stores.ts';
import { useTestStore } from './testing/use-test-store.ts';

const d = (text: string): PlainDate => text as PlainDate;

for (const engine of TEST_ENGINES) {
  describe(`team repository on ${engine}`, () => {
    const ctx = useTestStore(engine);

    it('lists teams by name', async () => {
      await insertTeam(ctx.store.db, { name: 'West' });
      await insertTeam(ctx.store.db, { name: 'East', externalId: 'T-1' });
      expect((await listTeams(ctx.store.db)).map((t) => [t.name, t.externalId])).toEqual([['East', 'T-1'], ['West', null]]);
    });

    it('answers who was in a team on a date, with the end date exclusive', async () => {
      const team = await insertTeam(ctx.store.db, { name: 'West' });
      const [ana, ben] = [await ctx.make.person(), await ctx.make.person()];
      const membership = await addTeamMember(ctx.store.db, { teamId: team.id, personId: ana.id, validFrom: d('2025-01-01') });
      await addTeamMember(ctx.store.db, { teamId: team.id, personId: ben.id, validFrom: d('2025-03-01') });
      await endTeamMembership(ctx.store.db, membership.id, d('2025-06-01'));
      expect(await teamMembersOn(ctx.store.db, team.id, d('2025-02-01'))).toEqual([ana.id]);
      expect(await teamMembersOn(ctx.store.db, team.id, d('2025-05-31'))).toEqual([ana.id, ben.id].sort());
      expect(await teamMembersOn(ctx.store.db, team.id, d('2025-06-01'))).toEqual([ben.id]);
    });

    it('lets a person belong to two teams at once', async () => {
      const [west, overlay] = [await insertTeam(ctx.store.db, { name: 'West' }), await insertTeam(ctx.store.db, { name: 'Overlay' })];
      const ana = await ctx.make.person();
      await addTeamMember(ctx.store.db, { teamId: west.id, personId: ana.id, validFrom: d('2025-01-01') });
      await addTeamMember(ctx.store.db, { teamId: overlay.id, personId: ana.id, validFrom: d('2025-01-01') });
      expect(await teamsOfPersonOn(ctx.store.db, ana.id, d('2025-02-01'))).toEqual([west.id, overlay.id].sort());
    });

    it('refuses overlapping memberships of the same team', async () => {
      const team = await insertTeam(ctx.store.db, { name: 'West' });
      const ana = await ctx.make.person();
      await addTeamMember(ctx.store.db, { teamId: team.id, personId: ana.id, validFrom: d('2025-01-01') });
      await expect(addTeamMember(ctx.store.db, { teamId: team.id, personId: ana.id, validFrom: d('2025-04-01') })).rejects.toMatchObject({ code: 'conflict' });
    });
  });
}
