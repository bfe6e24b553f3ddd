import { CycleHistogramCard } from './cycle-histogram-card.tsx';
import { MetricCard } from './metric-card.tsx';

/** Win rate by count and by value, the median sales cycle by segment, and the cycle histogram. */
export function WinRatePage() {
  return (
    <div className="analytics-page chart-grid">
      <MetricCard
        name="win-rate-count-by-segment"
        metricId="win_rate_count"
        by="segment"
        title="Win rate by segment (count)"
        description="Won deals among those won or lost in the period."
        emptyMessage="No deals closed (won or lost) in this period."
      />
      <MetricCard
        name="win-rate-value-by-segment"
        metricId="win_rate_value"
        by="segment"
        title="Win rate by segment (value)"
        description="Won amount among the amount won or lost in the period."
        emptyMessage="No deals closed (won or lost) in this period."
      />
      <MetricCard
        name="sales-cycle-by-segment"
        metricId="sales_cycle_median_days"
        by="segment"
        title="Sales cycle by segment (median)"
        description="Days from creation to close of the deals won in the period."
        emptyMessage="No deals closed won in this period."
      />
      <CycleHistogramCard />
    </div>
  );
}
