import type { MetricDefinition } from './metric-definition.ts';

const DEFINITIONS: readonly MetricDefinition[] = [
  {
    id: 'bookings',
    name: 'Bookings',
    formula: 'Σ amount of won deals whose close date is in the period',
    unit: 'money',
    direction: 'higher_is_better',
    description: 'Closed-won business, counted on its close date (calculateBookings).',
  },
  {
    id: 'pipeline_created',
    name: 'Pipeline created',
    formula: 'Σ amount of deals created in the period, whatever their state now',
    unit: 'money',
    direction: 'higher_is_better',
    description: 'New pipeline generated in the period (calculatePipelineCreated).',
  },
  {
    id: 'open_pipeline',
    name: 'Open pipeline',
    formula: 'Σ amount of deals open at the as-of date whose close date is in the period',
    unit: 'money',
    direction: 'higher_is_better',
    description: 'What is still to play for in the period (calculateOpenPipeline).',
  },
  {
    id: 'weighted_pipeline',
    name: 'Weighted pipeline',
    formula: 'Σ over open pipeline of amount × probability, each deal rounded half-up to the minor unit',
    unit: 'money',
    direction: 'higher_is_better',
    description: 'Open pipeline discounted by each deal\'s chance of winning (calculateWeightedPipeline).',
  },
  {
    id: 'coverage',
    name: 'Pipeline coverage',
    formula: 'open pipeline ÷ (target − bookings so far in the period); none when the target is met',
    unit: 'ratio',
    direction: 'higher_is_better',
    description: 'How many times the open pipeline covers the target still to close; 3x is a common rule of thumb (calculateCoverage).',
  },
  {
    id: 'win_rate_count',
    name: 'Win rate (count)',
    formula: 'won ÷ (won + lost) among deals closed in the period; none when none closed',
    unit: 'ratio',
    direction: 'higher_is_better',
    description: 'Share of decided deals that were won (calculateWinRate, byCount).',
  },
  {
    id: 'win_rate_value',
    name: 'Win rate (value)',
    formula: 'won amount ÷ (won + lost) amount among deals closed in the period',
    unit: 'ratio',
    direction: 'higher_is_better',
    description: 'Share of decided value that was won (calculateWinRate, byValue).',
  },
  {
    id: 'average_deal_size',
    name: 'Average deal size',
    formula: 'bookings ÷ number of won deals with an amount, rounded half-up to the minor unit',
    unit: 'money',
    direction: 'higher_is_better',
    description: 'Typical size of a won deal in the period (calculateAverageDealSize).',
  },
  {
    id: 'sales_cycle_median_days',
    name: 'Sales cycle (median)',
    formula: 'median of days from created to closed over won deals closed in the period',
    unit: 'days',
    direction: 'lower_is_better',
    description: 'Middle length of a winning sale; with an even count the mean of the two middle values (calculateSalesCycle).',
  },
  {
    id: 'sales_cycle_mean_days',
    name: 'Sales cycle (mean)',
    formula: 'mean of days from created to closed over won deals closed in the period',
    unit: 'days',
    direction: 'lower_is_better',
    description: 'Average length of a winning sale (calculateSalesCycle).',
  },
  {
    id: 'sales_velocity',
    name: 'Sales velocity',
    formula: 'open deals × win rate (count) × average deal size ÷ mean sales cycle in days',
    unit: 'money_per_day',
    direction: 'higher_is_better',
    description: 'How much money the pipeline turns into per day (calculateSalesVelocity).',
  },
  {
    id: 'stage_conversion',
    name: 'Stage conversion',
    formula: 'of deals entering a stage in the period, the share that later entered a later stage',
    unit: 'ratio',
    direction: 'higher_is_better',
    description: 'Where deals stall in the sales process (calculateStageConversion).',
  },
  {
    id: 'time_in_stage',
    name: 'Time in stage',
    formula: 'days from entering a stage to entering the next, over stays that ended in the period',
    unit: 'days',
    direction: 'lower_is_better',
    description: 'How long deals sit in each stage (calculateTimeInStage).',
  },
  {
    id: 'slippage_count',
    name: 'Slipped deals',
    formula: 'open deals whose close date moved later at least once, dated on or after the period start',
    unit: 'count',
    direction: 'lower_is_better',
    description: 'Deals pushed out (calculateSlippage, count).',
  },
  {
    id: 'slippage_amount',
    name: 'Slipped amount',
    formula: 'Σ pushed amount (or amount) of the slipped deals',
    unit: 'money',
    direction: 'lower_is_better',
    description: 'Value pushed out (calculateSlippage, amountMinor).',
  },
  {
    id: 'forecast_category_mix',
    name: 'Forecast category mix',
    formula: 'count and amount of open pipeline per forecast category, shares in basis points summing to 10000',
    unit: 'money',
    direction: 'neutral',
    description: 'How the open pipeline divides among Pipeline, Best Case, Commit and Omitted (calculateForecastCategoryMix).',
  },
  {
    id: 'type_mix',
    name: 'Type mix',
    formula: 'count and amount of bookings per opportunity type, shares in basis points summing to 10000',
    unit: 'money',
    direction: 'neutral',
    description: 'New business against renewals and expansion (calculateTypeMix).',
  },
  {
    id: 'lead_source_mix',
    name: 'Lead source mix',
    formula: 'count and amount of pipeline created per lead source, shares in basis points summing to 10000',
    unit: 'money',
    direction: 'neutral',
    description: 'Where new pipeline comes from (calculateLeadSourceMix).',
  },
];

/**
 * Every sales metric salesops computes, with the rule the code applies (see the named function).
 * Money metrics are in the caller's one currency, converted with dated rates before computing.
 */
export const METRICS: readonly MetricDefinition[] = Object.freeze(DEFINITIONS.map((m) => Object.freeze({ ...m })));

/** The catalogue entry with this id, or undefined when there is none. */
export function metricById(id: string): MetricDefinition | undefined {
  return METRICS.find((m) => m.id === id);
}
