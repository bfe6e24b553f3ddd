import { newId } from '../../store/new-id.ts';
import type { AccountRecord, ParsedRow } from '../records.ts';
import { refText, type EntityWriter } from './entity-writer.ts';
import type { ImportContext } from './import-context.ts';
import type { ImportLookups } from './import-lookups.ts';
import type { SqlRow } from './import-transaction.ts';
import { storedColumns, upsertRows, type TableSpec, type UpsertItem } from './keyed-upsert.ts';
import type { ReferenceDirectory } from './reference-directory.ts';

const text = 'text' as const;

const ACCOUNT_SPEC: TableSpec = {
  table: 'account',
  idKind: 'account',
  timestamps: true,
  columns: [
    { name: 'external_id', type: text },
    { name: 'name', type: text },
    { name: 'industry', type: text },
    { name: 'employees', type: 'integer' },
    { name: 'annual_revenue_minor', type: 'bigint' },
    { name: 'annual_revenue_currency', type: text },
    { name: 'country', type: text },
    { name: 'state', type: text },
    { name: 'postal_code', type: text },
    { name: 'segment', type: text },
    { name: 'created_date', type: text },
  ],
};

interface Matched {
  readonly row: number;
  readonly record: AccountRecord;
  readonly id: string;
  readonly isNew: boolean;
  readonly ownerId: string | null;
}

interface OpenOwner {
  readonly id: string;
  readonly account_id: string;
  readonly owner_id: string;
  readonly valid_from: string;
}

/** The stored account a record is: by CRM id; else by name among accounts without an id. */
function matchAccount(accounts: ReferenceDirectory, record: AccountRecord, hasId: (id: string) => boolean): { id: string | null; error?: string } {
  if (record.externalId !== null) {
    const id = accounts.byExternal(record.externalId);
    if (id !== undefined) return { id };
  }
  const named = accounts.withName(record.name).filter((id) => record.externalId === null || !hasId(id));
  if (named.length > 1 && record.externalId === null) return { id: null, error: `${named.length} accounts are named "${record.name}"; add ids to tell them apart` };
  return { id: named.length === 1 ? (named[0] ?? null) : null };
}

/**
 * Accounts, upserted by external id (or name in report exports), and their owners as
 * effective-dated account_owner lines: the first line starts on the account's created date (else
 * the import date); a new owner closes the open line on the import date and opens the next.
 */
export function createAccountWriter(ctx: ImportContext, lookups: ImportLookups): EntityWriter<'account'> {
  const firstRowOf = new Map<string, number>();
  const withExternalId = new Set<string>();

  return {
    async writeBatch(rows: readonly ParsedRow<'account'>[]): Promise<void> {
      const accounts = await lookups.accounts();
      const people = await lookups.persons();
      const matched: Matched[] = [];
      for (const { row, record } of rows) {
        const errorsBefore = ctx.errorCount;
        const match = matchAccount(accounts, record, (id) => withExternalId.has(id));
        if (match.error !== undefined) ctx.fail(row, 'name', record.name, match.error);
        const id = match.id ?? newId('account');
        const first = firstRowOf.get(id);
        if (first !== undefined) ctx.fail(row, record.externalId === null ? 'name' : 'externalId', record.externalId ?? record.name, `This account is also on row ${first}`);
        let ownerId: string | null = null;
        if (record.ownerRef !== null) {
          const owner = people.resolve(ctx, record.ownerRef, 'name' in record.ownerRef ? row : null);
          if ('error' in owner) ctx.fail(row, 'ownerRef', refText(record.ownerRef), owner.error);
          else ownerId = owner.id;
        }
        if (ctx.errorCount > errorsBefore) continue;
        firstRowOf.set(id, row);
        if (record.externalId !== null) withExternalId.add(id);
        accounts.add({ id, externalId: record.externalId, email: null, name: record.name });
        matched.push({ row, record, id, isNew: match.id === null, ownerId });
      }
      await lookups.flush();
      const stored = new Map<string, SqlRow>();
      const storedIds = matched.filter((m) => !m.isNew).map((m) => m.id);
      for (const r of await ctx.tx.selectIn(ACCOUNT_SPEC.table, storedColumns(ACCOUNT_SPEC), 'id', storedIds)) stored.set(String(r.id), r);
      const items = matched.map((m): UpsertItem => {
        const r = m.record;
        const existing = stored.get(m.id) ?? null;
        return {
          values: [
            r.externalId ?? (existing === null ? null : (existing.external_id ?? null)),
            r.name,
            r.industry,
            r.employees,
            r.annualRevenue?.minor ?? null,
            r.annualRevenue?.currency ?? null,
            r.country,
            r.state,
            r.postalCode,
            r.segment,
            // A file without a created date keeps the one stored.
            r.createdDate ?? (existing === null ? null : (existing.created_date ?? null)),
          ],
          existing,
          newId: m.id,
        };
      });
      const results = await upsertRows(ctx, ACCOUNT_SPEC, items);
      const ownerChanged = await writeOwners(ctx, matched);
      results.forEach((result, i) => {
        const id = matched[i]?.id;
        ctx.count(result.outcome === 'unchanged' && id !== undefined && ownerChanged.has(id) ? 'updated' : result.outcome);
      });
    },
    finish(): Promise<void> {
      return Promise.resolve();
    },
  };
}

/** Opens, closes or corrects account_owner lines; returns the accounts whose owner changed. */
async function writeOwners(ctx: ImportContext, matched: readonly Matched[]): Promise<Set<string>> {
  const owned = matched.filter((m) => m.ownerId !== null);
  const open = new Map<string, OpenOwner>();
  const existingIds = owned.filter((m) => !m.isNew).map((m) => m.id);
  for (const line of await ctx.tx.selectIn<OpenOwner>('account_owner', ['id', 'account_id', 'owner_id', 'valid_from'], 'account_id', existingIds, 'valid_to IS NULL')) {
    open.set(line.account_id, line);
  }
  const inserts: string[][] = [];
  const closes: string[][] = [];
  const corrections: string[][] = [];
  const changed = new Set<string>();
  for (const m of owned) {
    const ownerId = m.ownerId ?? '';
    const current = open.get(m.id);
    if (current?.owner_id === ownerId) continue;
    changed.add(m.id);
    if (current === undefined) {
      inserts.push([newId('accountOwner'), m.id, ownerId, m.record.createdDate ?? ctx.importDate]);
    } else if (current.valid_from >= ctx.importDate) {
      corrections.push([current.id, ownerId]);
    } else {
      closes.push([current.id, ctx.importDate]);
      inserts.push([newId('accountOwner'), m.id, ownerId, ctx.importDate]);
    }
  }
  await ctx.tx.updateMany('account_owner', [{ name: 'id', type: text }, { name: 'valid_to', type: text }], closes);
  await ctx.tx.updateMany('account_owner', [{ name: 'id', type: text }, { name: 'owner_id', type: text }], corrections);
  await ctx.tx.insertMany(
    'account_owner',
    [{ name: 'id', type: text }, { name: 'account_id', type: text }, { name: 'owner_id', type: text }, { name: 'valid_from', type: text }],
    inserts,
  );
  return changed;
}
