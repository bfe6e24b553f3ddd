import { describe, expect, it } from 'vitest';
import { importErrorOf } from './testing/import-error-of.ts';
import { BUILT_IN_PRESETS, detectLayout, findPreset } from './detect-preset.ts';
import { SALESFORCE_DATA_LOADER_PRESET } from './presets/salesforce-data-loader.ts';

function labelOf(headers: string[]): string {
  return detectLayout(headers, BUILT_IN_PRESETS, false).layout.label;
}

describe('detectLayout', () => {
  it.each([
    [['Id', 'Name', 'StageName', 'CloseDate', 'Amount'], 'Salesforce Data Loader: Opportunity'],
    [['Id', 'OpportunityId', 'CreatedDate', 'StageName', 'Amount', 'CloseDate'], 'Salesforce Data Loader: OpportunityHistory'],
    [['Id', 'OpportunityId', 'CreatedDate', 'Field', 'OldValue', 'NewValue'], 'Salesforce Data Loader: OpportunityFieldHistory'],
    [['Id', 'OpportunityId', 'Product2Id', 'Quantity', 'UnitPrice'], 'Salesforce Data Loader: OpportunityLineItem'],
    [['Id', 'OpportunityId', 'SplitOwnerId', 'SplitPercentage'], 'Salesforce Data Loader: OpportunitySplit'],
    [['Id', 'Name', 'Email', 'IsActive'], 'Salesforce Data Loader: User'],
    [['Id', 'Name', 'Industry', 'OwnerId'], 'Salesforce Data Loader: Account'],
    [['Id', 'Name', 'ProductCode', 'Family'], 'Salesforce Data Loader: Product2'],
    [['IsoCode', 'ConversionRate', 'IsCorporate'], 'Salesforce Data Loader: CurrencyType'],
    [['Id', 'IsoCode', 'ConversionRate', 'StartDate'], 'Salesforce Data Loader: DatedConversionRate'],
    [['Opportunity Name', 'Account Name', 'Stage', 'Amount', 'Close Date'], 'Salesforce report: Opportunities'],
    [['Account Name', 'Account Owner', 'Industry'], 'Salesforce report: Accounts'],
    [['Record ID', 'Deal Name', 'Deal Stage', 'Amount', 'Close Date'], 'HubSpot: Deals'],
    [['Record ID', 'Company name', 'Industry'], 'HubSpot: Companies'],
    [['Owner ID', 'First Name', 'Last Name', 'Email'], 'HubSpot: Users'],
  ])('recognises %j as %s', (headers, label) => {
    expect(labelOf(headers)).toBe(label);
  });

  it('matches headers ignoring case and spaces', () => {
    expect(labelOf([' opportunity name ', 'STAGE', 'close  date'])).toBe('Salesforce report: Opportunities');
  });

  it('lists what each layout expects when nothing fits', () => {
    const error = importErrorOf(() => detectLayout(['Foo', 'Bar'], BUILT_IN_PRESETS, false));
    expect(error.code).toBe('unknown_format');
    expect(error.message).toContain('Foo, Bar');
    expect(error.message).toContain('Salesforce Data Loader: Opportunity: Id, Name, StageName, CloseDate');
    expect(error.message).toContain('HubSpot: Deals: Deal Name, Deal Stage');
  });

  it('names the missing columns when the chosen preset does not fit', () => {
    const error = importErrorOf(() => detectLayout(['Id', 'Name', 'StageName'], [SALESFORCE_DATA_LOADER_PRESET], true));
    expect(error.code).toBe('missing_columns');
    expect(error.message).toContain('Salesforce Data Loader: Opportunity');
    expect(error.details).toMatchObject({ missing: ['CloseDate'] });
  });

  it('refuses headers that fit two layouts equally well', () => {
    const error = importErrorOf(() => detectLayout(['Opportunity Name', 'Stage', 'Close Date', 'Deal Name', 'Deal Stage'], BUILT_IN_PRESETS, false));
    expect(error.code).toBe('ambiguous_format');
  });
});

describe('findPreset', () => {
  it.each([
    ['salesforce', 'salesforce'],
    ['Salesforce Data Loader', 'salesforce'],
    ['sf-report', 'salesforce-report'],
    ['HubSpot', 'hubspot'],
  ])('finds %j', (name, id) => {
    expect(findPreset(name)?.id).toBe(id);
  });

  it('returns null for an unknown name', () => {
    expect(findPreset('pipedrive')).toBeNull();
  });
});
