/**
 * Builds each entity's record from a row's fields. Presets differ only in which headers feed which
 * fields and in a few rules; the business meaning of a row lives here, once per entity.
 */
import type { TrackedField } from '../core/pipeline/tracked-field.ts';
import type { CurrencyCode } from '../core/shared/currency.ts';
import type { FieldOf } from './entity-fields.ts';
import type {
  AccountRecord,
  CurrencyRateRecord,
  ImportEntity,
  LineItemRecord,
  OpportunityHistoryRecord,
  OpportunityRecord,
  OpportunityRef,
  PersonRecord,
  PersonRef,
  ProductRecord,
  ProductRef,
  RecordOf,
  SplitRecord,
} from './records.ts';
import type { RowFields } from './row-fields.ts';
import { isSalesforceId, toSalesforceId18 } from './salesforce-id.ts';

export interface LayoutRules {
  /** The process for rows whose file names none (HubSpot: 'HubSpot Deals'); null: the workspace default. */
  readonly defaultProcess?: string | null;
  /** Process names in the file that mean `defaultProcess` (HubSpot's own default pipeline). */
  readonly defaultProcessAliases?: readonly string[];
  /** Stage text in the file → stage name, before the writer resolves stages (mapping files). */
  readonly stageNames?: Readonly<Record<string, string>>;
  /** HubSpot writes associations as "Acme Corp (123456)"; the name is kept, the record id dropped. */
  readonly stripRecordIds?: boolean;
}

/** A row that is deliberately not imported (not an error), grouped into a note by `reason`. */
export interface RowSkip {
  readonly skip: string;
  readonly detail?: string;
}

export type Built<E extends ImportEntity> = RecordOf[E] | RowSkip;

export function isSkip<E extends ImportEntity>(built: Built<E>): built is RowSkip {
  return 'skip' in built;
}

type Fields<E extends ImportEntity> = RowFields<FieldOf<E>>;

function firstRef<E extends ImportEntity>(
  f: Fields<E>,
  idField: FieldOf<E>,
  emailField: FieldOf<E> | null,
  nameField: FieldOf<E>,
  rules: LayoutRules,
): PersonRef | null {
  const externalId = f.id(idField);
  if (externalId !== null) return { externalId };
  const email = emailField === null ? null : f.email(emailField);
  if (email !== null) return { email };
  const name = f.text(nameField);
  return name === null ? null : { name: cleanName(name, rules) };
}

const RECORD_ID_SUFFIX = /\s*\(\d+\)\s*$/;

/** A name as written, without HubSpot's " (123456)" suffix; of several associations the first. */
function cleanName(name: string, rules: LayoutRules): string {
  if (rules.stripRecordIds !== true) return name;
  const first = name.split(';')[0] ?? name;
  return first.replace(RECORD_ID_SUFFIX, '').trim();
}

function opportunityRef(f: Fields<'opportunity_history' | 'opportunity_field_history' | 'line_item' | 'split'>): OpportunityRef | null {
  const externalId = f.id('opportunityId');
  if (externalId !== null) return { externalId };
  const name = f.text('opportunityName');
  if (name !== null) return { name };
  f.missing(f.has('opportunityId') || !f.has('opportunityName') ? 'opportunityId' : 'opportunityName');
  return null;
}

// Errors were recorded when a required reference is missing; the record is dropped, never written.
const NO_OPPORTUNITY: OpportunityRef = { name: '' };

function stageName(text: string | null, rules: LayoutRules): string | null {
  if (text === null) return null;
  const mapped = rules.stageNames?.[text.trim()] ?? rules.stageNames?.[text.trim().toLowerCase()];
  return mapped ?? text;
}

function processName(f: Fields<'opportunity'>, rules: LayoutRules): string | null {
  const fallback = rules.defaultProcess ?? null;
  const named = f.text('process');
  if (named === null) return fallback;
  const key = named.trim().toLowerCase();
  return (rules.defaultProcessAliases ?? []).some((alias) => alias.toLowerCase() === key) ? fallback : named.trim();
}

function buildPerson(f: Fields<'person'>, rules: LayoutRules): PersonRecord {
  const joined = [f.text('firstName'), f.text('lastName')].filter((part) => part !== null).map((part) => part.trim()).join(' ');
  const name = f.text('name') ?? (joined === '' ? null : joined);
  if (name === null) f.missing(f.has('name') ? 'name' : 'lastName');
  return {
    externalId: f.id('externalId'),
    name: name ?? '',
    email: f.email('email'),
    active: f.boolean('active') ?? true,
    hireDate: f.date('hireDate'),
    jobRole: f.text('jobRole'),
    title: f.text('title'),
    managerRef: firstRef(f, 'managerId', 'managerEmail', 'managerName', rules),
    managerSince: f.date('managerSince'),
  };
}

function buildAccount(f: Fields<'account'>, rules: LayoutRules): AccountRecord {
  const rowCurrency = f.currency('currency');
  return {
    externalId: f.id('externalId'),
    name: f.requiredText('name'),
    industry: f.text('industry'),
    employees: f.integer('employees'),
    annualRevenue: f.money('annualRevenue', rowCurrency),
    country: f.text('country'),
    state: f.text('state'),
    postalCode: f.text('postalCode'),
    segment: f.text('segment'),
    ownerRef: firstRef(f, 'ownerId', 'ownerEmail', 'ownerName', rules),
    createdDate: f.date('createdDate'),
  };
}

function buildOpportunity(f: Fields<'opportunity'>, rules: LayoutRules): OpportunityRecord {
  const rowCurrency = f.currency('currency');
  const amount = f.money('amount', rowCurrency);
  const accountId = f.id('accountId');
  const accountName = f.text('accountName');
  return {
    externalId: f.id('externalId'),
    name: f.requiredText('name'),
    accountRef: accountId !== null ? { externalId: accountId } : accountName !== null ? { name: cleanName(accountName, rules) } : null,
    ownerRef: firstRef(f, 'ownerId', 'ownerEmail', 'ownerName', rules),
    processName: processName(f, rules),
    // Stages are resolved against the process by the writer, which knows the workspace's stages.
    stageName: stageName(f.requiredText('stage'), rules) ?? '',
    amount,
    currency: amount?.currency ?? rowCurrency ?? f.context.defaultCurrency,
    closeDate: f.requiredDate('closeDate'),
    createdDate: f.date('createdDate'),
    type: f.text('type'),
    leadSource: f.text('leadSource'),
    nextStep: f.text('nextStep'),
    forecastCategory: f.forecastCategory('forecastCategory'),
    probabilityBps: f.percentBps('probability'),
  };
}

function buildOpportunityHistory(f: Fields<'opportunity_history'>, rules: LayoutRules): OpportunityHistoryRecord {
  const rowCurrency = f.currency('currency');
  return {
    externalId: f.id('externalId'),
    opportunityRef: opportunityRef(f) ?? NO_OPPORTUNITY,
    changedAt: f.requiredTimestamp('changedAt'),
    stageName: stageName(f.text('stage'), rules),
    amount: f.money('amount', rowCurrency),
    closeDate: f.date('closeDate'),
    forecastCategory: f.forecastCategory('forecastCategory'),
  };
}

/** Field names in history exports (Salesforce API names and salesops' own) → tracked fields. */
const TRACKED_FIELD_NAMES: Readonly<Record<string, TrackedField>> = {
  stagename: 'stage',
  stage: 'stage',
  amount: 'amount',
  closedate: 'close_date',
  close_date: 'close_date',
  forecastcategoryname: 'forecast_category',
  forecastcategory: 'forecast_category',
  forecast_category: 'forecast_category',
  owner: 'owner',
  ownerid: 'owner',
};

function buildFieldHistory(f: Fields<'opportunity_field_history'>): Built<'opportunity_field_history'> {
  const fieldText = f.requiredText('field');
  const field = TRACKED_FIELD_NAMES[fieldText.trim().toLowerCase()];
  if (fieldText !== '' && field === undefined) {
    return { skip: 'history rows for fields salesops does not track', detail: fieldText.trim() };
  }
  let oldValue = f.text('oldValue');
  let newValue = f.text('newValue');
  if (field === 'owner' && f.context.salesforceIds) {
    // Salesforce records an owner change twice: once with user names, once with user ids. The
    // id row is the one that identifies people; the name row would duplicate the change.
    const looksLikeId = (value: string | null): boolean => value === null || isSalesforceId(value.trim());
    if (!looksLikeId(oldValue) || !looksLikeId(newValue)) {
      return { skip: 'owner changes written with names (Salesforce also writes each with ids, which are kept)' };
    }
    oldValue = oldValue === null ? null : toSalesforceId18(oldValue.trim());
    newValue = newValue === null ? null : toSalesforceId18(newValue.trim());
  }
  return {
    externalId: f.id('externalId'),
    opportunityRef: opportunityRef(f) ?? NO_OPPORTUNITY,
    changedAt: f.requiredTimestamp('changedAt'),
    field: field ?? 'stage',
    oldValue,
    newValue,
  };
}

// Errors were recorded for a missing or bad price; the record is dropped, never written.
const NO_PRICE = { minor: 0, currency: 'USD' as CurrencyCode };

function buildLineItem(f: Fields<'line_item'>): LineItemRecord {
  const rowCurrency = f.currency('currency');
  const unitPrice = f.requiredMoney('unitPrice', rowCurrency);
  const productId = f.id('productId');
  const productName = f.text('productName');
  const productRef: ProductRef | null = productId !== null ? { externalId: productId } : productName !== null ? { name: productName } : null;
  return {
    externalId: f.id('externalId'),
    opportunityRef: opportunityRef(f) ?? NO_OPPORTUNITY,
    productRef,
    quantity: f.requiredDecimal('quantity'),
    unitPrice: unitPrice ?? NO_PRICE,
    // The total must be in the unit price's currency; a different code in the cell is an error.
    totalPrice: f.money('totalPrice', rowCurrency ?? unitPrice?.currency ?? null),
  };
}

function splitType(f: Fields<'split'>): SplitRecord['splitType'] {
  const text = f.text('splitType');
  if (text === null) return 'revenue';
  const trimmed = text.trim();
  if (/^revenue/i.test(trimmed)) return 'revenue';
  if (f.context.salesforceIds && isSalesforceId(trimmed)) {
    f.fail('splitType', 'A split type id does not say whether the split is revenue or overlay; export the split type name (SplitType.MasterLabel) instead');
  }
  // Any other split type (Overlay, SE credit, ...) credits on top of the revenue splits.
  return 'overlay';
}

function buildSplit(f: Fields<'split'>, rules: LayoutRules): SplitRecord {
  const personRef = firstRef(f, 'personId', 'personEmail', 'personName', rules);
  if (personRef === null) f.missing(f.has('personId') ? 'personId' : f.has('personEmail') ? 'personEmail' : 'personName');
  if (f.text('percent') === null) f.missing('percent');
  const percent = f.percentBps('percent');
  return {
    externalId: f.id('externalId'),
    opportunityRef: opportunityRef(f) ?? NO_OPPORTUNITY,
    personRef: personRef ?? { name: '' },
    splitType: splitType(f),
    percentBps: percent ?? 0,
  };
}

function buildProduct(f: Fields<'product'>): ProductRecord {
  return {
    externalId: f.id('externalId'),
    name: f.requiredText('name'),
    code: f.text('code'),
    family: f.text('family'),
    active: f.boolean('active') ?? true,
  };
}

function buildCurrencyRate(f: Fields<'currency_rate'>): CurrencyRateRecord {
  if (f.text('currency') === null) f.missing('currency');
  if (f.text('rate') === null) f.missing('rate');
  const currency = f.currency('currency');
  const rate = f.rate('rate');
  return {
    externalId: f.id('externalId'),
    currency: currency ?? ('USD' as CurrencyCode),
    startDate: f.date('startDate'),
    rate: rate ?? '1',
    isCorporate: f.boolean('isCorporate') ?? false,
  };
}

type Builder<E extends ImportEntity> = (fields: Fields<E>, rules: LayoutRules) => Built<E>;

const BUILDERS: { readonly [E in ImportEntity]: Builder<E> } = {
  currency_rate: buildCurrencyRate,
  person: buildPerson,
  product: buildProduct,
  account: buildAccount,
  opportunity: buildOpportunity,
  opportunity_history: buildOpportunityHistory,
  opportunity_field_history: buildFieldHistory,
  line_item: buildLineItem,
  split: buildSplit,
};

/** The record for a row, or why it is skipped; problems are left in `fields.errors`. */
export function buildRecord<E extends ImportEntity>(entity: E, fields: Fields<E>, rules: LayoutRules): Built<E> {
  const builder: Builder<E> = BUILDERS[entity];
  return builder(fields, rules);
}
