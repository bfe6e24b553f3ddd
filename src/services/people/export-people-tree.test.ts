import { beforeEach, describe, expect, it } from 'vitest';
import { addDays, type PlainDate } from '../../core/shared/plain-date.ts';
import { TEST_ENGINES } from '../../store/testing/test-stores.ts';
import { useTestStore } from '../../store/testing/use-test-store.ts';
import { csvRowsOf, xlsxContentOf } from '../export/testing/read-download.ts';
import { actorOf, buildTestOrg, type TestOrg } from '../testing/access-fixtures.ts';
import { exportPeopleTree } from './export-people-tree.ts';

const HEADER = ['as_of', 'id', 'name', 'manager_id', 'manager_name', 'depth', 'title', 'job_role', 'email', 'active'];
/** name, manager name and depth of each row: the tree as the file reads. */
const outline = (rows: string[][]): string[][] => rows.slice(1).map((r) => [r[2] ?? '', r[4] ?? '', r[5] ?? '']);

for (const engine of TEST_ENGINES) {
  describe(`exportPeopleTree on ${engine}`, () => {
    const ctx = useTestStore(engine);
    let org: TestOrg;
    beforeEach(async () => {
      await ctx.make.workspace();
      org = await buildTestOrg(ctx.store, ctx.make);
    });

    it('writes one row per person, each before their reports, with manager and depth', async () => {
      const file = await exportPeopleTree(ctx.store, actorOf('ops'), undefined, 'csv');
      const rows = csvRowsOf(file);
      expect(file.fileName).toBe(`people-${org.today}.csv`);
      expect(rows[0]).toEqual(HEADER);
      expect(outline(rows)).toEqual([
        ['Vera VP', '', '0'],
        ['Alice Manager', 'Vera VP', '1'],
        ['Raj Rep', 'Alice Manager', '2'],
        ['Rita Rep', 'Alice Manager', '2'],
        ['Bruno Manager', 'Vera VP', '1'],
        ['Lena Rep', 'Bruno Manager', '2'],
        ['Sam Rep', 'Bruno Manager', '2'],
      ]);
      expect(rows[4]).toEqual([org.today, org.rita.id, 'Rita Rep', org.alice.id, 'Alice Manager', '2', 'AE', '', org.rita.email ?? '', 'true']);
    });

    it('writes the tree as it stood on an earlier date, named after that date', async () => {
      const day = addDays(org.today, -60);
      const file = await exportPeopleTree(ctx.store, actorOf('ops'), day, 'csv');
      const rows = csvRowsOf(file);
      expect(file.fileName).toBe(`people-${day}.csv`);
      expect(rows.find((r) => r[2] === 'Lena Rep')?.slice(0, 5)).toEqual([day, org.lena.id, 'Lena Rep', org.alice.id, 'Alice Manager']);
    });

    it('writes a manager only their subtree, with themself as a root', async () => {
      const rows = csvRowsOf(await exportPeopleTree(ctx.store, actorOf('manager', org.alice), undefined, 'csv'));
      expect(outline(rows)).toEqual([
        ['Alice Manager', '', '0'],
        ['Raj Rep', 'Alice Manager', '1'],
        ['Rita Rep', 'Alice Manager', '1'],
      ]);
    });

    it('writes a rep only themself', async () => {
      const content = await xlsxContentOf(await exportPeopleTree(ctx.store, actorOf('rep', org.rita), undefined, 'xlsx'));
      expect(content.sheetName).toBe('people');
      expect(content.rows.map((r) => r[2])).toEqual(['name', 'Rita Rep']);
    });

    it('neutralises a name a spreadsheet would run as a formula', async () => {
      await ctx.make.person({ name: '@SUM(A1)', hireDate: '2020-01-01' as PlainDate });
      const rows = csvRowsOf(await exportPeopleTree(ctx.store, actorOf('ops'), undefined, 'csv'));
      expect(rows[1]?.[2]).toBe("'@SUM(A1)");
    });

    it('refuses a date that does not exist, as the tree does', async () => {
      await expect(exportPeopleTree(ctx.store, actorOf('ops'), '2026-02-30' as PlainDate, 'csv')).rejects.toMatchObject({ code: 'invalid_argument' });
    });
  });
}
