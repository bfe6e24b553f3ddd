import type { TrackedField } from '../../core/pipeline/tracked-field.ts';
import { newId } from '../../store/new-id.ts';
import type { OpportunityRecord, ParsedRow } from '../records.ts';
import { flag, refText, type EntityWriter } from './entity-writer.ts';
import { FirstRowIndex } from './first-row-index.ts';
import type { ImportContext } from './import-context.ts';
import type { ImportLookups } from './import-lookups.ts';
import type { ColumnDef, SqlRow, SqlValue } from './import-transaction.ts';
import { storedColumns, upsertRows, type TableSpec } from './keyed-upsert.ts';
import { nameKey, type ReferenceDirectory } from './reference-directory.ts';
import { StageCatalog, type ProcessResolution } from './stage-catalog.ts';

const text = 'text' as const;
const int = 'integer' as const;

export const OPPORTUNITY_SPEC: TableSpec = {
  table: 'opportunity',
  idKind: 'opportunity',
  timestamps: true,
  columns: [
    { name: 'external_id', type: text },
    { name: 'name', type: text },
    { name: 'account_id', type: text },
    { name: 'owner_id', type: text },
    { name: 'process_id', type: text },
    { name: 'stage_id', type: text },
    { name: 'amount_minor', type: 'bigint' },
    { name: 'currency', type: text },
    { name: 'close_date', type: text },
    { name: 'created_date', type: text },
    { name: 'type', type: text },
    { name: 'lead_source', type: text },
    { name: 'next_step', type: text },
    { name: 'forecast_category', type: text },
    { name: 'forecast_category_override', type: int },
    { name: 'probability_bps', type: int },
    { name: 'is_closed', type: int },
    { name: 'is_won', type: int },
  ],
};
const CREATED_DATE = 9;
/**
 * Once a file has inserted this many opportunities, and at least as many as the table held before
 * it, building the secondary indexes once at the end is cheaper than growing them row by row.
 */
const DEFER_INDEXES_AFTER_INSERTS = 50_000;
const STORED = storedColumns(OPPORTUNITY_SPEC);

/** Tracked fields and the column holding each in its canonical form (tracked-field.ts). */
const TRACKED_COLUMNS: readonly (readonly [TrackedField, string, number])[] = [
  ['stage', 'stage_id', 5],
  ['amount', 'amount_minor', 6],
  ['close_date', 'close_date', 8],
  ['forecast_category', 'forecast_category', 13],
  ['owner', 'owner_id', 3],
];

export const HISTORY_COLUMNS: readonly ColumnDef[] = [
  { name: 'id', type: text },
  { name: 'external_id', type: text },
  { name: 'opportunity_id', type: text },
  { name: 'changed_at', type: text },
  { name: 'field', type: text },
  { name: 'old_value', type: text },
  { name: 'new_value', type: text },
];
export const HISTORY_KEY = ['opportunity_id', 'field', 'changed_at'] as const;

/** A row ready to write; it is its own `UpsertItem`, once `existing` is known, so a row costs one object. */
interface Prepared {
  readonly row: number;
  readonly record: OpportunityRecord;
  readonly values: SqlValue[];
  existing: SqlRow | null;
}

const canonical = (value: SqlValue | undefined): string | null => (value === null || value === undefined ? null : String(value));

/**
 * Opportunities, upserted by external id (or, in report exports without ids, by name at the same
 * account). Stages resolve against the record's process; category and probability come from the
 * stage unless the file gives them. An update of a tracked field writes its history row.
 */
export function createOpportunityWriter(ctx: ImportContext, lookups: ImportLookups): EntityWriter<'opportunity'> {
  // Every id seen, to refuse an id given twice.
  const firstRowOf = new FirstRowIndex();
  const processes = new Map<string, ProcessResolution>();

  const firstRowOfName = new Map<string, number>();
  let inserted = 0;
  let indexesDeferred = false;
  // Opportunities stored when the file began. With none, a row can only match one written earlier
  // by this file, which `firstRowOf` already refuses, so nothing needs looking up.
  let storedAtStart: number | null = null;

  function prepare(row: number, record: OpportunityRecord, persons: ReferenceDirectory, accounts: ReferenceDirectory): Prepared | null {
    const errorsBefore = ctx.errorCount;
    if (record.externalId !== null) {
      const first = firstRowOf.firstOrAdd(record.externalId, row);
      if (first !== undefined) ctx.fail(row, 'externalId', record.externalId, `The id "${record.externalId}" is also on row ${first}`);
    }
    // A known external id is one Map lookup; everything else (names, emails, misses) goes the long way.
    const accountRef = record.accountRef;
    let accountId = accountRef !== null && 'externalId' in accountRef ? (accounts.byExternal(accountRef.externalId) ?? null) : null;
    if (accountRef !== null && accountId === null) {
      const found = accounts.resolve(ctx, accountRef, 'name' in accountRef ? row : null);
      if ('error' in found) ctx.fail(row, 'accountRef', refText(accountRef), found.error);
      else accountId = found.id;
    }
    const ownerRef = record.ownerRef;
    let ownerId = ownerRef !== null && 'externalId' in ownerRef ? (persons.byExternal(ownerRef.externalId) ?? null) : null;
    if (ownerRef !== null && ownerId === null) {
      const found = persons.resolve(ctx, ownerRef, 'name' in ownerRef ? row : null);
      if ('error' in found) ctx.fail(row, 'ownerRef', refText(ownerRef), found.error);
      else ownerId = found.id;
    }
    const process = processes.get(record.processName ?? '');
    if (process === undefined) throw new Error('The sales process was not looked up before the row');
    if ('error' in process) {
      ctx.fail(row, 'processName', record.processName, process.error);
      return null;
    }
    const stage = process.process.lookup.get(record.stageName.trim().toLowerCase());
    if (stage === undefined) ctx.fail(row, 'stageName', record.stageName, StageCatalog.unknownStage(process.process, record.stageName));
    if (record.amount !== null && record.amount.currency !== record.currency) {
      ctx.fail(row, 'amount', String(record.amount.minor), `The amount is in ${record.amount.currency} but the opportunity is in ${record.currency}`);
    }
    if (stage === undefined || ctx.errorCount > errorsBefore) return null;
    const category = record.forecastCategory ?? stage.forecastCategory;
    const values: SqlValue[] = [
      record.externalId,
      record.name,
      accountId,
      ownerId,
      process.process.id,
      stage.id,
      record.amount?.minor ?? null,
      record.currency,
      record.closeDate,
      record.createdDate,
      record.type,
      record.leadSource,
      record.nextStep,
      category,
      flag(category !== stage.forecastCategory),
      record.probabilityBps ?? stage.probabilityBps,
      flag(stage.isClosed),
      flag(stage.isWon),
    ];
    return { row, record, values, existing: null };
  }

  /** Sets the stored row each prepared record updates (`existing`), left null for a new one. */
  async function match(batch: readonly Prepared[]): Promise<void> {
    storedAtStart ??= Number((await ctx.tx.all<{ n: number }>('SELECT count(*) AS n FROM opportunity'))[0]?.n ?? 0);
    let byExternalId: Map<string, SqlRow> | null = null;
    if (storedAtStart > 0) {
      const ids: string[] = [];
      for (const p of batch) if (p.record.externalId !== null) ids.push(p.record.externalId);
      byExternalId = new Map();
      for (const stored of await ctx.tx.selectIn(OPPORTUNITY_SPEC.table, STORED, 'external_id', ids)) byExternalId.set(String(stored.external_id), stored);
    }
    for (const p of batch) {
      if (p.record.externalId !== null) {
        p.existing = byExternalId?.get(p.record.externalId) ?? null;
        continue;
      }
      const candidates = await lookups.opportunities.withNameAt(ctx, p.record.name, canonical(p.values[2]));
      const only = candidates[0];
      if (candidates.length > 1 || only === undefined) continue;
      const [stored] = await ctx.tx.selectIn(OPPORTUNITY_SPEC.table, STORED, 'id', [only.id]);
      p.existing = stored ?? null;
    }
  }

  return {
    async writeBatch(rows: readonly ParsedRow<'opportunity'>[]): Promise<void> {
      storedAtStart ??= Number((await ctx.tx.all<{ n: number }>('SELECT count(*) AS n FROM opportunity'))[0]?.n ?? 0);
      // Into an empty table, building the indexes once at the end is never dearer, whatever the file's size.
      if (!indexesDeferred && (storedAtStart === 0 || inserted >= Math.max(DEFER_INDEXES_AFTER_INSERTS, storedAtStart))) {
        indexesDeferred = true;
        await ctx.tx.deferIndexes('opportunity');
      }
      const persons = await lookups.persons();
      const accounts = await lookups.accounts();
      for (const { record } of rows) {
        if (!processes.has(record.processName ?? '')) processes.set(record.processName ?? '', await (await lookups.stages()).process(ctx, record.processName));
      }
      const batch: Prepared[] = [];
      for (const { row, record } of rows) {
        const prepared = prepare(row, record, persons, accounts);
        if (prepared === null) continue;
        if (record.externalId === null) {
          // Without ids, two rows with the same name at the same account are the same deal twice.
          const key = `${nameKey(record.name)}\u0000${canonical(prepared.values[2]) ?? ''}`;
          const first = firstRowOfName.get(key);
          if (first !== undefined) {
            ctx.fail(row, 'name', record.name, `The opportunity "${record.name}" at the same account is also on row ${first}; add ids to tell them apart`);
            continue;
          }
          firstRowOfName.set(key, row);
        }
        batch.push(prepared);
      }
      await lookups.flush();
      await match(batch);
      for (const p of batch) {
        if (p.values[CREATED_DATE] === null) p.values[CREATED_DATE] = p.existing === null ? ctx.importDate : canonical(p.existing.created_date);
      }
      const results = await upsertRows(ctx, OPPORTUNITY_SPEC, batch);
      const history: SqlValue[][] = [];
      // Only a file that looked opportunities up by name needs to tell the locator what it wrote.
      const tellLocator = lookups.opportunities.tracksNames();
      for (let i = 0; i < results.length; i++) {
        const result = results[i];
        const p = batch[i];
        if (result === undefined || p === undefined) continue;
        ctx.count(result.outcome);
        if (result.outcome === 'inserted') inserted += 1;
        if (result.outcome === 'updated') {
          for (const [field, column, index] of TRACKED_COLUMNS) {
            const before = canonical(result.before[column]);
            const after = canonical(p.values[index]);
            if (before !== after) history.push([newId('history'), null, result.id, ctx.now, field, before, after]);
          }
        }
        if (tellLocator && result.outcome !== 'unchanged') {
          const previousName = result.outcome === 'updated' ? canonical(result.before.name) : null;
          lookups.opportunities.add(
            { id: result.id, name: p.record.name, accountId: canonical(p.values[2]), processId: String(p.values[4]), currency: p.record.currency },
            previousName,
          );
        }
      }
      await ctx.tx.insertIgnoreMany('opportunity_history', HISTORY_COLUMNS, history, HISTORY_KEY);
    },
    finish(): Promise<void> {
      return Promise.resolve();
    },
  };
}
