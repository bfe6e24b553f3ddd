import type {
  AccountRecord,
  CurrencyRateRecord,
  LineItemRecord,
  OpportunityHistoryRecord,
  OpportunityRecord,
  PersonRecord,
  ProductRecord,
  SplitRecord,
} from '../../import/records.ts';
import type { CurrencyCode } from '../../core/shared/currency.ts';
import { addMonths, toEpochDay, type PlainDate } from '../../core/shared/plain-date.ts';
import { demoProductRecords } from './demo-products.ts';
import { generateDemoAccounts } from './generate-demo-accounts.ts';
import { DEMO_CORPORATE_CURRENCY, generateDemoCurrencyRates } from './generate-demo-currency-rates.ts';
import { generateDemoOpportunities } from './generate-demo-opportunities.ts';
import { generateDemoPeople } from './generate-demo-people.ts';
import { DemoDealPlanner } from './plan-demo-deals.ts';
import { SeededRandom } from './seeded-random.ts';

/** What the demo workspace is called wherever it shows, so nobody mistakes it for real data. */
export const DEMO_WORKSPACE_NAME = 'Demo company (generated data)';
export const DEFAULT_DEMO_SEED = 20_240_601;
/** Years of deal history that end on `today`. */
export const DEMO_HISTORY_MONTHS = 36;

/** A whole generated company, as import records in the order they are written. */
export interface DemoCompany {
  readonly corporateCurrency: CurrencyCode;
  readonly currencyRates: readonly CurrencyRateRecord[];
  readonly people: readonly PersonRecord[];
  readonly products: readonly ProductRecord[];
  readonly accounts: readonly AccountRecord[];
  readonly opportunities: readonly OpportunityRecord[];
  readonly history: readonly OpportunityHistoryRecord[];
  readonly lineItems: readonly LineItemRecord[];
  readonly splits: readonly SplitRecord[];
}

export interface GenerateDemoCompanyOptions {
  readonly seed?: number;
  /** The last day of history; the caller passes it so that generation never reads the clock. */
  readonly today: PlainDate;
  /** 1 is full size (about 60 account executives, 3,000 accounts, 20,000 opportunities). */
  readonly scale?: number;
}

/**
 * Generates a realistic, self-consistent sales company: a US sales team in four regions, its
 * products, accounts and three years of opportunities (new business, expansions and renewals) with
 * stage history, slipped close dates, products and credit splits. The same seed, today and scale
 * always give the same records; every external id starts with `DEMO-`.
 *
 * @example
 * const company = generateDemoCompany({ seed: 7, today: parsePlainDate('2025-06-30'), scale: 0.05 });
 * company.opportunities[0]?.externalId; // 'DEMO-OPP-000001'
 */
export function generateDemoCompany(options: GenerateDemoCompanyOptions): DemoCompany {
  const scale = options.scale ?? 1;
  if (!(scale > 0 && scale <= 10)) throw new RangeError(`Demo scale ${scale} must be above 0 and at most 10`);
  const random = new SeededRandom(options.seed ?? DEFAULT_DEMO_SEED);
  const todayDay = toEpochDay(options.today);
  const windowStart = addMonths(options.today, -DEMO_HISTORY_MONTHS);
  const windowStartDay = toEpochDay(windowStart);

  // Each part draws from its own stream, so changing how one part is drawn leaves the others as they were.
  const rates = generateDemoCurrencyRates(random.fork('currency_rate'), windowStart, options.today);
  const people = generateDemoPeople(random.fork('person'), todayDay, windowStartDay, scale);
  const accounts = generateDemoAccounts(random.fork('account'), people.sellers, todayDay, windowStartDay, scale);
  const planner = new DemoDealPlanner(random.fork('deal_plan'), windowStartDay, todayDay);
  for (const account of accounts.accounts) planner.planAccount(account);
  const deals = generateDemoOpportunities(random.fork('opportunity'), {
    plans: planner.plans(),
    sellers: people.sellers,
    rates,
    windowStartDay,
    todayDay,
  });

  return {
    corporateCurrency: DEMO_CORPORATE_CURRENCY,
    currencyRates: rates.records,
    people: people.records,
    products: demoProductRecords(),
    accounts: accounts.records,
    opportunities: deals.opportunities,
    history: deals.history,
    lineItems: deals.lineItems,
    splits: deals.splits,
  };
}
