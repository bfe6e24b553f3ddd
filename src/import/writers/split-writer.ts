import type { ParsedRow, SplitRecord } from '../records.ts';
import { refText, type EntityWriter } from './entity-writer.ts';
import type { ImportContext, RowOutcome } from './import-context.ts';
import type { ImportLookups } from './import-lookups.ts';
import type { SqlRow, SqlValue } from './import-transaction.ts';
import { storedColumns, upsertRows, type TableSpec, type UpsertItem } from './keyed-upsert.ts';
import { refKey } from './opportunity-locator.ts';

const text = 'text' as const;

const SPLIT_SPEC: TableSpec = {
  table: 'opportunity_split',
  idKind: 'split',
  timestamps: false,
  columns: [
    { name: 'external_id', type: text },
    { name: 'opportunity_id', type: text },
    { name: 'person_id', type: text },
    { name: 'split_type', type: text },
    { name: 'percent_bps', type: 'integer' },
  ],
};
const STORED = storedColumns(SPLIT_SPEC);
const WHOLE_BPS = 10_000;

interface Prepared {
  readonly row: number;
  readonly record: SplitRecord;
  readonly values: SqlValue[];
}

/** A revenue split row of the file, kept until the end of the file to check its opportunity's total. */
interface RevenueRow {
  readonly row: number;
  readonly percentBps: number;
  readonly outcome: RowOutcome;
}

const percent = (bps: number): string => `${(bps / 100).toFixed(2).replace(/\.?0+$/, '')} %`;

/**
 * Opportunity splits, upserted by external id (or by opportunity, person and split type). After
 * the whole file, each opportunity it touched must have revenue splits summing to exactly 100 %
 * (overlays may exceed it); otherwise every revenue row of that opportunity is rejected.
 */
export function createSplitWriter(ctx: ImportContext, lookups: ImportLookups): EntityWriter<'split'> {
  const firstRowOf = new Map<string, number>();
  // One small entry per revenue row: the total can only be checked once the file is read.
  const revenueRows = new Map<string, RevenueRow[]>();

  return {
    async writeBatch(rows: readonly ParsedRow<'split'>[]): Promise<void> {
      const people = await lookups.persons();
      const resolved = await lookups.opportunities.resolveAll(ctx, rows.map((r) => r.record.opportunityRef));
      const batch: Prepared[] = [];
      for (const { row, record } of rows) {
        const errorsBefore = ctx.errorCount;
        const opportunity = resolved.get(refKey(record.opportunityRef));
        if (opportunity === undefined || 'error' in opportunity) ctx.fail(row, 'opportunityRef', refText(record.opportunityRef), opportunity?.error ?? 'Not found');
        const person = people.resolve(ctx, record.personRef, 'name' in record.personRef ? row : null);
        if ('error' in person) ctx.fail(row, 'personRef', refText(record.personRef), person.error);
        if (!Number.isInteger(record.percentBps) || record.percentBps < 0) ctx.fail(row, 'percentBps', String(record.percentBps / 100), 'A split percentage must be zero or more');
        if (ctx.errorCount > errorsBefore || opportunity === undefined || 'error' in opportunity || 'error' in person) continue;
        const key = record.externalId === null ? `k:${opportunity.target.id}\u0000${person.id}\u0000${record.splitType}` : `x:${record.externalId}`;
        const first = firstRowOf.get(key);
        if (first !== undefined) {
          ctx.fail(row, record.externalId === null ? 'personRef' : 'externalId', record.externalId ?? refText(record.personRef), `This split is also on row ${first}`);
          continue;
        }
        firstRowOf.set(key, row);
        batch.push({ row, record, values: [record.externalId, opportunity.target.id, person.id, record.splitType, record.percentBps] });
      }
      await lookups.flush();
      const stored = new Map<string, SqlRow>();
      const externalIds = batch.flatMap((p) => (p.record.externalId === null ? [] : [p.record.externalId]));
      for (const r of await ctx.tx.selectIn(SPLIT_SPEC.table, STORED, 'external_id', externalIds)) stored.set(`x:${String(r.external_id)}`, r);
      const opportunityIds = [...new Set(batch.filter((p) => p.record.externalId === null).map((p) => String(p.values[1])))];
      for (const r of await ctx.tx.selectIn(SPLIT_SPEC.table, STORED, 'opportunity_id', opportunityIds)) {
        stored.set(`k:${String(r.opportunity_id)}\u0000${String(r.person_id)}\u0000${String(r.split_type)}`, r);
      }
      const items = batch.map((p): UpsertItem => {
        const key = p.record.externalId === null ? `k:${String(p.values[1])}\u0000${String(p.values[2])}\u0000${p.record.splitType}` : `x:${p.record.externalId}`;
        const existing = stored.get(key) ?? null;
        if (p.record.externalId === null && existing !== null) p.values[0] = existing.external_id ?? null;
        return { values: p.values, existing };
      });
      const results = await upsertRows(ctx, SPLIT_SPEC, items);
      results.forEach((result, i) => {
        ctx.count(result.outcome);
        const p = batch[i];
        if (p === undefined || p.record.splitType !== 'revenue') return;
        const opportunityId = String(p.values[1]);
        const list = revenueRows.get(opportunityId) ?? [];
        list.push({ row: p.row, percentBps: p.record.percentBps, outcome: result.outcome });
        revenueRows.set(opportunityId, list);
      });
    },

    async finish(): Promise<void> {
      const ids = [...revenueRows.keys()];
      const totals = new Map<string, number>();
      for (let i = 0; i < ids.length; i += 1_000) {
        const splits = await ctx.tx.selectIn<SqlRow>(SPLIT_SPEC.table, ['opportunity_id', 'percent_bps'], 'opportunity_id', ids.slice(i, i + 1_000), "split_type = 'revenue'");
        for (const s of splits) totals.set(String(s.opportunity_id), (totals.get(String(s.opportunity_id)) ?? 0) + Number(s.percent_bps));
      }
      for (const [opportunityId, rows] of revenueRows) {
        const total = totals.get(opportunityId) ?? 0;
        if (total === WHOLE_BPS) continue;
        for (const r of rows) {
          ctx.rejectCounted(
            {
              row: r.row,
              column: ctx.column('percentBps'),
              value: percent(r.percentBps),
              reason: `The revenue splits of this opportunity sum to ${percent(total)}; they must sum to 100 %`,
            },
            r.outcome,
          );
        }
      }
    },
  };
}
