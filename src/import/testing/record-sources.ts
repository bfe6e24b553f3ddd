import { defaultSalesProcesses } from '../../core/pipeline/default-processes.ts';
import type { CurrencyCode } from '../../core/shared/currency.ts';
import type { PlainDate } from '../../core/shared/plain-date.ts';
import type { Store } from '../../store/database.ts';
import { createSalesProcess } from '../../store/sales-process-repository.ts';
import { createWorkspace } from '../../store/workspace-repository.ts';
import type { RecordSource } from '../commit-import.ts';
import type { ImportEntity, OpportunityRecord, PersonRecord, RecordOf, RowError } from '../records.ts';

/** A workspace in USD with the default sales processes, as `initialiseWorkspace` leaves it. */
export async function seedWorkspace(store: Store, corporateCurrency = 'USD'): Promise<void> {
  await createWorkspace(store.db, { name: 'Test', corporateCurrency: corporateCurrency as CurrencyCode });
  for (const definition of defaultSalesProcesses()) await createSalesProcess(store.db, definition);
}

/** A parsed file from records (rows numbered from 2, under a header row); `errors` rows failed parsing. */
export function recordSource<E extends ImportEntity>(
  entity: E,
  records: readonly (RecordOf[E] | { readonly errors: readonly RowError[] })[],
  options: { path?: string; preset?: string; headers?: readonly string[] } = {},
): RecordSource<E> {
  return {
    path: options.path ?? `${entity}.csv`,
    entity,
    preset: options.preset ?? 'salesforce',
    headers: options.headers,
    async *rows() {
      let row = 1;
      for (const record of records) {
        row += 1;
        await Promise.resolve();
        if ('errors' in record) yield { ok: false as const, row, errors: record.errors };
        else yield { ok: true as const, row, record };
      }
    },
  };
}

export const usd = (major: number): { minor: number; currency: CurrencyCode } => ({ minor: Math.round(major * 100), currency: 'USD' as CurrencyCode });
export const date = (text: string): PlainDate => text as PlainDate;

export function person(externalId: string | null, name: string, overrides: Partial<PersonRecord> = {}): PersonRecord {
  return { externalId, name, email: null, active: true, hireDate: null, jobRole: null, title: null, managerRef: null, managerSince: null, ...overrides };
}

export function opportunity(externalId: string | null, overrides: Partial<OpportunityRecord> = {}): OpportunityRecord {
  return {
    externalId,
    name: `Deal ${externalId ?? ''}`.trim(),
    accountRef: null,
    ownerRef: null,
    processName: null,
    stageName: 'Prospecting',
    amount: usd(1000),
    currency: 'USD' as CurrencyCode,
    closeDate: date('2026-03-31'),
    createdDate: date('2026-01-05'),
    type: null,
    leadSource: null,
    nextStep: null,
    forecastCategory: null,
    probabilityBps: null,
    ...overrides,
  };
}
