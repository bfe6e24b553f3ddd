import { defaultSalesProcesses } from '../core/pipeline/default-processes.ts';
import { parseCurrencyCode } from '../core/shared/currency.ts';
import type { Store } from '../store/database.ts';
import { appendAuditEvent } from '../store/audit-repository.ts';
import { inTransaction } from '../store/in-transaction.ts';
import { createSalesProcess, listSalesProcesses } from '../store/sales-process-repository.ts';
import {
  createWorkspace,
  getWorkspace,
  lockWorkspaceCreation,
  type FiscalPattern,
  type FiscalYearNaming,
  type Workspace,
} from '../store/workspace-repository.ts';
import { ServiceError } from './service-error.ts';

export interface InitialiseWorkspaceInput {
  readonly name: string;
  /** ISO 4217 code, any case. */
  readonly corporateCurrency: string;
  readonly fiscal?: { readonly startMonth: number; readonly pattern: FiscalPattern; readonly yearNaming: FiscalYearNaming };
  readonly isDemo?: boolean;
  /** Who asked, for the audit log (default 'system'). */
  readonly actor?: string;
}

export interface InitialiseWorkspaceResult {
  readonly workspace: Workspace;
  /** False when the database already had its workspace: nothing was changed. */
  readonly created: boolean;
  /** The names of the sales processes this call created. */
  readonly processesCreated: readonly string[];
}

const PATTERNS: readonly FiscalPattern[] = ['calendar', '4-4-5', '4-5-4', '5-4-4'];
const NAMINGS: readonly FiscalYearNaming[] = ['end', 'start'];

function validate(input: InitialiseWorkspaceInput): void {
  if (input.name.trim() === '') throw new ServiceError('invalid_argument', 'A workspace needs a name');
  const fiscal = input.fiscal;
  if (fiscal === undefined) return;
  if (!Number.isInteger(fiscal.startMonth) || fiscal.startMonth < 1 || fiscal.startMonth > 12) {
    throw new ServiceError('invalid_argument', `The fiscal year must start in month 1-12, not ${fiscal.startMonth}`);
  }
  if (!PATTERNS.includes(fiscal.pattern)) throw new ServiceError('invalid_argument', `Unknown fiscal pattern "${fiscal.pattern}" (${PATTERNS.join(', ')})`);
  if (!NAMINGS.includes(fiscal.yearNaming)) throw new ServiceError('invalid_argument', `Unknown fiscal year naming "${fiscal.yearNaming}" (end, start)`);
}

/**
 * Creates the workspace and the default sales processes (new business on Salesforce's stages,
 * renewals) when the database has none, and records it in the audit log. Idempotent: on a
 * database that already has its workspace, it changes nothing and returns that workspace, even
 * when called with other settings.
 */
export async function initialiseWorkspace(store: Store, input: InitialiseWorkspaceInput): Promise<InitialiseWorkspaceResult> {
  validate(input);
  const corporateCurrency = parseCurrencyCode(input.corporateCurrency);
  return inTransaction(store.db, async (trx) => {
    await lockWorkspaceCreation(trx, store.engine);
    const existing = await getWorkspace(trx);
    if (existing !== null) return { workspace: existing, created: false, processesCreated: [] };
    const workspace = await createWorkspace(trx, {
      name: input.name.trim(),
      corporateCurrency,
      fiscalYearStartMonth: input.fiscal?.startMonth ?? 1,
      fiscalPattern: input.fiscal?.pattern ?? 'calendar',
      fiscalYearNaming: input.fiscal?.yearNaming ?? 'end',
      isDemo: input.isDemo ?? false,
    });
    const existingProcesses = await listSalesProcesses(trx);
    const present = new Set(existingProcesses.map((p) => p.name));
    const hasDefault = existingProcesses.some((p) => p.isDefault);
    const processesCreated: string[] = [];
    for (const definition of defaultSalesProcesses()) {
      if (present.has(definition.name)) continue;
      // A process already marked default (created by an import before init) keeps the default.
      await createSalesProcess(trx, { ...definition, isDefault: definition.isDefault && !hasDefault });
      processesCreated.push(definition.name);
    }
    await appendAuditEvent(trx, {
      actor: input.actor ?? 'system',
      action: 'initialise',
      objectType: 'workspace',
      objectId: workspace.id,
      before: null,
      after: { workspace, processesCreated },
    });
    return { workspace, created: true, processesCreated };
  });
}
