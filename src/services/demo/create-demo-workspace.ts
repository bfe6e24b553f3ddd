import { addDays, type PlainDate } from '../../core/shared/plain-date.ts';
import { commitImport, type CommitResult, type RecordSource } from '../../import/commit-import.ts';
import type { ImportEntity, RecordOf } from '../../import/records.ts';
import type { Store } from '../../store/database.ts';
import { initialiseWorkspace } from '../initialise-workspace.ts';
import { refreshPlannerStatistics } from '../refresh-planner-statistics.ts';
import { refreshSnapshots } from '../refresh-snapshots.ts';
import { ServiceError } from '../service-error.ts';
import { createDemoUsers, type DemoUser } from './create-demo-users.ts';
import { DEMO_WORKSPACE_NAME, generateDemoCompany, type DemoCompany } from './generate-demo-company.ts';

export interface CreateDemoWorkspaceOptions {
  readonly seed?: number;
  /** The last day of the generated history; the caller decides what today is. */
  readonly today: PlainDate;
  readonly scale?: number;
  /** Called as each entity starts and as its rows are written: step is the entity name. */
  readonly onProgress?: (step: string, done: number, total: number) => void;
}

export interface CreateDemoWorkspaceResult {
  /** Generated records per entity, all of which are now in the database. */
  readonly counts: Record<string, number>;
  /** One sign-in per role, with its published demo password. */
  readonly users: DemoUser[];
}

const DEMO_ACTOR = 'demo';

/** A row as a reader hands it to commitImport. */
type RowResult<E extends ImportEntity> = ReturnType<RecordSource<E>['rows']> extends AsyncIterable<infer R> ? R : never;

/** The records as the rows of a file that parsed cleanly (the header is row 1, so records start at row 2). */
function okRows<E extends ImportEntity>(records: readonly RecordOf[E][]): AsyncIterable<RowResult<E>> {
  return {
    [Symbol.asyncIterator]: () => {
      let index = 0;
      return {
        next: (): Promise<IteratorResult<RowResult<E>>> => {
          const record = records[index];
          index += 1;
          return Promise.resolve(
            record === undefined ? { done: true, value: undefined } : { done: false, value: { ok: true, row: index + 1, record } },
          );
        },
      };
    },
  };
}

async function importRecords<E extends ImportEntity>(
  store: Store,
  entity: E,
  records: readonly RecordOf[E][],
  onProgress: CreateDemoWorkspaceOptions['onProgress'],
): Promise<CommitResult> {
  onProgress?.(entity, 0, records.length);
  return commitImport(
    store,
    { path: `demo:${entity}`, entity, preset: 'demo', rows: () => okRows<E>(records) },
    { actor: DEMO_ACTOR, onRow: (done) => onProgress?.(entity, done, records.length) },
  );
}

/**
 * Refuses a database whose data is not this very demo. Stored accounts and opportunities must all
 * be ones this seed, date and scale generate, with the same names (and deals with the same close
 * dates and amounts); then writing the demo again only fills in what is missing.
 */
async function assertSameDemo(store: Store, company: DemoCompany): Promise<void> {
  const accounts = new Map(company.accounts.map((a) => [a.externalId, a.name]));
  const deals = new Map(company.opportunities.map((o) => [o.externalId, `${o.name}|${o.closeDate}|${o.amount?.minor ?? ''}`]));
  const storedAccounts = await store.db.selectFrom('account').select(['external_id', 'name']).execute();
  const storedDeals = await store.db.selectFrom('opportunity').select(['external_id', 'name', 'close_date', 'amount_minor']).execute();
  const differs =
    storedAccounts.some((a) => a.external_id === null || accounts.get(a.external_id) !== a.name) ||
    storedDeals.some((o) => o.external_id === null || deals.get(o.external_id) !== `${o.name}|${o.close_date}|${o.amount_minor ?? ''}`);
  if (differs) {
    throw new ServiceError(
      'database_has_data',
      'The database already holds a different demo company (another seed, date or size); create the demo in a new database.',
    );
  }
}

/**
 * Creates the demo workspace, labelled "Demo company (generated data)", and fills it with a
 * generated company through the ordinary import path (so demo data obeys every rule real data
 * does). Each entity is written whole or not at all; a refused entity stops the demo with its first
 * errors.
 *
 * Running it again: a database whose workspace is not the demo is refused and left untouched (the
 * demo never mixes with real data). On the demo workspace, the same seed, date and scale are a
 * no-op (every record is upserted by its external id and found unchanged), which also completes a
 * demo an earlier run left half-written; a different demo is refused.
 */
/** Weeks of pipeline snapshots the demo keeps (older Mondays are rebuilt from history when asked). */
const DEMO_SNAPSHOT_WEEKS = 52;

export async function createDemoWorkspace(store: Store, options: CreateDemoWorkspaceOptions): Promise<CreateDemoWorkspaceResult> {
  const company = generateDemoCompany({ seed: options.seed, today: options.today, scale: options.scale });
  const { workspace, created } = await initialiseWorkspace(store, {
    name: DEMO_WORKSPACE_NAME,
    corporateCurrency: company.corporateCurrency,
    isDemo: true,
    actor: DEMO_ACTOR,
  });
  if (!workspace.isDemo) {
    throw new ServiceError(
      'database_has_data',
      `The database already has the workspace "${workspace.name}", which is not a demo; create the demo in a new database.`,
      { workspace: workspace.name },
    );
  }
  if (!created) await assertSameDemo(store, company);

  const progress = options.onProgress;
  // In import order: each entity refers only to those before it.
  const imports: readonly (() => Promise<CommitResult>)[] = [
    () => importRecords(store, 'currency_rate', company.currencyRates, progress),
    () => importRecords(store, 'person', company.people, progress),
    () => importRecords(store, 'product', company.products, progress),
    () => importRecords(store, 'account', company.accounts, progress),
    () => importRecords(store, 'opportunity', company.opportunities, progress),
    () => importRecords(store, 'opportunity_history', company.history, progress),
    () => importRecords(store, 'line_item', company.lineItems, progress),
    () => importRecords(store, 'split', company.splits, progress),
  ];
  const counts: Record<string, number> = {};
  for (const run of imports) {
    const result = await run();
    const { entity } = result;
    if (result.status !== 'committed') {
      const first = result.errors
        .slice(0, 5)
        .map((e) => `row ${e.row}${e.column === null ? '' : ` ${e.column}`}: ${e.reason}`)
        .join('; ');
      throw new Error(`The demo's ${entity} records were ${result.status} (${result.errorCount} errors): ${first}`);
    }
    counts[entity] = result.rowsRead;
  }
  // A year of weekly snapshots, so "the pipeline as of last Monday" and week-over-week views are reads.
  const snapshots = await refreshSnapshots(store, {
    from: addDays(options.today, -DEMO_SNAPSHOT_WEEKS * 7),
    to: options.today,
    actor: DEMO_ACTOR,
    onProgress: (done, total) => progress?.('pipeline_snapshot', done, total),
  });
  counts.pipeline_snapshot = snapshots.snapshots.length;
  const users = await createDemoUsers(store, options.today);
  await refreshPlannerStatistics(store);
  return { counts, users };
}
