/**
 * Salesforce report exports ("Details Only", CSV or XLSX): column labels as headers, amounts as
 * the user sees them ("USD 1,234.56"), dates in the user's locale (7/4/2025), percentages with a
 * sign ("20%"). Owners and accounts are named, not identified: the writer matches them by name.
 */
import type { EntityLayout, ImportPreset } from './entity-layout.ts';

/**
 * Opportunities report. Without an "Opportunity ID" column the records' external id is null and
 * the writer matches existing opportunities by name, so add the ID column to the report when
 * opportunity names repeat.
 */
const opportunities: EntityLayout<'opportunity'> = {
  entity: 'opportunity',
  label: 'Salesforce report: Opportunities',
  columns: {
    externalId: ['Opportunity ID', 'Opportunity Id'],
    name: ['Opportunity Name'],
    accountId: ['Account ID', 'Account Id'],
    accountName: ['Account Name'],
    ownerName: ['Opportunity Owner', 'Owner Name', 'Owner'],
    ownerEmail: ['Opportunity Owner Email', 'Owner Email'],
    process: ['Opportunity Record Type', 'Record Type'],
    stage: ['Stage'],
    amount: ['Amount'],
    currency: ['Opportunity Currency', 'Amount Currency'],
    closeDate: ['Close Date'],
    createdDate: ['Created Date'],
    type: ['Type'],
    leadSource: ['Lead Source'],
    nextStep: ['Next Step'],
    forecastCategory: ['Forecast Category'],
    probability: ['Probability (%)', 'Probability'],
  },
  requiredHeaders: [['Opportunity Name'], ['Stage'], ['Close Date']],
  rules: {},
  reportFooter: true,
  notes: ['Report exports name owners and accounts: the writer matches them by name. Without an "Opportunity ID" column, opportunities are matched by name too.'],
};

const accounts: EntityLayout<'account'> = {
  entity: 'account',
  label: 'Salesforce report: Accounts',
  columns: {
    externalId: ['Account ID', 'Account Id'],
    name: ['Account Name'],
    industry: ['Industry'],
    employees: ['Employees'],
    annualRevenue: ['Annual Revenue'],
    currency: ['Account Currency', 'Annual Revenue Currency'],
    country: ['Billing Country'],
    state: ['Billing State/Province', 'Billing State'],
    postalCode: ['Billing Zip/Postal Code', 'Billing Postal Code'],
    segment: ['Segment', 'Type'],
    ownerName: ['Account Owner'],
    ownerEmail: ['Account Owner Email'],
    createdDate: ['Created Date'],
  },
  requiredHeaders: [
    ['Account Name'],
    ['Account Owner', 'Industry', 'Billing State/Province', 'Billing Country', 'Employees', 'Annual Revenue', 'Account ID'],
  ],
  excludedHeaders: ['Opportunity Name', 'Stage'],
  rules: {},
  reportFooter: true,
  notes: ['Report exports name account owners: the writer matches them by name. Without an "Account ID" column, accounts are matched by name.'],
};

export const SALESFORCE_REPORT_PRESET: ImportPreset = {
  id: 'salesforce-report',
  name: 'Salesforce report',
  salesforceIds: true,
  plainNumbers: false,
  layouts: [opportunities, accounts],
};
