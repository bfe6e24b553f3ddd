import type { PipelineMovementView } from '../../../src/contracts/metrics.ts';

export type MovementAmounts = PipelineMovementView['total'];
export type MovementBucket = Exclude<keyof MovementAmounts, 'starting' | 'ending'>;
/** What a waterfall step drills down to: a bucket, or the pipeline at either end. */
export type MovementDrill = MovementBucket | 'starting' | 'ending';

export interface WaterfallStep {
  readonly id: keyof MovementAmounts;
  readonly label: string;
  /** What a drill-down lists: the bucket's deals, or the pipeline at the start or the end. */
  readonly bucket: MovementDrill | null;
  /** Signed effect on the pipeline, in minor units: outflows negative, totals their own value. */
  readonly delta: number;
  /** The running pipeline before and after this step (a total runs from 0). */
  readonly before: number;
  readonly after: number;
  readonly kind: 'total' | 'increase' | 'decrease';
}

/**
 * The buckets in waterfall order and the sign each enters the identity with:
 * ending = starting + created + pulledIn + restored − pushedOut ± amountChanged − won − lost − removed.
 */
export const MOVEMENT_BUCKETS: readonly { readonly id: MovementBucket; readonly label: string; readonly sign: 1 | -1 }[] = [
  { id: 'created', label: 'Created', sign: 1 },
  { id: 'pulledIn', label: 'Pulled in', sign: 1 },
  { id: 'restored', label: 'Restored', sign: 1 },
  { id: 'pushedOut', label: 'Pushed out', sign: -1 },
  { id: 'amountChanged', label: 'Amount changes', sign: 1 },
  { id: 'won', label: 'Won', sign: -1 },
  { id: 'lost', label: 'Lost', sign: -1 },
  { id: 'removed', label: 'Removed', sign: -1 },
];

/** The waterfall of a movement: starting, each bucket as a rise or a fall, ending. */
export function waterfallSteps(amounts: MovementAmounts): WaterfallStep[] {
  const steps: WaterfallStep[] = [{ id: 'starting', label: 'Starting', bucket: 'starting', delta: amounts.starting, before: 0, after: amounts.starting, kind: 'total' }];
  let running = amounts.starting;
  for (const bucket of MOVEMENT_BUCKETS) {
    const delta = bucket.sign * amounts[bucket.id];
    steps.push({ id: bucket.id, label: bucket.label, bucket: bucket.id, delta, before: running, after: running + delta, kind: delta < 0 ? 'decrease' : 'increase' });
    running += delta;
  }
  steps.push({ id: 'ending', label: 'Ending', bucket: 'ending', delta: amounts.ending, before: 0, after: amounts.ending, kind: 'total' });
  return steps;
}
