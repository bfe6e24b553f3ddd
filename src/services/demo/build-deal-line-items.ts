import type { LineItemRecord } from '../../import/records.ts';
import { allocateMoney, money, type Money } from '../../core/shared/money.ts';
import { DEMO_PRODUCTS, type DemoProduct } from './demo-products.ts';
import type { DemoSegment } from './generate-demo-accounts.ts';
import type { DemoDealType } from './plan-demo-deals.ts';
import type { SeededRandom } from './seeded-random.ts';

export interface DealLineItemsInput {
  readonly opportunityExternalId: string;
  readonly type: DemoDealType;
  readonly segment: DemoSegment;
  readonly amount: Money;
  /** Deals from the first year may still carry the retired Legacy Connector. */
  readonly beforeLegacyRetired: boolean;
}

const SEAT_COUNTS = [1000, 500, 250, 200, 150, 100, 75, 50, 40, 25, 20, 10, 5, 4, 2] as const;
const MAX_SEATS: Readonly<Record<DemoSegment, number>> = { SMB: 50, 'Mid-Market': 250, Enterprise: 1000 };
/** A seat is never priced below ten dollars (1,000 cents). */
const MIN_SEAT_PRICE_MINOR = 1000;

function productByCode(code: string): DemoProduct {
  const found = DEMO_PRODUCTS.find((p) => p.code === code);
  if (found === undefined) throw new RangeError(`No demo product ${code}`);
  return found;
}

function chooseProducts(random: SeededRandom, input: DealLineItemsInput): DemoProduct[] {
  const platform = productByCode(input.segment === 'Enterprise' ? 'DEMO-PLT-ENT' : 'DEMO-PLT-STD');
  const extras = DEMO_PRODUCTS.filter(
    (p) => p.family !== 'Platform' && (p.active || input.beforeLegacyRetired),
  );
  const addOns = DEMO_PRODUCTS.filter((p) => p.family === 'Platform' && p !== platform && p.code !== 'DEMO-PLT-ENT' && p.code !== 'DEMO-PLT-STD');
  switch (input.type) {
    case 'New Business':
      return [platform, ...random.shuffle(extras).slice(0, random.int(0, 2))];
    case 'Expansion':
      return random.shuffle([platform, ...addOns, ...extras]).slice(0, random.int(1, 2));
    case 'Renewal':
      return random.chance(0.4) ? [platform, productByCode('DEMO-SVC-SUP')] : [platform];
  }
}

/**
 * The products on a deal (one to three), whose totals always add up to the deal's amount exactly:
 * the amount is split by the products' value weights with the largest-remainder rule. Seats are
 * the largest count that divides a line's total evenly, so quantity x unit price equals the total.
 */
export function buildDealLineItems(random: SeededRandom, input: DealLineItemsInput): Omit<LineItemRecord, 'externalId'>[] {
  const products = chooseProducts(random, input);
  const weights = products.map((p) => Math.max(1, Math.round(p.valueWeight * random.between(70, 130))));
  const totals = allocateMoney(input.amount, weights);
  return products.map((product, index) => {
    const total = totals[index] ?? money(0, input.amount.currency);
    const maxSeats = Math.max(2, Math.round(MAX_SEATS[input.segment] * random.between(0.2, 1)));
    const seats = product.perSeat
      ? SEAT_COUNTS.find((n) => n <= maxSeats && total.minor % n === 0 && total.minor / n >= MIN_SEAT_PRICE_MINOR) ?? 1
      : 1;
    return {
      opportunityRef: { externalId: input.opportunityExternalId },
      productRef: { externalId: product.externalId },
      quantity: String(seats),
      unitPrice: money(total.minor / seats, total.currency),
      totalPrice: total,
    };
  });
}
