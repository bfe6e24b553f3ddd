import { render } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { vi } from 'vitest';
import { AnalyticsRoutes } from '../analytics-routes.tsx';

/** Shows the router's current address, so a test can read what the URL holds. */
function LocationProbe() {
  const location = useLocation();
  return <output data-testid="location">{`${location.pathname}${location.search}`}</output>;
}

/** The Analytics area at `url`, as the app mounts it. */
export function renderAnalytics(url: string) {
  return render(
    <MemoryRouter initialEntries={[url]}>
      <Routes>
        <Route path="/analytics/*" element={<AnalyticsRoutes />} />
      </Routes>
      <LocationProbe />
    </MemoryRouter>,
  );
}

/** jsdom draws nothing: its canvas answers null, as a browser without canvas support would. */
export function withoutCanvas(): void {
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
}
