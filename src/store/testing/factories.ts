import { SALESFORCE_DEFAULT_STAGES, type SalesProcessDefinition } from '../../core/pipeline/default-processes.ts';
import type { CurrencyCode } from '../../core/shared/currency.ts';
import type { PlainDate } from '../../core/shared/plain-date.ts';
import { insertAccount, type Account, type NewAccount } from '../account-repository.ts';
import type { Store } from '../database.ts';
import { insertOpportunity, type HistoryOptions, type NewOpportunity, type Opportunity } from '../opportunity-repository.ts';
import { insertPerson, type NewPerson, type Person } from '../person-repository.ts';
import { createSalesProcess, getDefaultSalesProcess, getSalesProcess, type SalesProcess, type Stage } from '../sales-process-repository.ts';
import { createWorkspace, getWorkspace, type NewWorkspace, type Workspace } from '../workspace-repository.ts';

export type OpportunityOverrides = Partial<NewOpportunity> & {
  /** A stage of the opportunity's process by name or alias; ignored when `stageId` is given. */
  readonly stageName?: string;
};

export interface Factories {
  /** The workspace, created on first call (USD, calendar fiscal year). */
  workspace(overrides?: Partial<NewWorkspace>): Promise<Workspace>;
  person(overrides?: Partial<NewPerson>): Promise<Person>;
  account(overrides?: Partial<NewAccount>): Promise<Account>;
  /** A process on Salesforce's default stages, uniquely named unless a name is given. */
  process(overrides?: Partial<SalesProcessDefinition>): Promise<SalesProcess>;
  /**
   * An open opportunity in the default process (created when there is none), in its first stage
   * unless told otherwise; category, probability and closed/won flags follow the stage.
   */
  opportunity(overrides?: OpportunityOverrides, options?: HistoryOptions): Promise<Opportunity>;
  /** A stage of the default process by name. */
  stage(name: string): Promise<Stage>;
}

/** Test data with sensible defaults, written through the repositories. */
export function createFactories(store: Store): Factories {
  let sequence = 0;
  const next = (): number => (sequence += 1);
  let defaultProcess: SalesProcess | undefined;

  const process = (overrides: Partial<SalesProcessDefinition> = {}): Promise<SalesProcess> =>
    createSalesProcess(store.db, { name: `Process ${next()}`, kind: 'new_business', isDefault: false, stages: SALESFORCE_DEFAULT_STAGES, ...overrides });

  const defaultProcessOf = async (): Promise<SalesProcess> => {
    defaultProcess ??= (await getDefaultSalesProcess(store.db)) ?? (await process({ isDefault: true }));
    return defaultProcess;
  };

  const stageIn = (proc: SalesProcess, predicate: (s: Stage) => boolean, what: string): Stage => {
    const found = proc.stages.find(predicate);
    if (found === undefined) throw new Error(`Process ${proc.name} has no stage ${what}`);
    return found;
  };

  return {
    workspace: async (overrides = {}) => (await getWorkspace(store.db)) ?? createWorkspace(store.db, { name: 'Acme Test', corporateCurrency: 'USD' as CurrencyCode, ...overrides }),

    person: (overrides = {}) => {
      const n = next();
      return insertPerson(store.db, { name: `Person ${n}`, email: `person${n}@example.com`, hireDate: '2024-01-01' as PlainDate, ...overrides });
    },

    account: (overrides = {}) => insertAccount(store.db, { name: `Account ${next()}`, ...overrides }),

    process,

    stage: async (name) => {
      const proc = await defaultProcessOf();
      return stageIn(proc, (s) => s.name.toLowerCase() === name.toLowerCase(), name);
    },

    opportunity: async (overrides = {}, options = {}) => {
      const { stageName, ...fields } = overrides;
      const proc = fields.processId === undefined ? await defaultProcessOf() : await getSalesProcess(store.db, fields.processId);
      if (proc === null) throw new Error(`No sales process ${fields.processId ?? ''}`);
      const key = stageName?.toLowerCase();
      const stage =
        fields.stageId !== undefined
          ? stageIn(proc, (s) => s.id === fields.stageId, fields.stageId)
          : key === undefined
            ? stageIn(proc, () => true, '(first)')
            : stageIn(proc, (s) => s.name.toLowerCase() === key || s.aliases.some((a) => a.toLowerCase() === key), stageName ?? '');
      const input: NewOpportunity = {
        name: `Opportunity ${next()}`,
        processId: proc.id,
        stageId: stage.id,
        amountMinor: 1_000_000,
        currency: 'USD' as CurrencyCode,
        closeDate: '2026-06-30' as PlainDate,
        createdDate: '2026-01-05' as PlainDate,
        forecastCategory: stage.forecastCategory,
        probabilityBps: stage.probabilityBps,
        isClosed: stage.isClosed,
        isWon: stage.isWon,
        ...fields,
      };
      return insertOpportunity(store.db, input, options);
    },
  };
}
