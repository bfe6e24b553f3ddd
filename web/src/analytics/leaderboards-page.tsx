import { MetricCard } from './metric-card.tsx';

/** How many owners each leaderboard's chart shows; its table ranks them all. */
const CHART_LIMIT = 15;

/** Owners ranked by bookings, win rate and pipeline created. */
export function LeaderboardsPage() {
  return (
    <div className="analytics-page chart-grid">
      <MetricCard
        name="leaderboard-bookings"
        metricId="bookings"
        by="owner"
        title="Bookings by owner"
        description={`Closed-won amounts in the period; the chart shows the top ${CHART_LIMIT}.`}
        emptyMessage="No deals closed won in this period."
        horizontal
        ranked
        chartLimit={CHART_LIMIT}
      />
      <MetricCard
        name="leaderboard-win-rate"
        metricId="win_rate_count"
        by="owner"
        title="Win rate by owner"
        description={`Won deals among those won or lost in the period; the chart shows the top ${CHART_LIMIT}.`}
        emptyMessage="No deals closed (won or lost) in this period."
        horizontal
        ranked
        chartLimit={CHART_LIMIT}
      />
      <MetricCard
        name="leaderboard-pipeline-created"
        metricId="pipeline_created"
        by="owner"
        title="Pipeline created by owner"
        description={`Amounts of the deals created in the period; the chart shows the top ${CHART_LIMIT}.`}
        emptyMessage="No deals were created in this period."
        horizontal
        ranked
        chartLimit={CHART_LIMIT}
      />
    </div>
  );
}
