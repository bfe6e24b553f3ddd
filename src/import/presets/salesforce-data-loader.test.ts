import { describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../../core/shared/currency.ts';
import { detectLayout } from '../detect-preset.ts';
import type { ParseContext } from '../row-fields.ts';
import { bindLayout, notesFor, type RowOutcome } from './entity-layout.ts';
import { SALESFORCE_DATA_LOADER_PRESET } from './salesforce-data-loader.ts';

const CONTEXT: ParseContext = { locale: 'us', dateOrder: 'mdy', plainNumbers: true, defaultCurrency: 'USD' as CurrencyCode, salesforceIds: true };

function parse(headers: string[], cells: string[], context: ParseContext = CONTEXT): RowOutcome<typeof layout.entity> & { label: string } {
  const { layout } = detectLayout(headers, [SALESFORCE_DATA_LOADER_PRESET], true);
  const result = bindLayout(layout, headers, context)(cells, 2);
  return { ...result, label: layout.label };
}

const OPP_HEADERS = ['Id', 'Name', 'AccountId', 'OwnerId', 'StageName', 'Amount', 'CloseDate', 'Probability', 'ForecastCategoryName'];
const OPP_ID = '0065g000aB001xQAQQ';
const ACCOUNT_ID = '0015g000aB001xQAQQ';
const USER_ID = '0055g000aB003xQAQQ';

describe('Salesforce Data Loader preset', () => {
  it('warns about record type ids only when the file has them without record type names', () => {
    const notesOf = (headers: string[]) => notesFor(detectLayout(headers, [SALESFORCE_DATA_LOADER_PRESET], true).layout.notes ?? [], headers);
    expect(notesOf(OPP_HEADERS)).toEqual([]);
    expect(notesOf([...OPP_HEADERS, 'RecordTypeId'])).toEqual([expect.stringContaining('RecordType.Name') as string]);
    expect(notesOf([...OPP_HEADERS, 'RecordTypeId', 'RecordType.Name'])).toEqual([]);
  });

  it('reads an opportunity with its references by id', () => {
    const result = parse(OPP_HEADERS, [OPP_ID, 'Big deal', ACCOUNT_ID, USER_ID, 'Prospecting', '1000.50', '2025-07-31', '10', 'Pipeline']);
    expect(result).toMatchObject({
      ok: true,
      label: 'Salesforce Data Loader: Opportunity',
      record: {
        externalId: OPP_ID,
        accountRef: { externalId: ACCOUNT_ID },
        ownerRef: { externalId: USER_ID },
        stageName: 'Prospecting',
        amount: { minor: 100050, currency: 'USD' },
        currency: 'USD',
        closeDate: '2025-07-31',
        probabilityBps: 1000,
        forecastCategory: 'pipeline',
        processName: null,
      },
    });
  });

  it('gives amounts without a CurrencyIsoCode the default currency', () => {
    const result = parse(OPP_HEADERS, [OPP_ID, 'Deal', '', '', 'Prospecting', '5', '2025-07-31', '', ''], { ...CONTEXT, defaultCurrency: 'EUR' as CurrencyCode });
    expect(result).toMatchObject({ ok: true, record: { amount: { minor: 500, currency: 'EUR' }, currency: 'EUR' } });
  });

  it('widens 15-character ids to their 18-character form', () => {
    const result = parse(OPP_HEADERS, ['0065g000aB001xQ', 'Deal', '', '', 'Prospecting', '', '2025-07-31', '', '']);
    expect(result).toMatchObject({ ok: true, record: { externalId: OPP_ID } });
  });

  it('rejects an id that is neither 15 nor 18 characters', () => {
    const result = parse(OPP_HEADERS, ['006123', 'Deal', '', '', 'Prospecting', '', '2025-07-31', '', '']);
    expect(result).toMatchObject({ ok: false, errors: [{ row: 2, column: 'Id', value: '006123', reason: '"006123" is not a Salesforce id (15 or 18 letters and digits)' }] });
  });

  it('passes unknown stages through for the writer to resolve', () => {
    const result = parse(OPP_HEADERS, [OPP_ID, 'Deal', '', '', 'Our Own Stage', '', '2025-07-31', '', '']);
    expect(result).toMatchObject({ ok: true, record: { stageName: 'Our Own Stage' } });
  });

  it('reports every bad value of a row with its header', () => {
    const result = parse(OPP_HEADERS, [OPP_ID, '', '', '', 'Prospecting', 'NaN', '2025-02-30', '', '']);
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { column: 'Name', value: null, reason: 'A value is required' },
        { column: 'Amount', value: 'NaN' },
        { column: 'CloseDate', value: '2025-02-30' },
      ],
    });
  });

  it('recognises upper-case headers as Data Loader writes them', () => {
    const result = parse(OPP_HEADERS.map((h) => h.toUpperCase()), [OPP_ID, 'Deal', '', '', 'Prospecting', '', '2025-07-31', '', '']);
    expect(result).toMatchObject({ ok: true, label: 'Salesforce Data Loader: Opportunity' });
  });

  it('reads a user name from FirstName and LastName when there is no Name', () => {
    const result = parse(['Id', 'FirstName', 'LastName', 'Email', 'IsActive', 'ManagerId'], [USER_ID, 'Ada', 'Lovelace', 'ada@example.com', 'false', '0055g000aB001xQ']);
    expect(result).toMatchObject({
      ok: true,
      record: { name: 'Ada Lovelace', email: 'ada@example.com', active: false, managerRef: { externalId: '0055g000aB001xQAQQ' } },
    });
  });

  it('maps OpportunityHistory\'s old Forecast category to commit and keeps CreatedDate as a UTC timestamp', () => {
    const result = parse(
      ['Id', 'OpportunityId', 'CreatedDate', 'StageName', 'Amount', 'CloseDate', 'ForecastCategory'],
      ['0085g000aB001xQAQQ', OPP_ID, '2025-01-15T14:30:00.000+0000', 'Negotiation/Review', '120000.00', '2025-03-31', 'Forecast'],
    );
    expect(result).toMatchObject({ ok: true, label: 'Salesforce Data Loader: OpportunityHistory', record: { changedAt: '2025-01-15T14:30:00.000Z', forecastCategory: 'commit' } });
  });

  it('maps field history on tracked fields to tracked field names', () => {
    const result = parse(['Id', 'OpportunityId', 'CreatedDate', 'Field', 'OldValue', 'NewValue'], ['0175g000aB001xQAQQ', OPP_ID, '2025-05-22T09:12:00.000+0000', 'CloseDate', '2025-06-30', '2025-07-31']);
    expect(result).toMatchObject({ ok: true, record: { field: 'close_date', oldValue: '2025-06-30', newValue: '2025-07-31' } });
  });

  it('skips field history on untracked fields instead of rejecting it', () => {
    const result = parse(['Id', 'OpportunityId', 'CreatedDate', 'Field', 'OldValue', 'NewValue'], ['0175g000aB001xQAQQ', OPP_ID, '2025-05-22T09:12:00.000+0000', 'Description', 'a', 'b']);
    expect(result).toMatchObject({ ok: 'skipped', detail: 'Description' });
  });

  it('reads a line item total in the unit price currency', () => {
    const result = parse(['Id', 'OpportunityId', 'Product2Id', 'Quantity', 'UnitPrice', 'TotalPrice', 'CurrencyIsoCode'], ['00k5g000aB001xQAQQ', OPP_ID, '01t5g000aB001xQ', '2.5', '1000.00', '2500.00', 'EUR']);
    expect(result).toMatchObject({ ok: true, record: { quantity: '2.5', unitPrice: { minor: 100000, currency: 'EUR' }, totalPrice: { minor: 250000, currency: 'EUR' }, productRef: { externalId: '01t5g000aB001xQAQQ' } } });
  });

  it('tells revenue splits from overlay splits by the split type name', () => {
    const headers = ['Id', 'OpportunityId', 'SplitOwnerId', 'SplitPercentage', 'SplitType.MasterLabel'];
    expect(parse(headers, ['04t5g000aB001xQAQQ', OPP_ID, USER_ID, '60', 'Revenue'])).toMatchObject({ ok: true, record: { splitType: 'revenue', percentBps: 6000 } });
    expect(parse(headers, ['04t5g000aB001xQAQQ', OPP_ID, USER_ID, '100', 'Overlay'])).toMatchObject({ ok: true, record: { splitType: 'overlay', percentBps: 10000 } });
  });

  it('rejects a split type given only as an id, which cannot say revenue or overlay', () => {
    const result = parse(['Id', 'OpportunityId', 'SplitOwnerId', 'SplitPercentage', 'SplitTypeId'], ['04t5g000aB001xQAQQ', OPP_ID, USER_ID, '100', '1495g000000AbCd']);
    expect(result).toMatchObject({ ok: false, errors: [{ column: 'SplitTypeId' }] });
  });

  it('tells static currency rates from dated ones', () => {
    expect(parse(['IsoCode', 'ConversionRate', 'IsCorporate'], ['eur', '0.92', 'false'])).toMatchObject({ ok: true, label: 'Salesforce Data Loader: CurrencyType', record: { currency: 'EUR', rate: '0.92', startDate: null } });
    expect(parse(['IsoCode', 'ConversionRate', 'StartDate'], ['GBP', '0.79', '2025-04-01'])).toMatchObject({ ok: true, label: 'Salesforce Data Loader: DatedConversionRate', record: { startDate: '2025-04-01' } });
  });

  it('rejects an unknown currency code in a rate row', () => {
    expect(parse(['IsoCode', 'ConversionRate'], ['XYZ', '1.5'])).toMatchObject({ ok: false, errors: [{ column: 'IsoCode', reason: 'Unknown currency code "XYZ"' }] });
  });
});
