import type { Kysely } from 'kysely';
import type { Store } from '../store/database.ts';
import type { Engine } from '../store/engine.ts';
import { migrationStatus } from '../store/migrate.ts';
import { countRows, type TableName } from '../store/table-reader.ts';
import { getWorkspace, type Workspace } from '../store/workspace-repository.ts';

/** The counted tables, by the plural a reader expects. */
const COUNTED = {
  people: 'person',
  teams: 'team',
  accounts: 'account',
  contacts: 'contact',
  products: 'product',
  opportunities: 'opportunity',
  lineItems: 'opportunity_line_item',
  splits: 'opportunity_split',
  historyChanges: 'opportunity_history',
  pipelineSnapshots: 'pipeline_snapshot',
  currencyRates: 'currency_rate',
  auditEvents: 'audit_event',
  importRuns: 'import_run',
} as const satisfies Record<string, TableName>;

export type CountName = keyof typeof COUNTED;

export interface WorkspaceSummary {
  readonly name: string;
  readonly isDemo: boolean;
  readonly corporateCurrency: string;
  readonly fiscalYearStartMonth: number;
  readonly fiscalPattern: string;
}

export interface DatabaseStatus {
  readonly engine: Engine;
  /** The file path or URL (password hidden). */
  readonly target: string;
  readonly schema: {
    /** The last applied migration: the schema version. Null before the first. */
    readonly version: string | null;
    readonly applied: readonly string[];
    readonly pending: readonly string[];
  };
  /** Null until `salesops init`. */
  readonly workspace: WorkspaceSummary | null;
  readonly counts: Readonly<Record<CountName, number>>;
}

function summarise(workspace: Workspace): WorkspaceSummary {
  return {
    name: workspace.name,
    isDemo: workspace.isDemo,
    corporateCurrency: workspace.corporateCurrency,
    fiscalYearStartMonth: workspace.fiscalYearStartMonth,
    fiscalPattern: workspace.fiscalPattern,
  };
}

/** What the database is: engine, schema version and pending migrations, workspace, row counts. */
export async function databaseStatus(store: Store): Promise<DatabaseStatus> {
  const migrations = await migrationStatus(store.db as unknown as Kysely<unknown>);
  const workspace = await getWorkspace(store.db);
  const tables = Object.values(COUNTED);
  const byTable = await countRows(store.db, tables);
  const counts = Object.fromEntries(
    Object.entries(COUNTED).map(([name, table]) => [name, byTable[table]]),
  ) as Record<CountName, number>;
  return {
    engine: store.engine,
    target: store.target,
    schema: { version: migrations.applied.at(-1) ?? null, applied: migrations.applied, pending: migrations.pending },
    workspace: workspace === null ? null : summarise(workspace),
    counts,
  };
}

/** The workspace alone, or null before `salesops init`. */
export async function workspaceSummary(store: Store): Promise<WorkspaceSummary | null> {
  const workspace = await getWorkspace(store.db);
  return workspace === null ? null : summarise(workspace);
}
