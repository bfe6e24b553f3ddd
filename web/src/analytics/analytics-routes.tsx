import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../shell/not-found-page.tsx';
import { AnalyticsLayout } from './analytics-layout.tsx';
import { InspectionPage } from './inspection-page.tsx';
import { LeaderboardsPage } from './leaderboards-page.tsx';
import { MetricExplorerPage } from './metric-explorer-page.tsx';
import { MovementPage } from './movement-page.tsx';
import { OverviewPage } from './overview-page.tsx';
import { PipelinePage } from './pipeline-page.tsx';
import { WinRatePage } from './win-rate-page.tsx';

/** The Analytics area, mounted at /analytics/*: every page shares the layout's filters. */
export function AnalyticsRoutes() {
  return (
    <Routes>
      <Route element={<AnalyticsLayout />}>
        <Route index element={<OverviewPage />} />
        <Route path="pipeline" element={<PipelinePage />} />
        <Route path="movement" element={<MovementPage />} />
        <Route path="win-rate" element={<WinRatePage />} />
        <Route path="leaderboards" element={<LeaderboardsPage />} />
        <Route path="inspection" element={<InspectionPage />} />
        <Route path="explorer" element={<MetricExplorerPage />} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
