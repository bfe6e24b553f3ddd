import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pipelineMovement, type DealEnds, type DealPoint } from '../../src/core/metrics/pipeline-movement.ts';
import { endOfDay, stateAsOf, type FieldChange } from '../../src/core/pipeline/opportunity-history.ts';
import type { ForecastCategory } from '../../src/core/pipeline/forecast-category.ts';
import type { CurrencyCode } from '../../src/core/shared/currency.ts';
import type { PlainDate } from '../../src/core/shared/plain-date.ts';
import { reportConverter } from '../../src/services/metrics/report-converter.ts';
import type { SqlValue } from '../../src/import/writers/import-transaction.ts';
import { dashboardPage } from './dashboard-page.ts';
import { figuresOf, peerSql, type PeerScope } from './duckdb-dashboard.ts';
import { createReferenceTables, loadTsvTables } from './duckdb-workspace.ts';
import { tsvRowSink } from './row-sinks.ts';
import { testCatalog } from './testing/test-catalog.ts';
import { BENCH_COLUMNS, benchCurrencyRates, writeWorkspaceRows, type BenchTable } from './workspace-rows.ts';
import { DATA_TODAY, planPeople } from './workspace-plan.ts';

// The peer's SQL checked against salesops' own rules (stateAsOf, the report converter, the core's
// pipeline movement) computed in JavaScript over the same generated rows.
const SPEC = { seed: 29, scale: 0.002 };
const catalog = testCatalog();
const stages = [catalog.newBusiness, catalog.renewal].flatMap((p) => [...p.openStages, p.won, p.lost].map((s, i) => ({ ...s, processId: p.id, sortOrder: i + 1 })));
const stageById = new Map(stages.map((s) => [s.id, s]));
const rates = benchCurrencyRates(SPEC).records.map((r) => ({ currency: r.currency, startDate: r.startDate, rate: r.rate }));
const converter = reportConverter('USD' as CurrencyCode, 'USD' as CurrencyCode, rates);
const page = dashboardPage(DATA_TODAY);

type Row = Record<string, SqlValue>;
const written = new Map<BenchTable, Row[]>();
let directory = '';
let instance: DuckDBInstance;
let connection: DuckDBConnection;

beforeAll(async () => {
  directory = mkdtempSync(join(tmpdir(), 'metrics-peer-'));
  const files = tsvRowSink(directory);
  writeWorkspaceRows(SPEC, catalog, {
    write(table, values) {
      files.write(table, values);
      const list = written.get(table) ?? [];
      list.push(Object.fromEntries(BENCH_COLUMNS[table].map((c, i) => [c, values[i] ?? null])));
      written.set(table, list);
    },
  });
  files.finish();
  instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await loadTsvTables(connection, directory);
  await createReferenceTables(connection, {
    stages,
    processes: [catalog.newBusiness, catalog.renewal].map((p) => ({ id: p.id, name: p.name, kind: p.name === 'Renewal' ? 'renewal' : 'new_business' })),
    rates,
    corporateCurrency: 'USD',
  });
});

afterAll(() => {
  connection.closeSync();
  instance.closeSync();
  rmSync(directory, { recursive: true, force: true });
});

interface Deal extends DealPoint {
  readonly id: string;
  readonly stageId: string;
  readonly isWon: boolean;
  readonly createdDate: string;
}

/** Every deal created by `asOf` as it stood at the end of that day, by salesops' rules, amounts in USD. */
function dealsAsOf(asOf: PlainDate, owners: ReadonlySet<string> | null): Map<string, Deal> {
  const changes = new Map<string, FieldChange[]>();
  for (const h of written.get('opportunity_history') ?? []) {
    const list = changes.get(String(h.opportunity_id)) ?? [];
    list.push({ changedAt: String(h.changed_at), field: h.field as FieldChange['field'], oldValue: h.old_value as string | null, newValue: h.new_value as string | null });
    changes.set(String(h.opportunity_id), list);
  }
  const deals = new Map<string, Deal>();
  for (const o of written.get('opportunity') ?? []) {
    const state = stateAsOf(
      { stageId: String(o.stage_id), amountMinor: Number(o.amount_minor), closeDate: o.close_date as PlainDate, forecastCategory: o.forecast_category as ForecastCategory, ownerId: String(o.owner_id) },
      `${String(o.created_date)}T00:00:00.000Z`,
      changes.get(String(o.id)) ?? [],
      endOfDay(asOf),
    );
    if (state === null || (owners !== null && !owners.has(state.ownerId ?? ''))) continue;
    const stage = stageById.get(state.stageId);
    if (stage === undefined) throw new Error(`No stage ${state.stageId}`);
    deals.set(String(o.id), {
      id: String(o.id),
      stageId: stage.id,
      outcome: !stage.isClosed ? 'open' : stage.isWon ? 'won' : 'lost',
      isWon: stage.isWon,
      amountMinor: state.amountMinor === null ? null : converter.convert(state.amountMinor, o.currency as CurrencyCode, state.closeDate),
      closeDate: state.closeDate,
      forecastCategory: stage.forecastCategory as ForecastCategory,
      ownerId: state.ownerId,
      createdDate: String(o.created_date),
    });
  }
  return deals;
}

const inRange = (date: string, range: { readonly from: string; readonly to: string }) => date >= range.from && date <= range.to;
function bookings(deals: ReadonlyMap<string, Deal>, range: { readonly from: string; readonly to: string }): number {
  return [...deals.values()].filter((d) => d.isWon && inRange(d.closeDate, range)).reduce((sum, d) => sum + (d.amountMinor ?? 0), 0);
}

async function peer(id: Parameters<typeof figuresOf>[0], scope: PeerScope = { kind: 'all' }) {
  return figuresOf(id, (await connection.runAndReadAll(peerSql(page, scope)[id])).getRowObjectsJS());
}

describe('the DuckDB peer', () => {
  it('books the same amount in the period and in the previous one, read as of its own date, as salesops rules give', async () => {
    const figures = await peer('summary');
    const expected = bookings(dealsAsOf(page.asOf, null), page.period);
    expect(expected).toBeGreaterThan(0);
    expect(figures.get('current.bookings')).toBe(expected);
    expect(figures.get('previous.bookings')).toBe(bookings(dealsAsOf(page.previous.asOf, null), page.previous));
  });

  it("counts only the manager's subtree when scoped to it", async () => {
    const people = planPeople();
    const director = people.find((p) => p.level === 'director');
    if (director === undefined) throw new Error('No director');
    const below = new Set([director.id]);
    for (let size = 0; size !== below.size; ) {
      size = below.size;
      for (const p of people) if (p.managerId !== null && below.has(p.managerId)) below.add(p.id);
    }
    const figures = await peer('summary', { kind: 'subtree', managerId: director.id, on: '2026-11-27' as PlainDate });
    const expected = bookings(dealsAsOf(page.asOf, below), page.period);
    expect(expected).toBeGreaterThan(0);
    expect(expected).toBeLessThan(bookings(dealsAsOf(page.asOf, null), page.period));
    expect(figures.get('current.bookings')).toBe(expected);
  });

  it("sums the open pipeline by stage as salesops' rules place each deal", async () => {
    const expected = new Map<string, number>();
    const processNames = new Map([catalog.newBusiness, catalog.renewal].map((p) => [p.id, p.name]));
    for (const d of dealsAsOf(page.asOf, null).values()) {
      if (d.outcome !== 'open' || !inRange(d.closeDate, page.period)) continue;
      const stage = stageById.get(d.stageId);
      const label = `${processNames.get(stage?.processId ?? '') ?? '?'}: ${stage?.name ?? '?'}`;
      expected.set(label, (expected.get(label) ?? 0) + (d.amountMinor ?? 0));
    }
    expect(new Map([...(await peer('open_pipeline_by_stage'))].sort())).toEqual(new Map([...expected].sort()));
  });

  it("moves the pipeline over the last week as the core's pipelineMovement classifies it", async () => {
    const start = dealsAsOf(page.movementStart, null);
    const end = dealsAsOf(page.asOf, null);
    const ids = [...new Set([...start.keys(), ...end.keys()])].sort();
    const ends: DealEnds[] = ids.map((id) => ({ opportunityId: id, start: start.get(id) ?? null, end: end.get(id) ?? null }));
    const movement = pipelineMovement(ends, { window: page.period, currency: 'USD' as CurrencyCode });
    const figures = await peer('movement');
    for (const bucket of ['starting', 'created', 'pulledIn', 'restored', 'pushedOut', 'amountChanged', 'won', 'lost', 'removed', 'ending'] as const) {
      expect([bucket, figures.get(bucket)]).toEqual([bucket, movement[bucket]]);
    }
    expect(movement.starting).toBeGreaterThan(0);
  });
});
