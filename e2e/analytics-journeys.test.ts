import type { Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiSessionAs } from './testing/api-session.ts';
import { openBrowser, UI_TIMEOUT_MS, watchPageErrors, type TestBrowser } from './testing/browser.ts';
import { useE2eEnvironment } from './testing/e2e-environment.ts';
import { clearFailureScreenshots, FAILURE_PREFIX, saveScreenshot } from './testing/screenshots.ts';
import { signInAs } from './testing/sign-in.ts';

/** A journey opens every analytics page; the slowest (inspection) rebuilds eight weeks of pipeline. */
const JOURNEY_TIMEOUT_MS = 120_000;

/** Charts wait for their data; inspection's trend reads eight weekly pipelines. */
const CHART_TIMEOUT_MS = 30_000;

const poll = { timeout: UI_TIMEOUT_MS, interval: 100 };

interface SummaryTile {
  readonly metric: { readonly id: string };
  readonly current: { readonly display: string; readonly recordCount: number };
}

/** Waits until ECharts has drawn the chart (the wrapper marks its container when 'finished' fires). */
async function chartRendered(page: Page, name: string): Promise<void> {
  await page.locator(`[data-testid="chart-${name}"][data-rendered="true"]`).waitFor({ timeout: CHART_TIMEOUT_MS });
  // A drawn chart is a canvas with pixels, not an empty box.
  const size = await page.locator(`[data-testid="chart-${name}"] canvas`).first().boundingBox();
  expect(size?.width ?? 0).toBeGreaterThan(100);
}

async function openAnalyticsPage(page: Page, label: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Analytics pages' }).getByRole('link', { name: label, exact: true }).click();
}

describe('the Analytics area in a browser', () => {
  const env = useE2eEnvironment();
  let browser: TestBrowser | undefined;

  beforeAll(clearFailureScreenshots);

  afterEach(async ({ task }) => {
    if (browser === undefined) return;
    try {
      if (task.result?.state === 'fail') await saveScreenshot(browser.page, `${FAILURE_PREFIX}${task.name.replaceAll(/[^a-z0-9]+/gi, '-').slice(0, 60)}`);
    } finally {
      await browser.close();
      browser = undefined;
    }
  });

  it(
    'shows ops the KPI tiles the API computes, draws every chart, and opens the deals behind a figure',
    async () => {
      browser = await openBrowser({ baseUrl: env.baseUrl });
      const { page } = browser;
      const errors = watchPageErrors(page);
      await signInAs(page, 'ops');
      // The sign-in page's probe of the session answers 401 by design; count from here.
      const errorsBefore = errors.length;
      // Analytics is the first area: signing in lands on it.
      await page.waitForURL((url) => url.pathname.startsWith('/analytics'));
      await page.getByRole('heading', { level: 1, name: /^Analytics/ }).waitFor();

      const ops = await apiSessionAs(env.baseUrl, 'ops');
      const summary = (await ops.get('/api/metrics/summary')).body as { tiles: SummaryTile[] };
      const bookings = summary.tiles.find((t) => t.metric.id === 'bookings');
      if (bookings === undefined) throw new Error('The summary has no bookings tile');
      const tile = page.getByTestId('kpi-bookings');
      await expect.poll(() => tile.innerText(), { ...poll, timeout: CHART_TIMEOUT_MS }).toContain(bookings.current.display);
      await chartRendered(page, 'bookings-by-month');
      await chartRendered(page, 'pipeline-by-stage');
      await saveScreenshot(page, 'analytics-overview');

      // The figure opens the deals behind it: as many as the API says stand behind it.
      await tile.getByRole('button', { name: /show the \d+ deals behind it/ }).click();
      const dialog = page.getByTestId('drill-down');
      await dialog.waitFor();
      await expect.poll(() => dialog.innerText(), { ...poll, timeout: CHART_TIMEOUT_MS }).toContain(new Intl.NumberFormat('en-US').format(bookings.current.recordCount));
      expect(await dialog.getByRole('link').count()).toBeGreaterThan(0);
      await saveScreenshot(page, 'analytics-drill-down');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      await openAnalyticsPage(page, 'Pipeline');
      await chartRendered(page, 'funnel');
      await chartRendered(page, 'forecast-category-mix');
      await saveScreenshot(page, 'analytics-pipeline');

      await openAnalyticsPage(page, 'Movement');
      await chartRendered(page, 'movement-waterfall');
      await saveScreenshot(page, 'analytics-movement');

      await openAnalyticsPage(page, 'Win rate & cycle');
      await chartRendered(page, 'win-rate-count-by-segment');
      await chartRendered(page, 'cycle-histogram');
      await saveScreenshot(page, 'analytics-win-rate');

      await openAnalyticsPage(page, 'Leaderboards');
      await chartRendered(page, 'leaderboard-bookings');
      await saveScreenshot(page, 'analytics-leaderboards');

      await openAnalyticsPage(page, 'Inspection');
      await chartRendered(page, 'inspection-trend');
      await saveScreenshot(page, 'analytics-inspection');

      await openAnalyticsPage(page, 'Metric explorer');
      await chartRendered(page, 'metric-explorer');

      expect(await page.getByRole('alert').allInnerTexts()).toEqual([]);
      expect(errors.slice(errorsBefore)).toEqual([]);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'keeps the filters in the address and shows a rep only their own numbers',
    async () => {
      browser = await openBrowser({ baseUrl: env.baseUrl });
      const { page } = browser;
      await signInAs(page, 'rep');
      const year = new Date().getUTCFullYear();
      const query = `from=${year - 1}-01-01&to=${year}-12-31&currency=EUR`;
      await page.goto(`/analytics?period=custom&${query}`);
      const rep = await apiSessionAs(env.baseUrl, 'rep');
      const ops = await apiSessionAs(env.baseUrl, 'ops');
      const own = ((await rep.get(`/api/metrics/summary?${query}`)).body as { tiles: SummaryTile[] }).tiles.find((t) => t.metric.id === 'bookings');
      const everyone = ((await ops.get(`/api/metrics/summary?${query}`)).body as { tiles: SummaryTile[] }).tiles.find((t) => t.metric.id === 'bookings');
      expect(own?.current.display).not.toEqual(everyone?.current.display);
      await expect.poll(() => page.getByTestId('kpi-bookings').innerText(), { ...poll, timeout: CHART_TIMEOUT_MS }).toContain(own?.current.display ?? '?');
      // The currency chosen in the address shows in the filter bar, and survives a move to another page.
      expect(await page.getByLabel('Currency').inputValue()).toBe('EUR');
      await openAnalyticsPage(page, 'Leaderboards');
      await page.waitForURL((url) => url.searchParams.get('currency') === 'EUR' && url.pathname === '/analytics/leaderboards');
      await chartRendered(page, 'leaderboard-bookings');
      await saveScreenshot(page, 'analytics-rep-leaderboards');
    },
    JOURNEY_TIMEOUT_MS,
  );
});
