import { describe, expect, it } from 'vitest';
import type { CurrencyCode } from '../../core/shared/currency.ts';
import type { ParseContext } from '../row-fields.ts';
import { bindLayout, type AnyEntityLayout } from './entity-layout.ts';
import { SALESFORCE_REPORT_PRESET } from './salesforce-report.ts';

const CONTEXT: ParseContext = { locale: 'us', dateOrder: 'mdy', plainNumbers: false, defaultCurrency: 'USD' as CurrencyCode, salesforceIds: true };
const HEADERS = ['Opportunity Owner', 'Account Name', 'Opportunity Name', 'Stage', 'Amount', 'Probability (%)', 'Close Date', 'Forecast Category', 'Next Step'];
const opportunities = SALESFORCE_REPORT_PRESET.layouts.find((l) => l.entity === 'opportunity') as AnyEntityLayout;

describe('Salesforce report preset', () => {
  it('reads labels, "USD 1,234.56" amounts, M/D/YYYY dates and percentages', () => {
    const parse = bindLayout(opportunities, HEADERS, CONTEXT);
    expect(parse(['Priya Raman', 'Acme Corp', 'Renewal', 'Closed Won', 'USD 1,234.56', '20%', '7/4/2025', 'Best Case', '=keep me'], 2)).toMatchObject({
      ok: true,
      row: 2,
      record: {
        externalId: null,
        ownerRef: { name: 'Priya Raman' },
        accountRef: { name: 'Acme Corp' },
        amount: { minor: 123456, currency: 'USD' },
        currency: 'USD',
        closeDate: '2025-07-04',
        probabilityBps: 2000,
        forecastCategory: 'best_case',
        nextStep: '=keep me',
      },
    });
  });

  it('takes the currency from the amount when the report has no currency column', () => {
    const parse = bindLayout(opportunities, HEADERS, CONTEXT);
    expect(parse(['A', 'B', 'C', 'Prospecting', 'EUR 95,000.00', '', '10/31/2025', '', ''], 2)).toMatchObject({ ok: true, record: { currency: 'EUR', amount: { minor: 9500000 } } });
  });

  it('reads European reports with the eu locale', () => {
    const parse = bindLayout(opportunities, HEADERS, { ...CONTEXT, locale: 'eu', dateOrder: 'dmy' });
    expect(parse(['A', 'B', 'C', 'Prospecting', 'EUR 12.500,00', '12,5%', '31.07.2025', '', ''], 2)).toMatchObject({
      ok: true,
      record: { amount: { minor: 1250000, currency: 'EUR' }, probabilityBps: 1250, closeDate: '2025-07-31' },
    });
  });

  it('skips the copyright footer and every one-cell row after it', () => {
    const parse = bindLayout(opportunities, HEADERS, CONTEXT);
    expect(parse(['Copyright (c) 2000-2025 salesforce.com, inc. All rights reserved.'], 12)).toMatchObject({ ok: 'skipped' });
    expect(parse(['Example Org'], 15)).toMatchObject({ ok: 'skipped' });
  });

  it('rejects a one-cell row before any footer as a row missing its values', () => {
    const parse = bindLayout(opportunities, HEADERS, CONTEXT);
    expect(parse(['Lonely name'], 3)).toMatchObject({ ok: false });
  });
});
