import { describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../../core/shared/currency.ts';
import { detectLayout } from '../detect-preset.ts';
import type { ParseContext } from '../row-fields.ts';
import { bindLayout } from './entity-layout.ts';
import { HUBSPOT_PRESET } from './hubspot.ts';

const CONTEXT: ParseContext = { locale: 'us', dateOrder: 'mdy', plainNumbers: true, defaultCurrency: 'USD' as CurrencyCode, salesforceIds: false };
const DEAL_HEADERS = ['Record ID', 'Deal Name', 'Deal Stage', 'Pipeline', 'Amount', 'Close Date', 'Create Date', 'Deal owner', 'Associated Company'];

function parseDeal(cells: string[]): ReturnType<ReturnType<typeof bindLayout>> {
  const { layout } = detectLayout(DEAL_HEADERS, [HUBSPOT_PRESET], true);
  return bindLayout(layout, DEAL_HEADERS, CONTEXT)(cells, 2);
}

describe('HubSpot preset', () => {
  it('puts deals of the default pipeline into the HubSpot Deals process', () => {
    expect(parseDeal(['5001', 'Deal', 'appointmentscheduled', 'Sales Pipeline', '12000', '2025-08-29', '2025-06-01 09:30', 'Jane Doe', 'Northwind (9001)'])).toMatchObject({
      ok: true,
      record: { externalId: '5001', processName: 'HubSpot Deals', stageName: 'appointmentscheduled', createdDate: '2025-06-01', amount: { minor: 1200000, currency: 'USD' } },
    });
  });

  it('passes another pipeline name on as the process', () => {
    expect(parseDeal(['5005', 'Deal', 'Closed Won', 'Renewal', '11000', '2025-05-31', '', 'Jane Doe', ''])).toMatchObject({ ok: true, record: { processName: 'Renewal' } });
  });

  it('keeps the company name and drops the record id HubSpot appends', () => {
    expect(parseDeal(['5007', 'Deal', 'contractsent', '', '', '2025-08-01', '', 'Jane Doe', 'Contoso (9002);Fabrikam (9003)'])).toMatchObject({
      ok: true,
      record: { accountRef: { name: 'Contoso' }, ownerRef: { name: 'Jane Doe' }, amount: null, processName: 'HubSpot Deals' },
    });
  });

  it('requires a close date because every opportunity needs one', () => {
    expect(parseDeal(['5008', 'Deal', 'qualifiedtobuy', '', '100', '', '', '', ''])).toMatchObject({ ok: false, errors: [{ column: 'Close Date', reason: 'A value is required' }] });
  });

  it('recognises companies exported with a Name column', () => {
    const headers = ['Record ID', 'Name', 'Number of Employees', 'Annual Revenue', 'Country/Region'];
    const { layout } = detectLayout(headers, [HUBSPOT_PRESET], true);
    expect(bindLayout(layout, headers, CONTEXT)(['9001', 'Northwind', '1,200', '30000000', 'US'], 2)).toMatchObject({
      ok: true,
      record: { externalId: '9001', name: 'Northwind', employees: 1200, annualRevenue: { minor: 3000000000 }, country: 'US' },
    });
  });

  it('reads users with first and last names', () => {
    const headers = ['Owner ID', 'First Name', 'Last Name', 'Email'];
    const { layout } = detectLayout(headers, [HUBSPOT_PRESET], true);
    expect(bindLayout(layout, headers, CONTEXT)(['77', 'Jane', 'Doe', 'jane@example.com'], 2)).toMatchObject({ ok: true, record: { externalId: '77', name: 'Jane Doe', email: 'jane@example.com' } });
  });
});
