import type { PlainDate } from '../../core/shared/plain-date.ts';
import { newId } from '../../store/new-id.ts';
import type { ParsedRow, PersonRecord, PersonRef } from '../records.ts';
import { flag, refText, type EntityWriter } from './entity-writer.ts';
import type { ImportContext, RowOutcome } from './import-context.ts';
import type { ImportLookups } from './import-lookups.ts';
import type { SqlRow } from './import-transaction.ts';
import { storedColumns, upsertRows, type TableSpec, type UpsertItem } from './keyed-upsert.ts';
import type { ReferenceDirectory } from './reference-directory.ts';

const text = 'text' as const;

const PERSON_SPEC: TableSpec = {
  table: 'person',
  idKind: 'person',
  timestamps: true,
  columns: [
    { name: 'external_id', type: text },
    { name: 'name', type: text },
    { name: 'email', type: text },
    { name: 'active', type: 'integer' },
    { name: 'hire_date', type: text },
    { name: 'job_role', type: text },
    { name: 'title', type: text },
  ],
};

const LINE_COLUMNS = [
  { name: 'id', type: text },
  { name: 'person_id', type: text },
  { name: 'manager_id', type: text },
  { name: 'valid_from', type: text },
] as const;

/** A person whose manager is resolved after the whole file: managers may come later in it. */
interface PendingManager {
  readonly row: number;
  readonly personId: string;
  readonly managerRef: PersonRef;
  readonly managerSince: PlainDate | null;
  readonly hireDate: PlainDate | null;
  outcome: RowOutcome;
}

interface OpenLine {
  readonly id: string;
  readonly person_id: string;
  readonly manager_id: string;
  readonly valid_from: string;
}

/**
 * The stored person a record is: by CRM id; else, for a record without one or whose id is new, by
 * email and then by name among people without an id (people created from owner names earlier get
 * linked when the user export arrives). Null: a new person.
 */
function matchPerson(people: ReferenceDirectory, record: PersonRecord, hasId: (id: string) => boolean): string | null {
  if (record.externalId !== null) {
    const id = people.byExternal(record.externalId);
    if (id !== undefined) return id;
  }
  const unlinked = (ids: readonly string[]): string | null => {
    const free = ids.filter((id) => record.externalId === null || !hasId(id));
    return free.length === 1 ? (free[0] ?? null) : null;
  };
  return (record.email === null ? null : unlinked(people.withEmail(record.email))) ?? unlinked(people.withName(record.name));
}

/**
 * People, upserted by external id, email or name; then, after the whole file, their reporting
 * lines. Managers are held until the end of the file (one small entry per person with a manager).
 */
export function createPersonWriter(ctx: ImportContext, lookups: ImportLookups): EntityWriter<'person'> {
  const firstRowOf = new Map<string, number>();
  const withExternalId = new Set<string>();
  const pending: PendingManager[] = [];

  return {
    async writeBatch(rows: readonly ParsedRow<'person'>[]): Promise<void> {
      const people = await lookups.persons();
      const matched: { row: number; record: PersonRecord; id: string; isNew: boolean }[] = [];
      for (const { row, record } of rows) {
        const storedId = matchPerson(people, record, (id) => withExternalId.has(id));
        const id = storedId ?? newId('person');
        const first = firstRowOf.get(id);
        if (first !== undefined) {
          ctx.fail(row, record.externalId === null ? 'name' : 'externalId', record.externalId ?? record.name, `This person is also on row ${first}`);
          continue;
        }
        firstRowOf.set(id, row);
        if (record.externalId !== null) withExternalId.add(id);
        people.add({ id, externalId: record.externalId, email: record.email, name: record.name });
        matched.push({ row, record, id, isNew: storedId === null });
      }
      const storedIds = matched.filter((m) => !m.isNew).map((m) => m.id);
      const stored = new Map<string, SqlRow>();
      for (const r of await ctx.tx.selectIn(PERSON_SPEC.table, storedColumns(PERSON_SPEC), 'id', storedIds)) stored.set(String(r.id), r);
      const items = matched.map((m): UpsertItem => {
        const r = m.record;
        const existing = stored.get(m.id) ?? null;
        return {
          values: [r.externalId ?? (existing === null ? null : (existing.external_id ?? null)), r.name, r.email, flag(r.active), r.hireDate, r.jobRole, r.title],
          existing,
          newId: m.id,
        };
      });
      const results = await upsertRows(ctx, PERSON_SPEC, items);
      results.forEach((result, i) => {
        ctx.count(result.outcome);
        const m = matched[i];
        if (m?.record.managerRef != null) {
          pending.push({ row: m.row, personId: m.id, managerRef: m.record.managerRef, managerSince: m.record.managerSince, hireDate: m.record.hireDate, outcome: result.outcome });
        }
      });
    },

    async finish(): Promise<void> {
      await writeReportingLines(ctx, await lookups.persons(), pending);
    },
  };
}

/**
 * Effective-dated reporting lines: a first line starts on managerSince, else the hire date, else
 * the import date; a different manager closes the open line and opens a new one from managerSince
 * or the import date. A record without a manager leaves the stored line alone (exports without a
 * manager column would otherwise end every line).
 */
async function writeReportingLines(ctx: ImportContext, people: ReferenceDirectory, pending: readonly PendingManager[]): Promise<void> {
  const open = new Map<string, OpenLine>();
  const personIds = pending.map((p) => p.personId);
  for (const line of await ctx.tx.selectIn<OpenLine>('reporting_line', ['id', 'person_id', 'manager_id', 'valid_from'], 'person_id', personIds, 'valid_to IS NULL')) {
    open.set(line.person_id, line);
  }
  const inserts: string[][] = [];
  const closes: string[][] = [];
  const corrections: string[][] = [];
  for (const p of pending) {
    const found = people.resolve(ctx, p.managerRef, null);
    if ('error' in found || found.id === p.personId) {
      const reason = 'error' in found ? found.error : 'A person cannot be their own manager';
      ctx.rejectCounted({ row: p.row, column: ctx.column('managerRef'), value: refText(p.managerRef), reason }, p.outcome);
      continue;
    }
    const current = open.get(p.personId);
    if (current?.manager_id === found.id) continue;
    if (current === undefined) {
      inserts.push([newId('reportingLine'), p.personId, found.id, p.managerSince ?? p.hireDate ?? ctx.importDate]);
    } else {
      const from = p.managerSince ?? ctx.importDate;
      if (from <= current.valid_from) {
        corrections.push([current.id, found.id]);
      } else {
        closes.push([current.id, from]);
        inserts.push([newId('reportingLine'), p.personId, found.id, from]);
      }
    }
    if (p.outcome === 'unchanged') {
      ctx.recount('unchanged', 'updated');
      p.outcome = 'updated';
    }
  }
  await ctx.tx.updateMany('reporting_line', [{ name: 'id', type: text }, { name: 'valid_to', type: text }], closes);
  await ctx.tx.updateMany('reporting_line', [{ name: 'id', type: text }, { name: 'manager_id', type: text }], corrections);
  await ctx.tx.insertMany('reporting_line', LINE_COLUMNS, inserts);
}
