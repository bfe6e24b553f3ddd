/**
 * What a reader and a preset turn each CSV/XLSX row into: a normalised record with typed values
 * and references by external id, email or name. Writers resolve the references against the store.
 * These shapes are the contract between parsing (readers, presets, mappings) and writing.
 */
import type { ForecastCategory } from '../core/pipeline/forecast-category.ts';
import type { TrackedField } from '../core/pipeline/tracked-field.ts';
import type { CurrencyCode } from '../core/shared/currency.ts';
import type { Money } from '../core/shared/money.ts';
import type { PlainDate } from '../core/shared/plain-date.ts';

/** The kinds of file salesops imports, in the order a multi-file import applies them. */
export const IMPORT_ENTITIES = [
  'currency_rate',
  'person',
  'product',
  'account',
  'opportunity',
  'opportunity_history',
  'opportunity_field_history',
  'line_item',
  'split',
] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

/** A person is found by CRM id, by email, or (report exports) by full name. */
export type PersonRef = { readonly externalId: string } | { readonly email: string } | { readonly name: string };
/** An account is found by CRM id or (report exports) by name. */
export type AccountRef = { readonly externalId: string } | { readonly name: string };
export type OpportunityRef = { readonly externalId: string } | { readonly name: string };
export type ProductRef = { readonly externalId: string } | { readonly name: string };

export interface PersonRecord {
  readonly externalId: string | null;
  readonly name: string;
  readonly email: string | null;
  readonly active: boolean;
  readonly hireDate: PlainDate | null;
  readonly jobRole: string | null;
  readonly title: string | null;
  /** The person's manager now; the reporting line starts on `managerSince` or the hire date. */
  readonly managerRef: PersonRef | null;
  readonly managerSince: PlainDate | null;
}

export interface AccountRecord {
  readonly externalId: string | null;
  readonly name: string;
  readonly industry: string | null;
  readonly employees: number | null;
  readonly annualRevenue: Money | null;
  readonly country: string | null;
  readonly state: string | null;
  readonly postalCode: string | null;
  readonly segment: string | null;
  readonly ownerRef: PersonRef | null;
  readonly createdDate: PlainDate | null;
}

export interface OpportunityRecord {
  readonly externalId: string | null;
  readonly name: string;
  readonly accountRef: AccountRef | null;
  readonly ownerRef: PersonRef | null;
  /** The sales process by name; null means the workspace's default process. */
  readonly processName: string | null;
  /** As written in the file: a stage label, API name or alias; resolved against the process. */
  readonly stageName: string;
  readonly amount: Money | null;
  readonly currency: CurrencyCode;
  readonly closeDate: PlainDate;
  readonly createdDate: PlainDate | null;
  readonly type: string | null;
  readonly leadSource: string | null;
  readonly nextStep: string | null;
  /** An explicit category overrides the stage's default; null derives it from the stage. */
  readonly forecastCategory: ForecastCategory | null;
  /** An explicit probability overrides the stage's default; null derives it. 0-10000. */
  readonly probabilityBps: number | null;
}

/** A full-state history row (Salesforce OpportunityHistory): the values after a change at `changedAt`. */
export interface OpportunityHistoryRecord {
  readonly externalId: string | null;
  readonly opportunityRef: OpportunityRef;
  /** ISO UTC timestamp. */
  readonly changedAt: string;
  readonly stageName: string | null;
  readonly amount: Money | null;
  readonly closeDate: PlainDate | null;
  readonly forecastCategory: ForecastCategory | null;
}

/** One field change (Salesforce OpportunityFieldHistory). Values are as written in the file. */
export interface OpportunityFieldHistoryRecord {
  readonly externalId: string | null;
  readonly opportunityRef: OpportunityRef;
  readonly changedAt: string;
  readonly field: TrackedField;
  readonly oldValue: string | null;
  readonly newValue: string | null;
}

export interface LineItemRecord {
  readonly externalId: string | null;
  readonly opportunityRef: OpportunityRef;
  readonly productRef: ProductRef | null;
  /** Decimal string. */
  readonly quantity: string;
  readonly unitPrice: Money;
  /** Null: quantity x unit price, rounded half-up to the minor unit. */
  readonly totalPrice: Money | null;
}

export interface SplitRecord {
  readonly externalId: string | null;
  readonly opportunityRef: OpportunityRef;
  readonly personRef: PersonRef;
  readonly splitType: 'revenue' | 'overlay';
  /** Share in basis points: 10000 = 100 %. */
  readonly percentBps: number;
}

export interface ProductRecord {
  readonly externalId: string | null;
  readonly name: string;
  readonly code: string | null;
  readonly family: string | null;
  readonly active: boolean;
}

export interface CurrencyRateRecord {
  readonly externalId: string | null;
  readonly currency: CurrencyCode;
  /** Null: the static rate (CurrencyType); a date: a dated rate from that day (DatedConversionRate). */
  readonly startDate: PlainDate | null;
  /** Units of `currency` per one unit of the corporate currency, decimal string. */
  readonly rate: string;
  /** CurrencyType's IsCorporate: the workspace's corporate currency. */
  readonly isCorporate: boolean;
}

export interface RecordOf {
  readonly currency_rate: CurrencyRateRecord;
  readonly person: PersonRecord;
  readonly product: ProductRecord;
  readonly account: AccountRecord;
  readonly opportunity: OpportunityRecord;
  readonly opportunity_history: OpportunityHistoryRecord;
  readonly opportunity_field_history: OpportunityFieldHistoryRecord;
  readonly line_item: LineItemRecord;
  readonly split: SplitRecord;
}

/** A parsed row: its 1-based line number in the file (header = row 1), and its record. */
export interface ParsedRow<E extends ImportEntity> {
  readonly row: number;
  readonly record: RecordOf[E];
}

/** Why a row was rejected: its row number, the column (as headed in the file), the value and the reason. */
export interface RowError {
  readonly row: number;
  readonly column: string | null;
  readonly value: string | null;
  readonly reason: string;
}
