/** What a metric's value measures: money is integer minor units of the caller's one currency. */
export type MetricUnit = 'money' | 'count' | 'ratio' | 'days' | 'money_per_day';

/** Which way a change is good news, so a dashboard can colour a trend without knowing the metric. */
export type MetricDirection = 'higher_is_better' | 'lower_is_better' | 'neutral';

/** One entry of the catalogue: the words a report shows beside a figure, and how it is computed. */
export interface MetricDefinition {
  /** Stable snake_case id, used by reports and (later) the API. */
  readonly id: string;
  readonly name: string;
  /** The formula in words, with the rule for which opportunities count. */
  readonly formula: string;
  readonly unit: MetricUnit;
  readonly direction: MetricDirection;
  readonly description: string;
}
