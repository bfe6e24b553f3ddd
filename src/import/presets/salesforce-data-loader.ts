/**
 * Salesforce Data Loader (and Workbench, Data Export) CSVs: API field names as headers, 15- or
 * 18-character record ids, ISO dates, plain decimals. Each object is recognised by the headers
 * only it has. Amounts take the row's CurrencyIsoCode (multi-currency orgs) or the default currency.
 */
import type { EntityLayout, ImportPreset } from './entity-layout.ts';

const label = (object: string): string => `Salesforce Data Loader: ${object}`;

const user: EntityLayout<'person'> = {
  entity: 'person',
  label: label('User'),
  columns: {
    externalId: ['Id'],
    name: ['Name'],
    firstName: ['FirstName'],
    lastName: ['LastName'],
    email: ['Email'],
    active: ['IsActive'],
    // Salesforce keeps no hire date; the user's creation is when they started selling in the CRM,
    // which is the best start for their reporting line.
    hireDate: ['HireDate__c', 'CreatedDate'],
    jobRole: ['UserRole.Name', 'UserRoleName', 'UserRoleId'],
    title: ['Title'],
    managerId: ['ManagerId'],
  },
  requiredHeaders: [['Id'], ['Name', 'LastName'], ['Email', 'Username']],
  excludedHeaders: ['OpportunityId', 'StageName'],
  rules: {},
};

const account: EntityLayout<'account'> = {
  entity: 'account',
  label: label('Account'),
  columns: {
    externalId: ['Id'],
    name: ['Name'],
    industry: ['Industry'],
    employees: ['NumberOfEmployees'],
    annualRevenue: ['AnnualRevenue'],
    currency: ['CurrencyIsoCode'],
    country: ['BillingCountry', 'BillingCountryCode'],
    state: ['BillingState', 'BillingStateCode'],
    postalCode: ['BillingPostalCode'],
    segment: ['Segment__c', 'Type'],
    ownerId: ['OwnerId'],
    createdDate: ['CreatedDate'],
  },
  requiredHeaders: [['Id'], ['Name']],
  excludedHeaders: ['StageName', 'OpportunityId', 'Email', 'Username', 'ProductCode', 'Family'],
  rules: {},
};

const opportunity: EntityLayout<'opportunity'> = {
  entity: 'opportunity',
  label: label('Opportunity'),
  columns: {
    externalId: ['Id'],
    name: ['Name'],
    accountId: ['AccountId'],
    ownerId: ['OwnerId'],
    // A sales process belongs to a record type; only its name can be matched to a salesops process.
    process: ['RecordType.Name', 'RecordTypeName'],
    stage: ['StageName'],
    amount: ['Amount'],
    currency: ['CurrencyIsoCode'],
    closeDate: ['CloseDate'],
    createdDate: ['CreatedDate'],
    type: ['Type'],
    leadSource: ['LeadSource'],
    nextStep: ['NextStep'],
    forecastCategory: ['ForecastCategoryName'],
    probability: ['Probability'],
  },
  requiredHeaders: [['Id'], ['Name'], ['StageName'], ['CloseDate']],
  excludedHeaders: ['OpportunityId'],
  rules: {},
  notes: [
    {
      // Only worth saying when the file has record types that the import cannot map.
      text: 'The file has RecordTypeId but no RecordType.Name: a record type id does not name a sales process, so these opportunities go into the default process. Export RecordType.Name to keep processes apart.',
      when: (headers) => headers.includes('RecordTypeId') && !headers.includes('RecordType.Name') && !headers.includes('RecordTypeName'),
    },
  ],
};

const opportunityHistory: EntityLayout<'opportunity_history'> = {
  entity: 'opportunity_history',
  label: label('OpportunityHistory'),
  columns: {
    externalId: ['Id'],
    opportunityId: ['OpportunityId'],
    changedAt: ['CreatedDate'],
    stage: ['StageName'],
    amount: ['Amount'],
    currency: ['CurrencyIsoCode'],
    closeDate: ['CloseDate'],
    forecastCategory: ['ForecastCategory', 'ForecastCategoryName'],
  },
  requiredHeaders: [['OpportunityId'], ['StageName'], ['CreatedDate']],
  excludedHeaders: ['Field', 'Quantity', 'SplitOwnerId'],
  rules: {},
};

const opportunityFieldHistory: EntityLayout<'opportunity_field_history'> = {
  entity: 'opportunity_field_history',
  label: label('OpportunityFieldHistory'),
  columns: {
    externalId: ['Id'],
    opportunityId: ['OpportunityId'],
    changedAt: ['CreatedDate'],
    field: ['Field'],
    oldValue: ['OldValue'],
    newValue: ['NewValue'],
  },
  requiredHeaders: [['OpportunityId'], ['Field'], ['NewValue'], ['CreatedDate']],
  rules: {},
  notes: [
    'Only changes to StageName, Amount, CloseDate, ForecastCategoryName and Owner are imported; rows for other fields are skipped, not rejected.',
  ],
};

const lineItem: EntityLayout<'line_item'> = {
  entity: 'line_item',
  label: label('OpportunityLineItem'),
  columns: {
    externalId: ['Id'],
    opportunityId: ['OpportunityId'],
    // Product2Id names the product; a PricebookEntryId stands in only when the export lacks it.
    productId: ['Product2Id', 'PricebookEntryId'],
    productName: ['Product2.Name'],
    quantity: ['Quantity'],
    unitPrice: ['UnitPrice'],
    totalPrice: ['TotalPrice'],
    currency: ['CurrencyIsoCode'],
  },
  requiredHeaders: [['OpportunityId'], ['Quantity'], ['UnitPrice']],
  rules: {},
};

const split: EntityLayout<'split'> = {
  entity: 'split',
  label: label('OpportunitySplit'),
  columns: {
    externalId: ['Id'],
    opportunityId: ['OpportunityId'],
    personId: ['SplitOwnerId'],
    splitType: ['SplitType.MasterLabel', 'SplitType.DeveloperName', 'SplitTypeName', 'SplitType', 'SplitTypeId'],
    percent: ['SplitPercentage'],
  },
  requiredHeaders: [['OpportunityId'], ['SplitOwnerId'], ['SplitPercentage']],
  rules: {},
  notes: ['A split whose type is named "Revenue" is a revenue split; any other named type is an overlay.'],
};

const product: EntityLayout<'product'> = {
  entity: 'product',
  label: label('Product2'),
  columns: {
    externalId: ['Id'],
    name: ['Name'],
    code: ['ProductCode'],
    family: ['Family'],
    active: ['IsActive'],
  },
  requiredHeaders: [['Id'], ['Name'], ['ProductCode', 'Family']],
  excludedHeaders: ['OpportunityId', 'Quantity'],
  rules: {},
};

const currencyType: EntityLayout<'currency_rate'> = {
  entity: 'currency_rate',
  label: label('CurrencyType'),
  columns: {
    externalId: ['Id'],
    currency: ['IsoCode'],
    rate: ['ConversionRate'],
    isCorporate: ['IsCorporate'],
  },
  requiredHeaders: [['IsoCode'], ['ConversionRate']],
  excludedHeaders: ['StartDate'],
  rules: {},
};

const datedConversionRate: EntityLayout<'currency_rate'> = {
  entity: 'currency_rate',
  label: label('DatedConversionRate'),
  columns: {
    externalId: ['Id'],
    currency: ['IsoCode'],
    rate: ['ConversionRate'],
    startDate: ['StartDate'],
  },
  requiredHeaders: [['IsoCode'], ['ConversionRate'], ['StartDate']],
  rules: {},
};

export const SALESFORCE_DATA_LOADER_PRESET: ImportPreset = {
  id: 'salesforce',
  name: 'Salesforce Data Loader',
  salesforceIds: true,
  plainNumbers: true,
  layouts: [user, account, opportunity, opportunityHistory, opportunityFieldHistory, lineItem, split, product, currencyType, datedConversionRate],
};
