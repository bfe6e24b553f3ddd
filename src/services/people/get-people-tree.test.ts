import { beforeEach, describe, expect, it } from 'vitest';
import type { PersonNode } from '../../contracts/people.ts';
import { addDays, type PlainDate } from '../../core/shared/plain-date.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { actorOf, buildTestOrg, type TestOrg } from '../testing/access-fixtures.ts';
import { getPeopleTree } from './get-people-tree.ts';

/** The tree as nested names, which reads like an org chart. */
type Shape = { readonly [name: string]: Shape };
const shapeOf = (nodes: readonly PersonNode[]): Shape => Object.fromEntries(nodes.map((n) => [n.name, shapeOf(n.reports)]));

for (const engine of TEST_ENGINES) {
  describe(`getPeopleTree on ${engine}`, () => {
    const ctx = useTestStore(engine);
    let org: TestOrg;
    beforeEach(async () => {
      await ctx.make.workspace();
      org = await buildTestOrg(ctx.store, ctx.make);
    });

    it('shows ops the whole tree as of today, with people who have no manager as roots', async () => {
      const loner = await ctx.make.person({ name: 'Zoe Contractor', hireDate: '2024-01-01' as PlainDate });
      const tree = await getPeopleTree(ctx.store, actorOf('ops'));
      expect(tree.asOf).toBe(org.today);
      expect(shapeOf(tree.roots)).toEqual({
        'Vera VP': { 'Alice Manager': { 'Raj Rep': {}, 'Rita Rep': {} }, 'Bruno Manager': { 'Lena Rep': {}, 'Sam Rep': {} } },
        [loner.name]: {},
      });
      expect(tree.count).toBe(8);
      // toEqual ignores key order; each level is in name order.
      expect(tree.roots.map((r) => r.name)).toEqual(['Vera VP', loner.name]);
      expect(tree.roots[0]!.reports[0]!.reports.map((r) => r.name)).toEqual(['Raj Rep', 'Rita Rep']);
    });

    it('shows a manager themself and the subtree of the day', async () => {
      const tree = await getPeopleTree(ctx.store, actorOf('manager', org.alice));
      expect(shapeOf(tree.roots)).toEqual({ 'Alice Manager': { 'Raj Rep': {}, 'Rita Rep': {} } });
      expect(tree.count).toBe(3);
    });

    it('shows a manager the subtree as it stood on an earlier date', async () => {
      const tree = await getPeopleTree(ctx.store, actorOf('manager', org.alice), addDays(org.today, -60));
      expect(shapeOf(tree.roots)).toEqual({ 'Alice Manager': { 'Lena Rep': {}, 'Raj Rep': {}, 'Rita Rep': {} } });
    });

    it('shows a rep only themself', async () => {
      const tree = await getPeopleTree(ctx.store, actorOf('rep', org.rita));
      expect(tree.roots).toEqual([{ id: org.rita.id, name: 'Rita Rep', title: 'AE', jobRole: null, email: org.rita.email, active: true, reports: [] }]);
      expect(tree.count).toBe(1);
    });

    it('leaves out people hired after the date', async () => {
      await ctx.make.person({ name: 'New Hire', hireDate: addDays(org.today, -5) });
      const tree = await getPeopleTree(ctx.store, actorOf('ops'), addDays(org.today, -10));
      expect(tree.roots.map((r) => r.name)).toEqual(['Vera VP']);
    });

    it('refuses a date that does not exist', async () => {
      await expect(getPeopleTree(ctx.store, actorOf('ops'), '2026-02-30' as PlainDate)).rejects.toMatchObject({ code: 'invalid_argument' });
    });
  });
}
