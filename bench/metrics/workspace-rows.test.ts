import { describe, expect, it } from 'vitest';
import type { SqlValue } from '../../src/import/writers/import-transaction.ts';
import { stateAsOf, type FieldChange, type OpportunityState } from '../../src/core/pipeline/opportunity-history.ts';
import type { ForecastCategory } from '../../src/core/pipeline/forecast-category.ts';
import type { PlainDate } from '../../src/core/shared/plain-date.ts';
import { testCatalog } from './testing/test-catalog.ts';
import { BENCH_COLUMNS, writeWorkspaceRows, type BenchTable, type WorkspaceSpec } from './workspace-rows.ts';

/** Every row written, by table, as objects keyed by column. */
function collect(spec: WorkspaceSpec): Map<BenchTable, Record<string, SqlValue>[]> {
  const rows = new Map<BenchTable, Record<string, SqlValue>[]>();
  writeWorkspaceRows(spec, testCatalog(), {
    write(table, values) {
      const row = Object.fromEntries(BENCH_COLUMNS[table].map((column, i) => [column, values[i] ?? null]));
      const list = rows.get(table);
      if (list === undefined) rows.set(table, [row]);
      else list.push(row);
    },
  });
  return rows;
}

const SPEC = { seed: 11, scale: 0.0005 };
const rows = collect(SPEC);
const of = (table: BenchTable) => rows.get(table) ?? [];

describe('writeWorkspaceRows', () => {
  it('writes the scaled number of opportunities with about ten history rows each', () => {
    expect(of('opportunity')).toHaveLength(500);
    const perOpportunity = of('opportunity_history').length / of('opportunity').length;
    expect(perOpportunity).toBeGreaterThan(8);
    expect(perOpportunity).toBeLessThan(12);
  });

  it('writes the same rows in the same order for the same seed', () => {
    expect(collect(SPEC)).toEqual(rows);
  });

  it('refers only to rows it writes: reporting lines to people, opportunities to their account and owner, history to its opportunity', () => {
    const people = new Set(of('person').map((p) => p.id));
    const accounts = new Set(of('account').map((a) => a.id));
    const opportunities = new Set(of('opportunity').map((o) => o.id));
    for (const line of of('reporting_line')) expect(people.has(line.person_id ?? '') && people.has(line.manager_id ?? '')).toBe(true);
    for (const opportunity of of('opportunity')) {
      expect(accounts.has(opportunity.account_id ?? '')).toBe(true);
      expect(people.has(opportunity.owner_id ?? '')).toBe(true);
    }
    for (const change of of('opportunity_history')) expect(opportunities.has(change.opportunity_id ?? '')).toBe(true);
  });

  it('gives history that replays to each current row, and to the creation values at the start of the creation day', () => {
    const changes = new Map<string, FieldChange[]>();
    for (const h of of('opportunity_history')) {
      const list = changes.get(String(h.opportunity_id)) ?? [];
      list.push({ changedAt: String(h.changed_at), field: h.field as FieldChange['field'], oldValue: h.old_value as string | null, newValue: h.new_value as string | null });
      changes.set(String(h.opportunity_id), list);
    }
    for (const o of of('opportunity')) {
      const own = changes.get(String(o.id)) ?? [];
      const current: OpportunityState = { stageId: String(o.stage_id), amountMinor: Number(o.amount_minor), closeDate: o.close_date as PlainDate, forecastCategory: o.forecast_category as ForecastCategory, ownerId: String(o.owner_id) };
      // Replayed from the earliest values to the end of time, the history arrives at today's row.
      const start: OpportunityState = { ...current, stageId: 'none', amountMinor: null, closeDate: '1970-01-01' as PlainDate };
      expect(stateAsOf(start, `${String(o.created_date)}T00:00:00.000Z`, own, '9999-12-31T23:59:59.999Z')).toEqual(current);
      expect(stateAsOf(current, `${String(o.created_date)}T00:00:00.000Z`, own, `${String(o.created_date)}T00:00:00.000Z`)?.stageId).toBe(own[0]?.newValue);
    }
  });

  it('gives each history row a unique id and each opportunity one change of a field per instant', () => {
    const history = of('opportunity_history');
    expect(new Set(history.map((h) => h.id)).size).toBe(history.length);
    expect(new Set(history.map((h) => `${String(h.opportunity_id)}|${String(h.field)}|${String(h.changed_at)}`)).size).toBe(history.length);
  });

  it('closes about 30 % of the closed deals as won', () => {
    const closed = of('opportunity').filter((o) => o.is_closed === 1);
    const won = closed.filter((o) => o.is_won === 1).length / closed.length;
    expect(won).toBeGreaterThan(0.2);
    expect(won).toBeLessThan(0.4);
  });
});
