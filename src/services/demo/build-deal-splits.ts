import type { SplitRecord } from '../../import/records.ts';
import type { DemoSegment } from './generate-demo-accounts.ts';
import type { DemoDealType } from './plan-demo-deals.ts';
import type { SeededRandom } from './seeded-random.ts';

export interface DealSplitsInput {
  readonly opportunityExternalId: string;
  readonly type: DemoDealType;
  readonly segment: DemoSegment;
  readonly ownerId: string;
  /** Account executives who could have co-sold the deal (same region, employed at the time). */
  readonly coSellerIds: readonly string[];
  /** The region's solutions engineer, if employed when the deal was created. */
  readonly solutionsEngineerId: string | null;
}

const FULL_SHARE_BPS = 10_000;

/**
 * Credit splits. Some larger new-business and expansion deals were co-sold by two account
 * executives (50/50, or 60/40 to the owner) and many had a solutions engineer as an overlay. When a
 * deal has any split, its revenue splits are all listed and sum to 100 %, the way a CRM records the
 * owner's default 100 % split; overlays are credited on top and may take the total above 100 %.
 */
export function buildDealSplits(random: SeededRandom, input: DealSplitsInput): Omit<SplitRecord, 'externalId'>[] {
  if (input.type === 'Renewal' || input.segment === 'SMB') return [];
  const opportunityRef = { externalId: input.opportunityExternalId };
  const candidates = input.coSellerIds.filter((id) => id !== input.ownerId);
  const coSeller = candidates.length > 0 && random.chance(0.12) ? random.pick(candidates) : null;
  const overlay = input.solutionsEngineerId !== null && random.chance(input.segment === 'Enterprise' ? 0.5 : 0.2)
    ? input.solutionsEngineerId
    : null;
  if (coSeller === null && overlay === null) return [];

  const splits: Omit<SplitRecord, 'externalId'>[] = [];
  if (coSeller === null) {
    splits.push({ opportunityRef, personRef: { externalId: input.ownerId }, splitType: 'revenue', percentBps: FULL_SHARE_BPS });
  } else {
    const ownerBps = random.chance(0.5) ? 5000 : 6000;
    splits.push(
      { opportunityRef, personRef: { externalId: input.ownerId }, splitType: 'revenue', percentBps: ownerBps },
      { opportunityRef, personRef: { externalId: coSeller }, splitType: 'revenue', percentBps: FULL_SHARE_BPS - ownerBps },
    );
  }
  if (overlay !== null) {
    splits.push({ opportunityRef, personRef: { externalId: overlay }, splitType: 'overlay', percentBps: FULL_SHARE_BPS });
  }
  return splits;
}
