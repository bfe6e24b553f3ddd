import { canonicalInstant } from '../../core/pipeline/opportunity-history.ts';
import { parseForecastCategory } from '../../core/pipeline/forecast-category.ts';
import type { TrackedField } from '../../core/pipeline/tracked-field.ts';
import { formatMoney, parseMoney, type Money } from '../../core/shared/money.ts';
import type { CurrencyCode } from '../../core/shared/currency.ts';
import { isPlainDate } from '../../core/shared/plain-date.ts';
import { newId } from '../../store/new-id.ts';
import type { OpportunityHistoryRecord, OpportunityRef, ParsedRow } from '../records.ts';
import { refText, type EntityWriter } from './entity-writer.ts';
import type { ImportContext } from './import-context.ts';
import type { ImportLookups } from './import-lookups.ts';
import type { SqlRow, SqlValue } from './import-transaction.ts';
import { refKey, type OpportunityResolution, type OpportunityTarget } from './opportunity-locator.ts';
import { HISTORY_COLUMNS, HISTORY_KEY } from './opportunity-writer.ts';
import { StageCatalog } from './stage-catalog.ts';

const CHUNK = 1_000;

/** A change waiting to be written, and the file row it came from. */
interface Change {
  readonly row: number;
  readonly values: SqlValue[];
}

/** The amount in the opportunity's own minor units (an export may quote it without a currency). */
export function minorIn(amount: Money, currency: CurrencyCode): number {
  return amount.currency === currency ? amount.minor : parseMoney(formatMoney(amount), currency, 'half-up').minor;
}

async function resolveRefs(ctx: ImportContext, lookups: ImportLookups, refs: readonly OpportunityRef[]): Promise<Map<string, OpportunityResolution>> {
  const all = new Map<string, OpportunityResolution>();
  for (let i = 0; i < refs.length; i += CHUNK) {
    for (const [key, value] of await lookups.opportunities.resolveAll(ctx, refs.slice(i, i + CHUNK))) all.set(key, value);
  }
  return all;
}

/** Writes changes (skipping ones already stored) and counts each file row: inserted if any of its changes was new. */
async function writeChanges(ctx: ImportContext, rows: readonly number[], changes: readonly Change[]): Promise<void> {
  const written = await ctx.tx.insertIgnoreMany('opportunity_history', HISTORY_COLUMNS, changes.map((c) => c.values), HISTORY_KEY);
  const wroteSome = new Set<number>();
  changes.forEach((c, i) => {
    if (written[i] === true) wroteSome.add(c.row);
  });
  for (const row of rows) ctx.count(wroteSome.has(row) ? 'inserted' : 'unchanged');
}

interface Entry {
  readonly row: number;
  readonly record: OpportunityHistoryRecord;
  readonly at: string;
}

type State = Record<'stage' | 'amount' | 'close_date' | 'forecast_category', string | null>;

/**
 * Salesforce OpportunityHistory: full-state rows (stage, amount, close date, category after each
 * change), in any order. Per opportunity they are sorted by time and each is diffed against the one
 * before it (the first against what was stored before it, else nothing: old_value null), giving
 * field changes. A row's order can only be known once the whole file is read, so this entity's
 * file is held in memory; such exports run to a few rows per opportunity.
 */
export function createHistoryWriter(ctx: ImportContext, lookups: ImportLookups): EntityWriter<'opportunity_history'> {
  const buffered: ParsedRow<'opportunity_history'>[] = [];
  return {
    writeBatch(rows: readonly ParsedRow<'opportunity_history'>[]): Promise<void> {
      for (const row of rows) buffered.push(row);
      return Promise.resolve();
    },
    async finish(): Promise<void> {
      const catalog = await lookups.stages();
      const resolved = await resolveRefs(ctx, lookups, buffered.map((b) => b.record.opportunityRef));
      const groups = new Map<string, { target: OpportunityTarget; entries: Entry[] }>();
      for (const { row, record } of buffered) {
        const found = resolved.get(refKey(record.opportunityRef));
        if (found === undefined || 'error' in found) {
          ctx.fail(row, 'opportunityRef', refText(record.opportunityRef), found?.error ?? 'Not found');
          continue;
        }
        let at: string;
        try {
          at = canonicalInstant(record.changedAt);
        } catch {
          ctx.fail(row, 'changedAt', record.changedAt, 'Not a timestamp');
          continue;
        }
        const group = groups.get(found.target.id) ?? { target: found.target, entries: [] };
        group.entries.push({ row, record, at });
        groups.set(found.target.id, group);
      }
      const before = await storedBefore(ctx, groups);
      const changes: Change[] = [];
      const rows: number[] = [];
      for (const [opportunityId, { target, entries }] of groups) {
        entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.row - b.row));
        const process = catalog.processById(target.processId);
        const state: State = { stage: null, amount: null, close_date: null, forecast_category: null, ...before.get(opportunityId) };
        for (const { row, record, at } of entries) {
          let stageId: string | null = null;
          if (record.stageName !== null) {
            const stage = process?.lookup.get(record.stageName.trim().toLowerCase());
            if (stage === undefined || process === undefined) {
              ctx.fail(row, 'stageName', record.stageName, process === undefined ? 'The opportunity has no sales process' : StageCatalog.unknownStage(process, record.stageName));
              continue;
            }
            stageId = stage.id;
          }
          const next: State = {
            // Stage, close date and category are never empty on a deal: a blank cell says nothing.
            stage: stageId ?? state.stage,
            amount: record.amount === null ? null : String(minorIn(record.amount, target.currency)),
            close_date: record.closeDate ?? state.close_date,
            forecast_category: record.forecastCategory ?? state.forecast_category,
          };
          for (const field of ['stage', 'amount', 'close_date', 'forecast_category'] as const) {
            if (next[field] !== state[field]) {
              changes.push({ row, values: [newId('history'), record.externalId, opportunityId, at, field, state[field], next[field]] });
            }
          }
          Object.assign(state, next);
          rows.push(row);
        }
      }
      if (ctx.errorCount === 0) await writeChanges(ctx, rows, changes);
      else for (const row of rows) if (!ctx.isRejected(row)) ctx.count('unchanged');
    },
  };
}

/** Each field's value stored just before the file's first row for each opportunity. */
async function storedBefore(ctx: ImportContext, groups: ReadonlyMap<string, { entries: readonly Entry[] }>): Promise<Map<string, Partial<State>>> {
  const firstAt = new Map<string, string>();
  for (const [id, { entries }] of groups) firstAt.set(id, entries.reduce((min, e) => (e.at < min ? e.at : min), entries[0]?.at ?? ''));
  const result = new Map<string, Partial<State>>();
  const latest = new Map<string, string>();
  const ids = [...groups.keys()];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const stored = await ctx.tx.selectIn<SqlRow>('opportunity_history', ['opportunity_id', 'field', 'changed_at', 'new_value'], 'opportunity_id', ids.slice(i, i + CHUNK));
    for (const h of stored) {
      const id = String(h.opportunity_id);
      const field = String(h.field);
      const at = String(h.changed_at);
      if (field === 'owner' || at >= (firstAt.get(id) ?? '')) continue;
      const key = `${id}\u0000${field}`;
      if ((latest.get(key) ?? '') > at) continue;
      latest.set(key, at);
      result.set(id, { ...result.get(id), [field]: h.new_value === null ? null : String(h.new_value) });
    }
  }
  return result;
}

/** A Salesforce user id (15 or 18 characters, key prefix 005): never taken for a person's name. */
const SALESFORCE_USER_ID = /^005[0-9A-Za-z]{12}([0-9A-Za-z]{3})?$/;

/**
 * Salesforce OpportunityFieldHistory: one change per row, values as the file wrote them, mapped to
 * canonical forms (stage names → stage ids, amounts → minor units in the deal's currency, owners →
 * person ids by id or name). Streamed a batch at a time; a change already stored is skipped.
 */
export function createFieldHistoryWriter(ctx: ImportContext, lookups: ImportLookups): EntityWriter<'opportunity_field_history'> {
  function canonicalValue(field: TrackedField, value: string | null, target: OpportunityTarget, process: ReturnType<StageCatalog['processById']>, row: number, people: Awaited<ReturnType<ImportLookups['persons']>>): { value: string | null } | { error: string } {
    if (value === null || value.trim() === '') return { value: null };
    const text = value.trim();
    switch (field) {
      case 'stage': {
        const stage = process?.lookup.get(text.toLowerCase());
        if (stage !== undefined) return { value: stage.id };
        return { error: process === undefined ? 'The opportunity has no sales process' : StageCatalog.unknownStage(process, text) };
      }
      case 'amount':
        try {
          return { value: String(parseMoney(text.replace(/,/g, ''), target.currency, 'half-up').minor) };
        } catch {
          return { error: `"${text}" is not an amount` };
        }
      case 'close_date': {
        const date = text.slice(0, 10);
        return isPlainDate(date) ? { value: date } : { error: `"${text}" is not a date (YYYY-MM-DD)` };
      }
      case 'forecast_category':
        try {
          return { value: parseForecastCategory(text) };
        } catch (error) {
          return { error: (error as Error).message };
        }
      case 'owner': {
        const byId = people.byExternal(text);
        if (byId !== undefined) return { value: byId };
        const found = people.resolve(ctx, { name: text }, SALESFORCE_USER_ID.test(text) ? null : row);
        return 'error' in found ? { error: SALESFORCE_USER_ID.test(text) ? `No person has the id "${text}"` : found.error } : { value: found.id };
      }
    }
  }

  return {
    async writeBatch(rows: readonly ParsedRow<'opportunity_field_history'>[]): Promise<void> {
      const catalog = await lookups.stages();
      const people = await lookups.persons();
      const resolved = await lookups.opportunities.resolveAll(ctx, rows.map((r) => r.record.opportunityRef));
      const changes: Change[] = [];
      const good: number[] = [];
      for (const { row, record } of rows) {
        const errorsBefore = ctx.errorCount;
        const found = resolved.get(refKey(record.opportunityRef));
        if (found === undefined || 'error' in found) {
          ctx.fail(row, 'opportunityRef', refText(record.opportunityRef), found?.error ?? 'Not found');
          continue;
        }
        const process = catalog.processById(found.target.processId);
        const values = (['oldValue', 'newValue'] as const).map((side) => {
          const mapped = canonicalValue(record.field, record[side], found.target, process, row, people);
          if ('error' in mapped) ctx.fail(row, side, record[side], mapped.error);
          return 'error' in mapped ? null : mapped.value;
        });
        let at = '';
        try {
          at = canonicalInstant(record.changedAt);
        } catch {
          ctx.fail(row, 'changedAt', record.changedAt, 'Not a timestamp');
        }
        if (ctx.errorCount > errorsBefore) continue;
        changes.push({ row, values: [newId('history'), record.externalId, found.target.id, at, record.field, values[0] ?? null, values[1] ?? null] });
        good.push(row);
      }
      await lookups.flush();
      await writeChanges(ctx, good, changes);
    },
    finish(): Promise<void> {
      return Promise.resolve();
    },
  };
}
