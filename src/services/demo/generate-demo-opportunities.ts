import type {
  LineItemRecord,
  OpportunityHistoryRecord,
  OpportunityRecord,
  SplitRecord,
} from '../../import/records.ts';
import {
  NEW_BUSINESS_PROCESS,
  RENEWAL_PROCESS,
  RENEWAL_STAGES,
  SALESFORCE_DEFAULT_STAGES,
} from '../../core/pipeline/default-processes.ts';
import { currencyExponent, type CurrencyCode } from '../../core/shared/currency.ts';
import { money, type Money } from '../../core/shared/money.ts';
import { fromEpochDay } from '../../core/shared/plain-date.ts';
import { buildDealHistory, chooseStagePath } from './build-deal-history.ts';
import { buildDealLineItems } from './build-deal-line-items.ts';
import { buildDealSplits } from './build-deal-splits.ts';
import { demoExternalId } from './demo-external-id.ts';
import type { DemoCurrencyRates } from './generate-demo-currency-rates.ts';
import type { DemoSeller } from './generate-demo-people.ts';
import type { DemoDealPlan, DemoDealType } from './plan-demo-deals.ts';
import type { SeededRandom } from './seeded-random.ts';
import type { DemoRegion } from './us-states.ts';

export interface DemoDeals {
  readonly opportunities: readonly OpportunityRecord[];
  readonly history: readonly OpportunityHistoryRecord[];
  readonly lineItems: readonly LineItemRecord[];
  readonly splits: readonly SplitRecord[];
}

export interface DemoDealsInput {
  readonly plans: readonly DemoDealPlan[];
  readonly sellers: readonly DemoSeller[];
  readonly rates: DemoCurrencyRates;
  readonly windowStartDay: number;
  readonly todayDay: number;
}

const TYPE_ORDER: Readonly<Record<DemoDealType, number>> = { 'New Business': 0, Expansion: 1, Renewal: 2 };

const DEAL_TITLES: Readonly<Record<Exclude<DemoDealType, 'Renewal'>, readonly string[]>> = {
  'New Business': ['Core Platform', 'Platform Rollout', 'Team Rollout', 'Company-wide Rollout', 'Analytics Pilot', 'Pilot'],
  Expansion: ['Additional Seats', 'Analytics Add-on', 'Automation Add-on', 'Integration Pack', 'Premium Support', 'New Department'],
};

const NEW_BUSINESS_LEAD_SOURCES: readonly (readonly [string | null, number])[] = [
  ['Outbound', 30], ['Web', 22], ['Referral', 10], ['Partner', 12], ['Trade Show', 8], ['Webinar', 8], ['Inbound Call', 6], [null, 4],
];

const NEXT_STEPS = [
  'Schedule discovery call', 'Send proposal', 'Demo for the operations team', 'Security review with IT',
  'Confirm budget with finance', 'Legal redlines on the order form', 'Procurement onboarding',
  'Follow up after pricing call', 'Executive sponsor meeting', 'Send renewal quote', 'Reference call with a customer',
] as const;

/**
 * A deal's amount in its own currency: the US-dollar size times the month's rate, rounded once to
 * whole hundreds of the currency (deals are priced in round numbers), then expressed in minor units.
 */
function dealAmount(sizeUsd: number, currency: CurrencyCode, rate: number): Money {
  const hundreds = Math.max(1, Math.round((sizeUsd * rate) / 100));
  return money(hundreds * 100 * 10 ** currencyExponent(currency), currency);
}

function employedOn(seller: DemoSeller, day: number): boolean {
  return seller.hiredDay <= day && (seller.leftDay === null || seller.leftDay >= day);
}

/**
 * Turns deal plans into opportunities with their history, products and splits. Opportunities are
 * numbered in order of creation. The owner is the account's owner when they were already employed;
 * otherwise an account executive of the region who was employed throughout the deal (a deal still
 * open today always has a current employee); failing both, the account's owner took it over.
 */
export function generateDemoOpportunities(random: SeededRandom, input: DemoDealsInput): DemoDeals {
  const { todayDay } = input;
  const plans = [...input.plans].sort(
    (a, b) =>
      a.createdDay - b.createdDay ||
      a.account.externalId.localeCompare(b.account.externalId) ||
      TYPE_ORDER[a.type] - TYPE_ORDER[b.type] ||
      a.closeDay - b.closeDay,
  );
  const executivesByRegion = new Map<DemoRegion, DemoSeller[]>();
  const engineerByRegion = new Map<DemoRegion, DemoSeller>();
  for (const seller of input.sellers) {
    if (seller.region === null) continue;
    if (seller.role === 'account_executive') {
      executivesByRegion.set(seller.region, [...(executivesByRegion.get(seller.region) ?? []), seller]);
    } else if (seller.role === 'solutions_engineer') {
      engineerByRegion.set(seller.region, seller);
    }
  }
  const legacyRetiredDay = input.windowStartDay + 365;

  const opportunities: OpportunityRecord[] = [];
  const history: OpportunityHistoryRecord[] = [];
  const lineItems: LineItemRecord[] = [];
  const splits: SplitRecord[] = [];

  plans.forEach((plan, index) => {
    const externalId = demoExternalId('opportunity', index + 1);
    const { account, type, createdDay, closeDay, outcome } = plan;
    const busyUntil = outcome === 'open' ? todayDay : closeDay;
    const regionExecutives = executivesByRegion.get(account.region) ?? [];
    const available = regionExecutives.filter(
      (s) => employedOn(s, createdDay) && employedOn(s, busyUntil) && (outcome !== 'open' || s.leftDay === null),
    );
    const accountOwner = available.find((s) => s.externalId === account.ownerId);
    const ownerId = accountOwner?.externalId ?? (available.length > 0 ? random.pick(available).externalId : account.ownerId);

    const isRenewal = type === 'Renewal';
    const stages = isRenewal ? RENEWAL_STAGES : SALESFORCE_DEFAULT_STAGES;
    const progress = outcome === 'open' ? (todayDay - createdDay) / Math.max(1, closeDay - createdDay) : 1;
    const path = chooseStagePath(random, stages, outcome, progress);
    const stage = path[path.length - 1];
    if (stage === undefined) throw new RangeError('Empty stage path');
    const amount = dealAmount(plan.sizeUsd, account.currency, input.rates.approximateRate(account.currency, fromEpochDay(createdDay)));
    const closeDate = fromEpochDay(closeDay);

    opportunities.push({
      externalId,
      name: `${account.name} - ${isRenewal ? `Renewal ${closeDate.slice(0, 4)}` : random.pick(DEAL_TITLES[type])}`,
      accountRef: { externalId: account.externalId },
      ownerRef: { externalId: ownerId },
      processName: isRenewal ? RENEWAL_PROCESS : NEW_BUSINESS_PROCESS,
      stageName: stage.name,
      amount,
      currency: account.currency,
      closeDate,
      createdDate: fromEpochDay(createdDay),
      type,
      leadSource: type === 'New Business' ? random.weighted(NEW_BUSINESS_LEAD_SOURCES) : random.chance(0.8) ? 'Existing Customer' : null,
      nextStep: outcome === 'open' && random.chance(0.65) ? random.pick(NEXT_STEPS) : null,
      // Explicit, as in a CRM export; always the stage's own category and probability.
      forecastCategory: stage.forecastCategory,
      probabilityBps: stage.probabilityBps,
    });

    const dealHistory = buildDealHistory(random, {
      opportunityExternalId: externalId,
      path,
      outcome,
      createdDay,
      closeDay,
      amount,
      todayDay,
      pushChance: isRenewal ? 0.2 : account.segment === 'Enterprise' ? 0.32 : 0.25,
    });
    for (const row of dealHistory.rows) {
      history.push({ ...row, externalId: demoExternalId('history', history.length + 1) });
    }

    if (random.chance(0.65)) {
      const items = buildDealLineItems(random, {
        opportunityExternalId: externalId,
        type,
        segment: account.segment,
        amount,
        beforeLegacyRetired: createdDay < legacyRetiredDay,
      });
      for (const item of items) lineItems.push({ ...item, externalId: demoExternalId('lineItem', lineItems.length + 1) });
    }

    const engineer = engineerByRegion.get(account.region);
    const dealSplits = buildDealSplits(random, {
      opportunityExternalId: externalId,
      type,
      segment: account.segment,
      ownerId,
      coSellerIds: available.map((s) => s.externalId),
      solutionsEngineerId: engineer !== undefined && employedOn(engineer, createdDay) ? engineer.externalId : null,
    });
    for (const split of dealSplits) splits.push({ ...split, externalId: demoExternalId('split', splits.length + 1) });
  });

  return { opportunities, history, lineItems, splits };
}
