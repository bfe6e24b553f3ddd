import type { ProductRecord } from '../../import/records.ts';
import { demoExternalId } from './demo-external-id.ts';

export type DemoProductFamily = 'Platform' | 'Integrations' | 'Services';

export interface DemoProduct {
  readonly externalId: string;
  readonly name: string;
  readonly code: string;
  readonly family: DemoProductFamily;
  readonly active: boolean;
  /** Sold per seat (quantity = seats) rather than as a single unit. */
  readonly perSeat: boolean;
  /** Relative weight of the product in a deal's value when it shares the deal with others. */
  readonly valueWeight: number;
}

const product = (
  sequence: number,
  name: string,
  code: string,
  family: DemoProductFamily,
  perSeat: boolean,
  valueWeight: number,
  active = true,
): DemoProduct => ({ externalId: demoExternalId('product', sequence), name, code, family, active, perSeat, valueWeight });

/** Ten products in three families; one is retired (inactive) but still appears on older deals. */
export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  product(1, 'Core Platform - Standard', 'DEMO-PLT-STD', 'Platform', true, 60),
  product(2, 'Core Platform - Enterprise', 'DEMO-PLT-ENT', 'Platform', true, 70),
  product(3, 'Analytics Add-on', 'DEMO-PLT-ANL', 'Platform', true, 20),
  product(4, 'Workflow Automation Add-on', 'DEMO-PLT-WFA', 'Platform', true, 18),
  product(5, 'Data Connector Pack', 'DEMO-INT-DCP', 'Integrations', false, 12),
  product(6, 'API Access', 'DEMO-INT-API', 'Integrations', false, 8),
  product(7, 'Legacy Connector', 'DEMO-INT-LEG', 'Integrations', false, 6, false),
  product(8, 'Onboarding Package', 'DEMO-SVC-ONB', 'Services', false, 10),
  product(9, 'Premium Support', 'DEMO-SVC-SUP', 'Services', false, 12),
  product(10, 'Training Day', 'DEMO-SVC-TRN', 'Services', true, 5),
];

export function demoProductRecords(): ProductRecord[] {
  return DEMO_PRODUCTS.map(({ externalId, name, code, family, active }) => ({ externalId, name, code, family, active }));
}
