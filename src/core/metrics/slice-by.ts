import type { MetricOpportunity } from './metric-input.ts';

/** The built-in dimensions a metric can be cut by. */
export type SliceDimension = 'owner' | 'type' | 'lead_source' | 'forecast_category' | 'stage';

/** Key under which deals with no value for the dimension (no type, no lead source) are grouped. */
export const NO_VALUE_KEY = '';

export interface Slice {
  readonly key: string;
  readonly opportunities: readonly MetricOpportunity[];
}

const KEY_OF: Readonly<Record<SliceDimension, (o: MetricOpportunity) => string>> = {
  owner: (o) => o.ownerId,
  type: (o) => o.type ?? NO_VALUE_KEY,
  lead_source: (o) => o.leadSource ?? NO_VALUE_KEY,
  forecast_category: (o) => o.forecastCategory,
  stage: (o) => o.stageId,
};

/**
 * Groups deals by a dimension or any key function, one slice per distinct key, slices sorted by
 * key (code-unit order, so the result is the same on every machine and for every input order).
 * Every deal lands in exactly one slice, so any additive metric (bookings, pipeline, counts)
 * computed per slice sums to the metric over the whole.
 */
export function sliceBy(
  opportunities: readonly MetricOpportunity[],
  key: SliceDimension | ((opportunity: MetricOpportunity) => string),
): Slice[] {
  const keyOf = typeof key === 'function' ? key : KEY_OF[key];
  const groups = new Map<string, MetricOpportunity[]>();
  for (const opportunity of opportunities) {
    const k = keyOf(opportunity);
    const group = groups.get(k) ?? [];
    group.push(opportunity);
    groups.set(k, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, group]) => ({ key: k, opportunities: group }));
}
