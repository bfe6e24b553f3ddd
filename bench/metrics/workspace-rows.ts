/**
 * The benchmark workspace's bulk rows, table by table, in the store's column order: people and
 * their reporting lines, accounts, opportunities and their field history. Deterministic: for one
 * seed, scale and catalog (the stage and process ids of the store being filled) every run yields
 * the same rows in the same order, so SQLite, PostgreSQL and DuckDB hold the same data.
 */
import type { SqlValue } from '../../src/import/writers/import-transaction.ts';
import { addDays, toEpochDay, type PlainDate } from '../../src/core/shared/plain-date.ts';
import type { CurrencyCode } from '../../src/core/shared/currency.ts';
import { generateDemoCurrencyRates, type DemoCurrencyRates } from '../../src/services/demo/generate-demo-currency-rates.ts';
import { SeededRandom } from '../../src/services/demo/seeded-random.ts';
import type { Database } from '../../src/store/schema.ts';
import { buildDealTimeline, type BenchProcess } from './deal-timeline.ts';
import { planDeal } from './plan-deal.ts';
import { benchId, DATA_TODAY, dailyCreationCounts, FIRST_CREATED, FULL_SIZE, planAccounts, planPeople, salesforceStyleId } from './workspace-plan.ts';

export type BenchTable = 'person' | 'reporting_line' | 'account' | 'opportunity' | 'opportunity_history';

/** The columns written, in order: every column of each table. */
export const BENCH_COLUMNS: { readonly [T in BenchTable]: readonly (keyof Database[T] & string)[] } = {
  person: ['id', 'external_id', 'name', 'email', 'active', 'hire_date', 'job_role', 'title', 'created_at', 'updated_at'],
  reporting_line: ['id', 'person_id', 'manager_id', 'valid_from', 'valid_to'],
  account: ['id', 'external_id', 'name', 'industry', 'employees', 'annual_revenue_minor', 'annual_revenue_currency', 'country', 'state', 'postal_code', 'segment', 'created_date', 'created_at', 'updated_at'],
  opportunity: [
    'id', 'external_id', 'name', 'account_id', 'owner_id', 'process_id', 'stage_id', 'amount_minor', 'currency', 'close_date', 'created_date',
    'type', 'lead_source', 'next_step', 'forecast_category', 'forecast_category_override', 'probability_bps', 'is_closed', 'is_won', 'created_at', 'updated_at',
  ],
  opportunity_history: ['id', 'external_id', 'opportunity_id', 'changed_at', 'field', 'old_value', 'new_value'],
};

/** In the order they must be written: each refers only to those before it. */
export const BENCH_TABLES: readonly BenchTable[] = ['person', 'reporting_line', 'account', 'opportunity', 'opportunity_history'];

export interface RowSink {
  write(table: BenchTable, values: readonly SqlValue[]): void;
  /** Called between opportunities: a place where a sink may commit what it holds. */
  checkpoint?(): void;
}

export interface WorkspaceSpec {
  readonly seed: number;
  /** 1 = 1,000,000 opportunities and 50,000 accounts. */
  readonly scale: number;
}

/** The stage and process ids of the store being filled. */
export interface BenchCatalog {
  readonly newBusiness: BenchProcess;
  readonly renewal: BenchProcess;
}

export interface GenerationProgress {
  readonly opportunities: number;
  readonly historyRows: number;
  readonly totalOpportunities: number;
}

export function opportunityCount(spec: WorkspaceSpec): number {
  return Math.max(1, Math.round(FULL_SIZE.opportunities * spec.scale));
}

export function accountCount(spec: WorkspaceSpec): number {
  return Math.max(50, Math.round(FULL_SIZE.accounts * spec.scale));
}

/** Monthly EUR and GBP rates from January 2023 to December 2026 (and their static rates), the demo's random walk. */
export function benchCurrencyRates(spec: WorkspaceSpec): DemoCurrencyRates {
  return generateDemoCurrencyRates(new SeededRandom(spec.seed).fork('rates'), '2023-01-01' as PlainDate, '2026-12-31' as PlainDate);
}

/** Rows are stamped as written at the end of the data's today, as an import that day would. */
const LOADED_AT = `${DATA_TODAY}T23:30:00.000Z`;
const EMPLOYED_SINCE = '2022-01-03' as PlainDate;

function writePeople(sink: RowSink): ReturnType<typeof planPeople> {
  const people = planPeople();
  people.forEach((person, index) => {
    const jobRole = person.level === 'director' ? 'manager' : person.level;
    const email = `${person.name.toLowerCase().replace(/[^a-z0-9]+/g, '.')}@metrics-bench.example`;
    sink.write('person', [person.id, salesforceStyleId('005', index + 1), person.name, email, 1, EMPLOYED_SINCE, jobRole, person.name.replace(/ \d+$/, ''), LOADED_AT, LOADED_AT]);
  });
  people.forEach((person, index) => {
    if (person.managerId !== null) sink.write('reporting_line', [benchId('rl', index + 1), person.id, person.managerId, EMPLOYED_SINCE, null]);
  });
  return people;
}

/**
 * Writes every row of the workspace to `sink`. Returns the number of opportunities and history rows.
 * `onProgress` is called after each day of opportunities.
 */
export function writeWorkspaceRows(spec: WorkspaceSpec, catalog: BenchCatalog, sink: RowSink, onProgress?: (progress: GenerationProgress) => void): { opportunities: number; historyRows: number } {
  const root = new SeededRandom(spec.seed);
  const rates = benchCurrencyRates(spec);
  const people = writePeople(sink);
  const reps = people.filter((p) => p.level === 'rep');

  const accounts = planAccounts(root.fork('accounts'), accountCount(spec), reps);
  accounts.forEach((account, index) => {
    // Customers since before the deals began: 1 to 3 years before the first one.
    const createdDate = addDays(FIRST_CREATED, -365 - (index % 730));
    sink.write('account', [account.id, account.externalId, account.name, account.industry, null, null, null, 'US', account.state, null, account.segment, createdDate, LOADED_AT, LOADED_AT]);
  });

  const random = root.fork('deals');
  const todayDay = toEpochDay(DATA_TODAY);
  const total = opportunityCount(spec);
  const unitsPerUsd = (currency: 'EUR' | 'GBP', day: number): number => rates.approximateRate(currency as CurrencyCode, dateOf(day));
  let sequence = 0;
  let historyRows = 0;
  for (const { day, count } of dailyCreationCounts(FIRST_CREATED, DATA_TODAY, total)) {
    const createdDate = dateOf(day);
    for (let k = 0; k < count; k += 1) {
      sequence += 1;
      const account = accounts[random.int(0, accounts.length - 1)];
      if (account === undefined) throw new RangeError('No account to create an opportunity on');
      const deal = planDeal(random, { segment: account.segment, createdDay: day, todayDay, unitsPerUsd });
      const process = deal.type === 'Renewal' ? catalog.renewal : catalog.newBusiness;
      const timeline = buildDealTimeline(random, { process, outcome: deal.outcome, createdDay: day, closeDay: deal.closeDay, amountMinor: deal.amountMinor, todayDay });
      const id = benchId('opp', sequence);
      const { stage, changes } = timeline;
      sink.write('opportunity', [
        id, salesforceStyleId('006', sequence), `${account.name} - ${deal.type}`, account.id, account.ownerId, process.id, stage.id, deal.amountMinor, deal.currency,
        dateOf(deal.closeDay), createdDate, deal.type, deal.leadSource, null, stage.forecastCategory, 0, stage.probabilityBps, stage.isClosed ? 1 : 0, stage.isWon ? 1 : 0,
        changes[0]?.changedAt ?? LOADED_AT, changes[changes.length - 1]?.changedAt ?? LOADED_AT,
      ]);
      for (const change of changes) {
        historyRows += 1;
        sink.write('opportunity_history', [benchId('ofh', historyRows), null, id, change.changedAt, change.field, change.oldValue, change.newValue]);
      }
      sink.checkpoint?.();
    }
    onProgress?.({ opportunities: sequence, historyRows, totalOpportunities: total });
  }
  return { opportunities: sequence, historyRows };
}

const dateCache = new Map<number, PlainDate>();
/** The date of an epoch day (cached: a million opportunities share 1,420 creation days). */
function dateOf(day: number): PlainDate {
  let date = dateCache.get(day);
  if (date === undefined) {
    date = addDays('1970-01-01' as PlainDate, day);
    dateCache.set(day, date);
  }
  return date;
}
