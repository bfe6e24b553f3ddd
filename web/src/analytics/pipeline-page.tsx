import { FunnelCard } from './funnel-card.tsx';
import { MetricCard } from './metric-card.tsx';

/** The open pipeline by stage, the conversion funnel and the forecast category mix. */
export function PipelinePage() {
  return (
    <div className="analytics-page chart-grid">
      <MetricCard
        name="pipeline-by-stage"
        metricId="open_pipeline"
        by="stage"
        title="Open pipeline by stage"
        description="Open deals closing in the period, by the stage they stood in on the as-of date."
        emptyMessage="No open deals close in this period."
        horizontal
      />
      <FunnelCard />
      <MetricCard
        name="forecast-category-mix"
        metricId="forecast_category_mix"
        by="forecast_category"
        title="Forecast category mix"
        description="How the open pipeline divides among the forecast categories."
        emptyMessage="No open deals close in this period."
      />
    </div>
  );
}
