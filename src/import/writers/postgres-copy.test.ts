import { afterEach, describe, expect, it } from 'vitest';
import { openTestStore, TEST_ENGINES, type TestStore } from '../../store/testing/test-stores.ts';
import { commitImport } from '../commit-import.ts';
import type { OpportunityRecord } from '../records.ts';
import { opportunity, recordSource, seedWorkspace, usd } from '../testing/record-sources.ts';
import { beginImportTransaction } from './import-transaction.ts';
import { copyText } from './postgres-copy.ts';

const NOW = '2026-02-01T09:00:00.000Z';
const LATER = '2026-02-03T10:30:00.000Z';
/** More rows than one write sends without COPY, so the PostgreSQL import takes the COPY path. */
const ROWS = 600;

/** Text COPY gives a meaning to, text spreadsheets do, and text that is easy to lose on the way. */
const AWKWARD: readonly (string | null)[] = [
  'tab\tinside',
  'line\nbreak',
  'carriage\r\nreturn',
  'back\\slash \\N \\t',
  '\\',
  '"double" and \'single\' quotes',
  '=HYPERLINK("http://x")',
  '',
  null,
  ' padded ',
  'Zürich – 東京 – 🚀',
  'ends with a backslash\\',
  '\\.',
];

function awkward(i: number, shift = 0): string | null {
  return AWKWARD[(i + shift) % AWKWARD.length] ?? null;
}

function deals(shift = 0, amount = 1000): OpportunityRecord[] {
  return Array.from({ length: ROWS }, (_, i) =>
    opportunity(`006${String(i).padStart(5, '0')}`, {
      name: `${awkward(i, shift) ?? 'no text'} #${i}`,
      nextStep: awkward(i, shift + 1),
      leadSource: awkward(i, shift + 2),
      type: awkward(i, shift + 3),
      amount: usd(amount + i),
    }),
  );
}

async function stored(store: TestStore): Promise<{ external_id: string | null; name: string; next_step: string | null; lead_source: string | null; type: string | null }[]> {
  return store.db.selectFrom('opportunity').select(['external_id', 'name', 'next_step', 'lead_source', 'type']).orderBy('external_id').execute();
}

function expected(records: readonly OpportunityRecord[]): Awaited<ReturnType<typeof stored>> {
  return records.map((r) => ({ external_id: r.externalId, name: r.name, next_step: r.nextStep, lead_source: r.leadSource, type: r.type }));
}

describe('COPY text format', () => {
  it('escapes backslashes, tabs and line breaks, and writes NULL apart from the empty string', () => {
    expect(copyText(4, [['a\\b', 'c\td', 'e\r\nf', null], ['', 0, 12, '=x']])).toBe('a\\\\b\tc\\td\te\\r\\nf\t\\N\n\t0\t12\t=x\n');
  });
});

for (const engine of TEST_ENGINES) {
  describe(`a large batch of awkward text on ${engine}`, () => {
    let store: TestStore;
    afterEach(async () => store.dispose());

    it('is stored byte for byte and importing it again changes nothing', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      const records = deals();
      const first = await commitImport(store, recordSource('opportunity', records), { actor: 'test', now: NOW });
      expect(first).toMatchObject({ status: 'committed', inserted: ROWS, updated: 0, unchanged: 0 });
      expect(await stored(store)).toEqual(expected(records));

      const again = await commitImport(store, recordSource('opportunity', records), { actor: 'test', now: LATER });
      expect(again).toMatchObject({ status: 'committed', inserted: 0, updated: 0, unchanged: ROWS });
      expect(await stored(store)).toEqual(expected(records));
      expect(await store.db.selectFrom('opportunity_history').select('id').execute()).toEqual([]);
    });

    it('updated to other awkward text, it is stored exactly and each changed amount gets its history row', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      await commitImport(store, recordSource('opportunity', deals()), { actor: 'test', now: NOW });
      const changed = deals(5, 2000);
      const result = await commitImport(store, recordSource('opportunity', changed), { actor: 'test', now: LATER });
      expect(result).toMatchObject({ status: 'committed', inserted: 0, updated: ROWS, unchanged: 0 });
      expect(await stored(store)).toEqual(expected(changed));
      const history = await store.db.selectFrom('opportunity_history').select(['field', 'changed_at']).distinct().execute();
      expect(history).toEqual([{ field: 'amount', changed_at: LATER }]);
      expect(await store.db.selectFrom('opportunity_history').select('id').execute()).toHaveLength(ROWS);
    });

    it('a dry run of a large batch writes nothing', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      await commitImport(store, recordSource('opportunity', deals()), { actor: 'test', now: NOW });
      const result = await commitImport(store, recordSource('opportunity', [...deals(3, 5000), opportunity('006NEW')]), { actor: 'test', now: LATER, dryRun: true });
      expect(result).toMatchObject({ status: 'dry_run', inserted: 1, updated: ROWS });
      expect(await stored(store)).toEqual(expected(deals()));
      expect(await store.db.selectFrom('opportunity_history').select('id').execute()).toEqual([]);
    });

    it('after a rejected file in a set, the next file still writes a large batch under its own savepoint', async () => {
      store = await openTestStore(engine);
      await seedWorkspace(store);
      await commitImport(store, recordSource('opportunity', deals()), { actor: 'test', now: NOW });
      const outer = await beginImportTransaction(store);
      try {
        const rejected = await commitImport(store, recordSource('opportunity', [...deals(1, 3000), opportunity('006BAD', { stageName: 'Verbal Yes' })]), {
          actor: 'test',
          now: LATER,
          within: outer,
        });
        expect(rejected.status).toBe('rejected');
        const checked = await commitImport(store, recordSource('opportunity', deals(2, 4000)), { actor: 'test', now: LATER, dryRun: true, within: outer });
        expect(checked).toMatchObject({ status: 'dry_run', updated: ROWS });
        const seen = await outer.all<{ name: string }>('SELECT name FROM opportunity ORDER BY external_id');
        expect(seen.map((r) => r.name)).toEqual(deals(2).map((r) => r.name));
      } finally {
        await outer.rollback();
      }
      expect(await stored(store)).toEqual(expected(deals()));
    });
  });
}
