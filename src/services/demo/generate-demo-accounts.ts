import type { AccountRecord } from '../../import/records.ts';
import type { CurrencyCode } from '../../core/shared/currency.ts';
import { money } from '../../core/shared/money.ts';
import { fromEpochDay } from '../../core/shared/plain-date.ts';
import { composeUniqueCompanyName, DEMO_INDUSTRIES } from './compose-company-name.ts';
import { DEMO_CORPORATE_CURRENCY } from './generate-demo-currency-rates.ts';
import type { DemoSeller } from './generate-demo-people.ts';
import { demoExternalId } from './demo-external-id.ts';
import type { SeededRandom } from './seeded-random.ts';
import { US_STATES, type DemoRegion, type UsState } from './us-states.ts';

export type DemoSegment = 'SMB' | 'Mid-Market' | 'Enterprise';

/** An account as the deal generator needs it. */
export interface DemoAccount {
  readonly externalId: string;
  readonly name: string;
  readonly region: DemoRegion;
  readonly segment: DemoSegment;
  /** The currency the account is billed in: most in US dollars, some through a European entity. */
  readonly currency: CurrencyCode;
  readonly createdDay: number;
  /** The account executive who owns the account today. */
  readonly ownerId: string;
}

export interface DemoAccounts {
  readonly records: readonly AccountRecord[];
  readonly accounts: readonly DemoAccount[];
}

/** Accounts at full size. */
const ACCOUNTS_AT_FULL_SIZE = 3000;
const YEAR = 365;

/** The segment rule the demo workspace uses: under 200 employees SMB, under 2,000 Mid-Market, else Enterprise. */
export function segmentOfEmployees(employees: number): DemoSegment {
  if (employees < 200) return 'SMB';
  if (employees < 2000) return 'Mid-Market';
  return 'Enterprise';
}

function postalCode(random: SeededRandom, state: UsState): string {
  const [low, high] = random.pick(state.zipPrefixes);
  return `${String(random.int(low, high)).padStart(3, '0')}${String(random.int(1, 99)).padStart(2, '0')}`;
}

/**
 * About 3,000 US companies with made-up names. Headcount is lognormal (most are small, a long tail
 * is large), annual revenue follows headcount and industry, the state is drawn in proportion to its
 * population, and each account is owned by an account executive of the state's region employed today.
 */
export function generateDemoAccounts(
  random: SeededRandom,
  sellers: readonly DemoSeller[],
  todayDay: number,
  windowStartDay: number,
  scale: number,
): DemoAccounts {
  const count = Math.max(1, Math.round(ACCOUNTS_AT_FULL_SIZE * scale));
  const currentOwners = new Map<DemoRegion, DemoSeller[]>();
  for (const seller of sellers) {
    if (seller.role !== 'account_executive' || seller.leftDay !== null || seller.region === null) continue;
    currentOwners.set(seller.region, [...(currentOwners.get(seller.region) ?? []), seller]);
  }
  const industries = DEMO_INDUSTRIES.map((industry) => [industry, industry.weight] as const);
  const states = US_STATES.map((state) => [state, state.populationThousands] as const);
  const currencies = [
    [DEMO_CORPORATE_CURRENCY, 88],
    ['EUR' as CurrencyCode, 7],
    ['GBP' as CurrencyCode, 5],
  ] as const;
  const taken = new Set<string>();

  const records: AccountRecord[] = [];
  const accounts: DemoAccount[] = [];
  for (let index = 0; index < count; index += 1) {
    const industry = random.weighted(industries);
    const state = random.weighted(states);
    const employees = Math.min(250_000, Math.max(2, Math.round(random.logNormal(130, 1.6))));
    const segment = segmentOfEmployees(employees);
    // Revenue is sized as a float, then rounded once to whole thousands of dollars (whole cents).
    const revenueUsd = employees * random.logNormal(industry.revenuePerEmployeeUsd, 0.35);
    const revenueThousands = Math.max(50, Math.round(revenueUsd / 1000));
    // Most accounts were in the CRM before the three years of deals; the rest arrive during them.
    const createdDay = random.chance(0.6)
      ? windowStartDay - random.int(1, 4 * YEAR)
      : random.int(windowStartDay, todayDay - 14);
    const owner = random.pick(currentOwners.get(state.region) ?? []);
    const externalId = demoExternalId('account', index + 1);
    const name = composeUniqueCompanyName(random, industry, state.code, taken);
    records.push({
      externalId,
      name,
      industry: industry.name,
      employees,
      annualRevenue: money(revenueThousands * 100_000, DEMO_CORPORATE_CURRENCY),
      country: 'US',
      state: state.code,
      postalCode: postalCode(random, state),
      segment,
      ownerRef: { externalId: owner.externalId },
      createdDate: fromEpochDay(createdDay),
    });
    accounts.push({
      externalId,
      name,
      region: state.region,
      segment,
      currency: random.weighted(currencies),
      createdDay,
      ownerId: owner.externalId,
    });
  }
  return { records, accounts };
}
