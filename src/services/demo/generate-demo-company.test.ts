import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  findStageDefinition,
  RENEWAL_PROCESS,
  RENEWAL_STAGES,
  SALESFORCE_DEFAULT_STAGES,
} from '../../core/pipeline/default-processes.ts';
import { convertMoney, sumMoney, type Money } from '../../core/shared/money.ts';
import { addDays, parsePlainDate, plainDateOfTimestamp, type PlainDate } from '../../core/shared/plain-date.ts';
import type { OpportunityHistoryRecord } from '../../import/records.ts';
import { DEMO_WORKSPACE_NAME, generateDemoCompany, type DemoCompany } from './generate-demo-company.ts';
import { US_STATES } from './us-states.ts';

const TODAY = parsePlainDate('2025-06-15');
const refId = (ref: object | null): string | undefined => (ref !== null && 'externalId' in ref ? String(ref.externalId) : undefined);
const hashOf = (company: DemoCompany): string => createHash('sha256').update(JSON.stringify(company)).digest('hex');
const stagesOf = (processName: string | null) => (processName === RENEWAL_PROCESS ? RENEWAL_STAGES : SALESFORCE_DEFAULT_STAGES);

function historyByOpportunity(company: DemoCompany): Map<string, OpportunityHistoryRecord[]> {
  const grouped = new Map<string, OpportunityHistoryRecord[]>();
  for (const row of company.history) {
    const id = refId(row.opportunityRef) ?? '';
    grouped.set(id, [...(grouped.get(id) ?? []), row]);
  }
  return grouped;
}

/** The amount in US dollars at the dated rate in force on `date` (rates are units per dollar). */
function inUsd(company: DemoCompany, amount: Money, date: PlainDate): Money {
  if (amount.currency === company.corporateCurrency) return amount;
  const rate = company.currencyRates
    .filter((r) => r.currency === amount.currency && r.startDate !== null && r.startDate <= date)
    .reduce((latest, r) => ((r.startDate ?? '') > (latest?.startDate ?? '') ? r : latest), company.currencyRates[0]);
  return convertMoney(amount, company.corporateCurrency, rate?.rate ?? '1');
}

describe('generateDemoCompany at a small scale', () => {
  it('gives identical output for the same seed and date', () => {
    const first = generateDemoCompany({ seed: 7, today: TODAY, scale: 0.05 });
    const second = generateDemoCompany({ seed: 7, today: TODAY, scale: 0.05 });
    expect(hashOf(second)).toBe(hashOf(first));
  });

  it('gives different output for a different seed', () => {
    const first = generateDemoCompany({ seed: 7, today: TODAY, scale: 0.05 });
    const other = generateDemoCompany({ seed: 8, today: TODAY, scale: 0.05 });
    expect(hashOf(other)).not.toBe(hashOf(first));
  });

  it('ends its history on the date it is given, whatever the clock says', () => {
    const today = parsePlainDate('2031-03-01');
    const company = generateDemoCompany({ seed: 7, today, scale: 0.05 });
    const lastCreated = company.opportunities.reduce((max, o) => ((o.createdDate ?? '') > max ? (o.createdDate ?? '') : max), '');
    expect(lastCreated <= today).toBe(true);
    expect(lastCreated >= addDays(today, -30)).toBe(true);
  });

  it('refuses a scale of zero', () => {
    expect(() => generateDemoCompany({ today: TODAY, scale: 0 })).toThrow(RangeError);
  });

  it('names the workspace as generated demo data', () => {
    expect(DEMO_WORKSPACE_NAME).toBe('Demo company (generated data)');
  });
});

describe('generateDemoCompany at full size', () => {
  let company: DemoCompany;
  let elapsedMs: number;
  let history: Map<string, OpportunityHistoryRecord[]>;
  beforeAll(() => {
    const started = performance.now();
    company = generateDemoCompany({ today: TODAY });
    elapsedMs = performance.now() - started;
    history = historyByOpportunity(company);
  });

  it('generates in under five seconds', () => {
    expect(elapsedMs).toBeLessThan(5_000);
  });

  it('has one VP, eight managers, about 60 account executives, 3,000 accounts and 20,000 opportunities', () => {
    expect(company.people.filter((p) => p.jobRole === 'executive')).toHaveLength(1);
    expect(company.people.filter((p) => p.jobRole === 'manager')).toHaveLength(8);
    const executives = company.people.filter((p) => p.title?.includes('Account Executive') === true);
    expect(executives.length).toBeGreaterThanOrEqual(50);
    expect(executives.length).toBeLessThanOrEqual(70);
    expect(executives.some((p) => !p.active)).toBe(true);
    expect(company.accounts).toHaveLength(3_000);
    expect(company.opportunities.length).toBeGreaterThan(17_000);
    expect(company.opportunities.length).toBeLessThan(23_000);
    expect(company.products.length).toBe(10);
  });

  it('gives every record a unique external id that marks it as demo data', () => {
    const all = [
      company.currencyRates, company.people, company.products, company.accounts,
      company.opportunities, company.history, company.lineItems, company.splits,
    ];
    for (const records of all) {
      const ids = records.map((r) => r.externalId ?? '');
      expect(ids.every((id) => id.startsWith('DEMO-'))).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('resolves every reference to a generated record', () => {
    const people = new Set(company.people.map((p) => p.externalId));
    const accounts = new Set(company.accounts.map((a) => a.externalId));
    const products = new Set(company.products.map((p) => p.externalId));
    const deals = new Set(company.opportunities.map((o) => o.externalId));
    const missing = [
      ...company.people.filter((p) => p.managerRef !== null && !people.has(refId(p.managerRef) ?? null)),
      ...company.accounts.filter((a) => !people.has(refId(a.ownerRef) ?? null)),
      ...company.opportunities.filter((o) => !accounts.has(refId(o.accountRef) ?? null) || !people.has(refId(o.ownerRef) ?? null)),
      ...company.history.filter((h) => !deals.has(refId(h.opportunityRef) ?? null)),
      ...company.lineItems.filter((l) => !deals.has(refId(l.opportunityRef) ?? null) || !products.has(refId(l.productRef) ?? null)),
      ...company.splits.filter((s) => !deals.has(refId(s.opportunityRef) ?? null) || !people.has(refId(s.personRef) ?? null)),
    ];
    expect(missing).toEqual([]);
  });

  it('gives closed bookings in the fourth quarter the largest share of each full year', () => {
    const byQuarter = new Map<string, number>();
    for (const o of company.opportunities) {
      if (o.stageName !== 'Closed Won' || o.amount === null) continue;
      const key = `${o.closeDate.slice(0, 4)}-Q${Math.ceil(Number(o.closeDate.slice(5, 7)) / 3)}`;
      byQuarter.set(key, (byQuarter.get(key) ?? 0) + inUsd(company, o.amount, o.closeDate).minor);
    }
    for (const year of ['2023', '2024']) {
      const quarters = [1, 2, 3, 4].map((q) => byQuarter.get(`${year}-Q${q}`) ?? 0);
      expect(Math.max(...quarters), `${year}: ${quarters.join(', ')}`).toBe(quarters[3]);
    }
  });

  it('wins 20-30 % of new business and about 80 % of renewals', () => {
    const winRate = (process: string): number => {
      const closed = company.opportunities.filter((o) => o.processName === process && o.stageName.startsWith('Closed'));
      return closed.filter((o) => o.stageName === 'Closed Won').length / closed.length;
    };
    const newBusiness = company.opportunities.filter((o) => o.type === 'New Business' && o.stageName.startsWith('Closed'));
    const newBusinessWinRate = newBusiness.filter((o) => o.stageName === 'Closed Won').length / newBusiness.length;
    expect(newBusinessWinRate).toBeGreaterThanOrEqual(0.2);
    expect(newBusinessWinRate).toBeLessThanOrEqual(0.3);
    expect(winRate(RENEWAL_PROCESS)).toBeGreaterThan(0.75);
    expect(winRate(RENEWAL_PROCESS)).toBeLessThan(0.88);
  });

  it('pushed the close date of at least 10 % of closed deals, some several times', () => {
    const closed = company.opportunities.filter((o) => o.stageName.startsWith('Closed'));
    const pushCounts = closed.map((o) => {
      const rows = history.get(o.externalId ?? '') ?? [];
      return rows.filter((row, i) => i > 0 && (row.closeDate ?? '') > (rows[i - 1]?.closeDate ?? '')).length;
    });
    expect(pushCounts.filter((n) => n > 0).length / closed.length).toBeGreaterThanOrEqual(0.1);
    expect(pushCounts.some((n) => n > 1)).toBe(true);
  });

  it('ends won deals at Closed Won with the closed category, and uses only stages of their process', () => {
    const wrong = company.opportunities.filter((o) => {
      const stage = findStageDefinition(stagesOf(o.processName), o.stageName);
      return (
        stage === undefined ||
        o.forecastCategory !== stage.forecastCategory ||
        (stage.isWon && (o.stageName !== 'Closed Won' || o.forecastCategory !== 'closed'))
      );
    });
    expect(wrong).toEqual([]);
    const processOf = new Map(company.opportunities.map((o) => [o.externalId ?? '', o.processName]));
    const unknown = company.history.filter(
      (h) => findStageDefinition(stagesOf(processOf.get(refId(h.opportunityRef) ?? '') ?? null), h.stageName ?? '') === undefined,
    );
    expect(unknown).toEqual([]);
  });

  it('keeps history in UTC between each deal being created and today, its last row the deal as it stands', () => {
    const broken = company.opportunities.filter((o) => {
      const rows = history.get(o.externalId ?? '') ?? [];
      const times = rows.map((r) => r.changedAt);
      const last = rows[rows.length - 1];
      return (
        last === undefined ||
        !times.every((t, i) => new Date(t).toISOString() === t && (i === 0 || t > (times[i - 1] ?? ''))) ||
        plainDateOfTimestamp(times[0] ?? '') < (o.createdDate ?? '') ||
        plainDateOfTimestamp(last.changedAt) > TODAY ||
        JSON.stringify([last.stageName, last.amount, last.closeDate, last.forecastCategory]) !==
          JSON.stringify([o.stageName, o.amount, o.closeDate, o.forecastCategory])
      );
    });
    expect(broken.map((o) => o.externalId)).toEqual([]);
  });

  it('closes deals on or before today and keeps open deals closing within the next two quarters', () => {
    const misdated = company.opportunities.filter((o) =>
      (o.createdDate ?? '') > o.closeDate || (o.stageName.startsWith('Closed') ? o.closeDate > TODAY : o.closeDate <= TODAY || o.closeDate > addDays(TODAY, 184)),
    );
    expect(misdated).toEqual([]);
    const open = company.opportunities.filter((o) => !o.stageName.startsWith('Closed'));
    expect(new Set(open.map((o) => o.stageName)).size).toBeGreaterThan(8);
  });

  it('adds up each deal’s line items exactly to its amount', () => {
    const totals = new Map<string, Money[]>();
    for (const item of company.lineItems) {
      const id = refId(item.opportunityRef) ?? '';
      totals.set(id, [...(totals.get(id) ?? []), item.totalPrice ?? item.unitPrice]);
    }
    const unbalanced = company.opportunities.filter((o) => {
      const items = totals.get(o.externalId ?? '');
      return items !== undefined && (o.amount === null || sumMoney(items, o.currency).minor !== o.amount.minor);
    });
    expect(unbalanced).toEqual([]);
    expect(totals.size).toBeGreaterThan(company.opportunities.length / 2);
  });

  it('prices each line item so that quantity times unit price is its total', () => {
    const inexact = company.lineItems.filter((l) => l.totalPrice?.minor !== l.unitPrice.minor * Number(l.quantity));
    expect(inexact).toEqual([]);
  });

  it('splits revenue to exactly 100 % wherever a deal has revenue splits', () => {
    const revenue = new Map<string, number>();
    for (const s of company.splits) {
      if (s.splitType === 'revenue') revenue.set(refId(s.opportunityRef) ?? '', (revenue.get(refId(s.opportunityRef) ?? '') ?? 0) + s.percentBps);
    }
    expect(revenue.size).toBeGreaterThan(0);
    expect([...revenue.values()].every((bps) => bps === 10_000)).toBe(true);
    expect(company.splits.some((s) => s.splitType === 'overlay')).toBe(true);
  });

  it('holds every money value as a whole number of minor units', () => {
    const amounts: (Money | null)[] = [
      ...company.accounts.map((a) => a.annualRevenue),
      ...company.opportunities.map((o) => o.amount),
      ...company.history.map((h) => h.amount),
      ...company.lineItems.flatMap((l) => [l.unitPrice, l.totalPrice]),
    ];
    expect(amounts.every((m) => m === null || (Number.isSafeInteger(m.minor) && m.minor >= 0))).toBe(true);
  });

  it('prices most deals in US dollars and some in euros and pounds, with rates in plausible bands', () => {
    const byCurrency = new Map<string, number>();
    for (const o of company.opportunities) byCurrency.set(o.currency, (byCurrency.get(o.currency) ?? 0) + 1);
    expect((byCurrency.get('USD') ?? 0) / company.opportunities.length).toBeGreaterThan(0.8);
    expect(byCurrency.get('EUR')).toBeGreaterThan(0);
    expect(byCurrency.get('GBP')).toBeGreaterThan(0);
    const bands: Record<string, [number, number]> = { USD: [1, 1], EUR: [0.85, 0.95], GBP: [0.75, 0.82] };
    for (const rate of company.currencyRates) {
      const [low, high] = bands[rate.currency] ?? [0, 0];
      expect(Number(rate.rate)).toBeGreaterThanOrEqual(low);
      expect(Number(rate.rate)).toBeLessThanOrEqual(high);
    }
    expect(company.currencyRates.filter((r) => r.isCorporate).map((r) => r.currency)).toEqual(['USD']);
  });

  it('places accounts in US states with matching postal codes, segments by headcount and a current owner of the region', () => {
    const states = new Map(US_STATES.map((s) => [s.code, s]));
    const people = new Map(company.people.map((p) => [p.externalId, p]));
    for (const account of company.accounts) {
      const state = states.get(account.state ?? '');
      expect(state).toBeDefined();
      const prefix = Number(account.postalCode?.slice(0, 3));
      expect(state?.zipPrefixes.some(([low, high]) => prefix >= low && prefix <= high)).toBe(true);
      const employees = account.employees ?? 0;
      expect(account.segment).toBe(employees < 200 ? 'SMB' : employees < 2000 ? 'Mid-Market' : 'Enterprise');
      const owner = people.get(refId(account.ownerRef) ?? null);
      const manager = people.get(refId(owner?.managerRef ?? null) ?? null);
      expect(owner?.active).toBe(true);
      expect(manager?.title).toBe(`Regional Sales Manager, ${state?.region ?? ''}`);
    }
  });
});
