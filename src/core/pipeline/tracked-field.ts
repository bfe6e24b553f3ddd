/**
 * The opportunity fields whose every change is kept, so the pipeline can be rebuilt as of any date.
 * Canonical value forms in history rows: stage → stage id, amount → minor units as a decimal integer
 * string, close_date → ISO date, forecast_category → category key, owner → person id.
 */
export const TRACKED_FIELDS = ['stage', 'amount', 'close_date', 'forecast_category', 'owner'] as const;
export type TrackedField = (typeof TRACKED_FIELDS)[number];

export function isTrackedField(value: string): value is TrackedField {
  return (TRACKED_FIELDS as readonly string[]).includes(value);
}
