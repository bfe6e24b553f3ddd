/**
 * HubSpot CRM exports (deals, companies, users): property labels as headers, numeric record ids,
 * plain numbers. Deals go into the 'HubSpot Deals' process unless their Pipeline column names
 * another one; stages pass through as written (labels or internal ids, both known as aliases).
 */
import { HUBSPOT_PROCESS } from '../../core/pipeline/default-processes.ts';
import type { EntityLayout, ImportPreset } from './entity-layout.ts';

const deals: EntityLayout<'opportunity'> = {
  entity: 'opportunity',
  label: 'HubSpot: Deals',
  columns: {
    externalId: ['Deal ID', 'Record ID'],
    name: ['Deal Name'],
    accountName: ['Associated Company', 'Associated Company (Primary)', 'Company name'],
    ownerEmail: ['Deal owner email'],
    ownerName: ['Deal owner'],
    process: ['Pipeline'],
    stage: ['Deal Stage'],
    amount: ['Amount'],
    currency: ['Currency', 'Deal currency code'],
    closeDate: ['Close Date'],
    createdDate: ['Create Date'],
    type: ['Deal Type'],
    leadSource: ['Original Source Type', 'Original Traffic Source'],
    nextStep: ['Next step', 'Next Step'],
    forecastCategory: ['Forecast category'],
  },
  requiredHeaders: [['Deal Name'], ['Deal Stage']],
  rules: {
    defaultProcess: HUBSPOT_PROCESS,
    // HubSpot's built-in pipeline is the one the 'HubSpot Deals' process mirrors.
    defaultProcessAliases: ['Sales Pipeline', 'default', HUBSPOT_PROCESS],
    stripRecordIds: true,
  },
  notes: [
    `Deals go into the "${HUBSPOT_PROCESS}" process unless the Pipeline column names another process.`,
    'Associated companies and deal owners are matched by name; HubSpot\'s " (123456)" id suffix is dropped and only the first of several companies is kept.',
  ],
};

const companies: EntityLayout<'account'> = {
  entity: 'account',
  label: 'HubSpot: Companies',
  columns: {
    externalId: ['Record ID', 'Company ID'],
    name: ['Company name', 'Name'],
    industry: ['Industry'],
    employees: ['Number of Employees'],
    annualRevenue: ['Annual Revenue'],
    currency: ['Currency'],
    country: ['Country/Region', 'Country'],
    state: ['State/Region', 'State'],
    postalCode: ['Postal Code', 'Zip'],
    segment: ['Type', 'Company type'],
    ownerEmail: ['Company owner email'],
    ownerName: ['Company owner'],
    createdDate: ['Create Date'],
  },
  requiredHeaders: [['Company name', 'Name'], ['Record ID', 'Company ID', 'Company owner', 'Company Domain Name', 'Country/Region']],
  excludedHeaders: ['Deal Name', 'Id', 'First Name'],
  rules: { stripRecordIds: true },
};

const owners: EntityLayout<'person'> = {
  entity: 'person',
  label: 'HubSpot: Users',
  columns: {
    externalId: ['Owner ID', 'User ID'],
    name: ['Name', 'Full Name'],
    firstName: ['First Name'],
    lastName: ['Last Name'],
    email: ['Email'],
    active: ['Active'],
    title: ['Job Title', 'Job title'],
    jobRole: ['Role', 'Team'],
  },
  requiredHeaders: [['Email'], ['First Name', 'Name', 'Full Name'], ['Last Name', 'Owner ID', 'User ID']],
  // Contacts exports have the same name and email columns but are customers, not sellers.
  excludedHeaders: ['Lifecycle Stage', 'Contact owner', 'Deal Name', 'Company name', 'Id'],
  rules: {},
};

export const HUBSPOT_PRESET: ImportPreset = {
  id: 'hubspot',
  name: 'HubSpot',
  salesforceIds: false,
  plainNumbers: true,
  layouts: [deals, companies, owners],
};
