import { newId } from '../store/new-id.ts';
import type { Store } from '../store/database.ts';
import { StoreError } from '../store/store-error.ts';
import type { ParsedRowResult } from './presets/entity-layout.ts';
import type { ImportEntity, ParsedRow, RowError } from './records.ts';
import type { ImportCounts } from './import-summary.ts';
import { columnNamer } from './writers/column-names.ts';
import { createCurrencyRateWriter } from './writers/currency-rate-writer.ts';
import type { EntityWriter } from './writers/entity-writer.ts';
import { createFieldHistoryWriter, createHistoryWriter } from './writers/history-writer.ts';
import { ImportContext } from './writers/import-context.ts';
import { ImportLookups } from './writers/import-lookups.ts';
import { beginImportTransaction, type ImportTransaction } from './writers/import-transaction.ts';
import { createLineItemWriter } from './writers/line-item-writer.ts';
import { createAccountWriter } from './writers/account-writer.ts';
import { createOpportunityWriter } from './writers/opportunity-writer.ts';
import { createPersonWriter } from './writers/person-writer.ts';
import { createProductWriter } from './writers/product-writer.ts';
import { createSplitWriter } from './writers/split-writer.ts';

/** The rows of one file: structurally what `openImportFile` returns. */
export interface RecordSource<E extends ImportEntity> {
  readonly path: string;
  readonly entity: E;
  readonly preset: string;
  /** The header row, so errors name columns as the file heads them. */
  readonly headers?: readonly string[];
  rows(): AsyncIterable<ParsedRowResult<E>>;
  /** The same rows a batch at a time, when the source has them so (one await per batch, not per row). */
  batches?(): AsyncIterable<readonly ParsedRowResult<E>[]>;
}

async function* batchesOf<E extends ImportEntity>(source: RecordSource<E>): AsyncIterable<readonly ParsedRowResult<E>[]> {
  if (source.batches !== undefined) {
    yield* source.batches();
    return;
  }
  for await (const row of source.rows()) yield [row];
}

export interface CommitOptions {
  /** Validate everything, resolve every reference, then roll back. */
  readonly dryRun?: boolean;
  /** Who is importing, for the audit log. */
  readonly actor: string;
  /** How many errors `errors` keeps (default 1,000); `errorCount` and `onError` see them all. */
  readonly maxReportedErrors?: number;
  readonly onRow?: (rowsDone: number) => void;
  /** Receives every row error as it is found, e.g. to stream them to a CSV report. */
  readonly onError?: (error: RowError) => void;
  /** ISO UTC instant stamped on the rows and history this file writes; default the clock. */
  readonly now?: string;
  /**
   * A transaction already open to write inside, under a savepoint of this file's own, instead of a
   * transaction of its own. A file that passes (committed or dry run) releases its savepoint, so
   * the next file sees its rows; a rejected one rolls it back. Ending the outer transaction is the
   * caller's: a dry run over several files rolls it back once all are checked.
   */
  readonly within?: ImportTransaction;
}

export type CommitStatus = 'committed' | 'rejected' | 'dry_run';

/** How a file went (see `ImportCounts` for what the counts mean). */
export interface CommitResult extends ImportCounts {
  readonly entity: ImportEntity;
  readonly preset: string;
  readonly status: CommitStatus;
  readonly notes: readonly string[];
  /** The import_run row of a committed file. */
  readonly importRunId: string | null;
}

/** Rows handed to a writer at a time: large enough for multi-row statements, small enough to stay flat in memory. */
const BATCH_ROWS = 1_000;

function createWriter<E extends ImportEntity>(entity: E, ctx: ImportContext, lookups: ImportLookups): EntityWriter<E>;
function createWriter(entity: ImportEntity, ctx: ImportContext, lookups: ImportLookups): EntityWriter<ImportEntity> {
  const writers: { readonly [K in ImportEntity]: () => EntityWriter<K> } = {
    currency_rate: () => createCurrencyRateWriter(ctx),
    person: () => createPersonWriter(ctx, lookups),
    product: () => createProductWriter(ctx),
    account: () => createAccountWriter(ctx, lookups),
    opportunity: () => createOpportunityWriter(ctx, lookups),
    opportunity_history: () => createHistoryWriter(ctx, lookups),
    opportunity_field_history: () => createFieldHistoryWriter(ctx, lookups),
    line_item: () => createLineItemWriter(ctx, lookups),
    split: () => createSplitWriter(ctx, lookups),
  };
  return writers[entity]();
}

async function assertWorkspace(ctx: ImportContext): Promise<void> {
  const rows = await ctx.tx.all<{ n: number }>('SELECT count(*) AS n FROM workspace');
  if (Number(rows[0]?.n ?? 0) === 0) {
    throw new StoreError('database_not_initialised', 'The database has no workspace yet; initialise it before importing.');
  }
}

/** The entities whose changes alter the pipeline as it stood on past dates. */
const PIPELINE_ENTITIES: ReadonlySet<ImportEntity> = new Set(['opportunity', 'opportunity_history', 'opportunity_field_history']);

/**
 * Weekly snapshots are a cache of the pipeline rebuilt from history. A file that added or changed
 * opportunities or their history can change any past Monday (a deal created last year, an old stage
 * change), so the snapshots go, in the same transaction; `salesops snapshots` rebuilds them, and
 * until then a past Monday's pipeline is rebuilt from history when asked.
 */
async function clearStaleSnapshots(ctx: ImportContext, entity: ImportEntity): Promise<void> {
  if (!PIPELINE_ENTITIES.has(entity) || ctx.counts.inserted + ctx.counts.updated === 0) return;
  const rows = await ctx.tx.all<{ n: number }>('SELECT count(*) AS n FROM pipeline_snapshot');
  if (Number(rows[0]?.n ?? 0) === 0) return;
  await ctx.tx.run('DELETE FROM pipeline_snapshot', []);
  ctx.note('The weekly pipeline snapshots were cleared because opportunity data changed; run "salesops snapshots" to rebuild them.');
}

async function recordRun(ctx: ImportContext, source: RecordSource<ImportEntity>, options: CommitOptions, startedAt: string): Promise<string> {
  const runId = newId('importRun');
  const { inserted, updated, unchanged, rejected } = ctx.counts;
  const rowsRead = inserted + updated + unchanged + rejected;
  const finishedAt = options.now ?? new Date().toISOString();
  await ctx.tx.run(
    `INSERT INTO import_run (id, started_at, finished_at, file_name, preset, entity, status, rows_read, inserted, updated, unchanged, rejected)
     VALUES (?, ?, ?, ?, ?, ?, 'committed', ?, ?, ?, ?, ?)`,
    [runId, startedAt, finishedAt, source.path, source.preset, source.entity, rowsRead, inserted, updated, unchanged, rejected],
  );
  const after = JSON.stringify({ file: source.path, preset: source.preset, entity: source.entity, rowsRead, inserted, updated, unchanged, rejected });
  await ctx.tx.run(
    `INSERT INTO audit_event (id, occurred_at, actor, action, object_type, object_id, before_json, after_json)
     VALUES (?, ?, ?, 'import', 'import_run', ?, NULL, ?)`,
    [newId('auditEvent'), finishedAt, options.actor, runId, after],
  );
  return runId;
}

/**
 * Writes one file whole or not at all, in one transaction: any rejected row rolls everything back
 * and the result names every bad row. Records are upserted by external id, so importing the same
 * file twice changes nothing the second time. A committed file leaves one import_run row and one
 * audit event, written in the same transaction.
 *
 * @example
 *   const file = await openImportFile('Opportunity.csv', { preset: 'auto', locale: 'us' });
 *   const result = await commitImport(store, file, { actor: 'ana@example.com' });
 *   if (result.status === 'rejected') console.table(result.errors);
 */
export async function commitImport<E extends ImportEntity>(store: Store, source: RecordSource<E>, options: CommitOptions): Promise<CommitResult> {
  const startedAt = options.now ?? new Date().toISOString();
  const tx = options.within === undefined ? await beginImportTransaction(store) : await options.within.savepoint();
  const ctx = new ImportContext({
    tx,
    now: options.now ?? startedAt,
    column: columnNamer(source.entity, source.headers),
    maxReportedErrors: options.maxReportedErrors ?? 1_000,
    onError: options.onError,
  });
  try {
    await assertWorkspace(ctx);
    const writer = createWriter(source.entity, ctx, new ImportLookups(ctx));
    let rowsRead = 0;
    let batch: ParsedRow<E>[] = [];
    for await (const parsedRows of batchesOf(source)) {
      for (const parsed of parsedRows) {
        rowsRead += 1;
        if (parsed.ok) batch.push({ row: parsed.row, record: parsed.record });
        else if (parsed.errors.length === 0) ctx.reject({ row: parsed.row, column: null, value: null, reason: 'The row could not be read' });
        else for (const error of parsed.errors) ctx.reject(error);
        if (batch.length >= BATCH_ROWS) {
          await writer.writeBatch(batch);
          batch = [];
          options.onRow?.(rowsRead);
        }
      }
    }
    if (batch.length > 0) await writer.writeBatch(batch);
    await writer.finish();
    options.onRow?.(rowsRead);

    const status: CommitStatus = ctx.errorCount > 0 ? 'rejected' : options.dryRun === true ? 'dry_run' : 'committed';
    let importRunId: string | null = null;
    await tx.rebuildIndexes();
    if (status === 'committed') {
      await clearStaleSnapshots(ctx, source.entity);
      importRunId = await recordRun(ctx, source, options, startedAt);
      await tx.commit();
    } else if (status === 'dry_run' && options.within !== undefined) {
      // Kept until the caller rolls back the outer transaction, so the next file's references resolve.
      await tx.commit();
    } else {
      await tx.rollback();
    }
    return {
      entity: source.entity,
      preset: source.preset,
      status,
      rowsRead,
      ...ctx.counts,
      errors: ctx.errors,
      errorCount: ctx.errorCount,
      notes: ctx.notes,
      importRunId,
    };
  } catch (error) {
    // The original error says what went wrong; a failed rollback on a broken connection adds nothing.
    await tx.rollback().catch(() => undefined);
    throw error;
  }
}
