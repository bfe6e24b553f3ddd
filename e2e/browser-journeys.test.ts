import { basename } from 'node:path';
import type { Locator } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { apiSessionAs } from './testing/api-session.ts';
import { columnTexts, openFromNavigation, settled } from './testing/app-pages.ts';
import { openBrowser, UI_TIMEOUT_MS, watchPageErrors, type TestBrowser } from './testing/browser.ts';
import { useE2eEnvironment } from './testing/e2e-environment.ts';
import { countOpportunitiesOwnedBy, opportunityOwnedByOther, userByEmail } from './testing/read-database.ts';
import { clearFailureScreenshots, FAILURE_PREFIX, saveScreenshot } from './testing/screenshots.ts';
import { writeSalesforceExport } from './testing/salesforce-export.ts';
import { demoCredentials, openSignInPage, signInAs } from './testing/sign-in.ts';

/**
 * What the web app announces for a record that is missing or out of reach, the two never told
 * apart (NOT_FOUND_MESSAGE in web/src/components/error-state.tsx).
 */
const NOT_FOUND_MESSAGE = /^Not found — it does not exist or you do not have access\.?$/;

/** A journey clicks through several pages, uploads files and waits for two import jobs. */
const JOURNEY_TIMEOUT_MS = 60_000;

/** An import job of a few rows finishes in well under a second; the queue polls, the page polls. */
const IMPORT_JOB_TIMEOUT_MS = 20_000;

const poll = { timeout: UI_TIMEOUT_MS, interval: 100 };

/** The figure an import result shows under `label` (Rows read, Inserted, Rejected…). */
async function resultFigure(outcome: Locator, label: string): Promise<string> {
  const term = outcome.getByRole('term').filter({ hasText: new RegExp(`^${label}$`) });
  return (await term.locator('xpath=following-sibling::dd[1]').innerText()).trim();
}

describe('salesops in a browser', () => {
  const env = useE2eEnvironment();
  let browser: TestBrowser | undefined;

  async function openApp(): Promise<TestBrowser> {
    browser = await openBrowser({ baseUrl: env.baseUrl });
    return browser;
  }

  beforeAll(clearFailureScreenshots);

  afterEach(async ({ task }) => {
    if (browser === undefined) return;
    try {
      // What the page showed when a journey failed, beside the journeys' own screenshots.
      if (task.result?.state === 'fail') await saveScreenshot(browser.page, `${FAILURE_PREFIX}${task.name.replaceAll(/[^a-z0-9]+/gi, '-').slice(0, 60)}`);
    } finally {
      await browser.close();
      browser = undefined;
    }
  });

  it(
    'lets ops import a Salesforce export, find an imported opportunity with its stage history, and sign out',
    async () => {
      const { page } = await openApp();
      const exported = writeSalesforceExport(env.folder);
      await openSignInPage(page);
      await saveScreenshot(page, 'sign-in');
      await signInAs(page, 'ops');

      await openFromNavigation(page, 'Import');
      await page.getByTestId('import-file-input').setInputFiles([...exported.files]);
      // Each uploaded file gets its own preview, headed by its name.
      for (const file of exported.files) await page.getByRole('heading', { level: 3, name: basename(file), exact: true }).waitFor();

      const result = page.getByTestId('import-result');
      await page.getByTestId('import-dry-run').click();
      await expect.poll(() => result.getByText('Dry run — nothing written').count(), poll).toBe(exported.files.length);

      await page.getByTestId('import-commit').click();
      await expect.poll(() => result.getByText('Imported', { exact: true }).count(), { ...poll, timeout: IMPORT_JOB_TIMEOUT_MS }).toBe(exported.files.length);
      expect(await page.getByTestId('import-progress').getAttribute('aria-valuenow')).toBe('100');
      for (const [file, rows] of Object.entries(exported.rowsByFile)) {
        const outcome = result.getByRole('article').filter({ has: page.getByRole('heading', { name: file, exact: true }) });
        const figures = { file, inserted: await resultFigure(outcome, 'Inserted'), rejected: await resultFigure(outcome, 'Rejected') };
        expect(figures).toEqual({ file, inserted: String(rows), rejected: '0' });
      }
      await saveScreenshot(page, 'import-result');

      await openFromNavigation(page, 'Opportunities');
      await page.getByRole('searchbox', { name: 'Search' }).fill(exported.searchWord);
      const table = page.getByRole('table', { name: 'Opportunities', exact: true });
      // The rows change only once the search's answer arrives: wait for them to become the matches.
      const matches = exported.opportunityNames.filter((name) => name.includes(exported.searchWord)).sort();
      await expect.poll(async () => (await columnTexts(table, 'Opportunity')).sort(), poll).toEqual(matches);
      expect(new URL(page.url()).searchParams.get('q')).toBe(exported.searchWord);

      await table.getByRole('link', { name: exported.tracked.name, exact: true }).click();
      await page.getByRole('heading', { level: 1, name: exported.tracked.name, exact: true }).waitFor();
      expect(new URL(page.url()).pathname).toMatch(/^\/opportunities\/[^/]+$/);
      const timeline = page.getByRole('list').filter({ has: page.locator('time') });
      // The first history row sets the stage the opportunity was created in; each later one moves it on.
      const stageEntries = timeline.getByRole('listitem').filter({ has: page.locator('.timeline-field', { hasText: /^Stage$/ }) });
      await expect.poll(() => stageEntries.locator('.timeline-new').allInnerTexts(), poll).toEqual(exported.tracked.stages);
      await saveScreenshot(page, 'opportunity-detail');

      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL((url) => url.pathname === '/sign-in');
      await page.getByRole('heading', { name: 'Sign in to salesops' }).waitFor();
      // The session is gone, not just the page: a signed-out browser is sent back to sign in.
      await page.goto('/opportunities');
      await page.waitForURL((url) => url.pathname === '/sign-in');
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    "shows a rep only their own opportunities and not-found for another rep's opportunity opened by its address",
    async () => {
      const rep = userByEmail(env.database, demoCredentials('rep').email);
      if (rep.personId === null) throw new Error('The demo rep is no person of the demo company');
      const other = opportunityOwnedByOther(env.database, rep.personId);
      // The record exists: ops, who sees every opportunity, can open it.
      const ops = await apiSessionAs(env.baseUrl, 'ops');
      expect((await ops.get(`/api/opportunities/${encodeURIComponent(other.id)}`)).status).toBe(200);

      const { page } = await openApp();
      await signInAs(page, 'rep');
      await page.goto(`/opportunities/${encodeURIComponent(other.id)}`);
      await page.getByRole('alert').filter({ hasText: NOT_FOUND_MESSAGE }).waitFor();
      expect(await page.getByText(other.name).count()).toBe(0);

      await page.getByRole('link', { name: 'Back to opportunities' }).click();
      await page.getByRole('heading', { level: 1, name: 'Opportunities', exact: true }).waitFor();
      await page.getByLabel('Rows per page').selectOption('200');
      const own = countOpportunitiesOwnedBy(env.database, rep.personId);
      const table = page.getByRole('table', { name: 'Opportunities', exact: true });
      // The first page of 50 shows until the page of 200 arrives.
      await expect.poll(async () => (await columnTexts(table, 'Owner')).length, poll).toBe(Math.min(own, 200));
      expect(new Set(await columnTexts(table, 'Owner'))).toEqual(new Set([rep.displayName]));
      expect(await page.getByRole('navigation', { name: 'Pages' }).innerText()).toContain(`of ${new Intl.NumberFormat('en-US').format(own)}`);
    },
    JOURNEY_TIMEOUT_MS,
  );

  it(
    'renders every main page without console errors',
    async () => {
      const app = await openApp();
      const errors = watchPageErrors(app.page);
      // Each page's errors count from the moment it is opened: the sign-in page's probe of the
      // session answers 401 by design, and it is not a main page.
      async function openAndCheck(link: string, screenshot: string | null): Promise<void> {
        const before = errors.length;
        await openFromNavigation(app.page, link);
        await settled(app);
        expect(await app.page.getByRole('alert').allInnerTexts(), `error messages on ${link}`).toEqual([]);
        expect(errors.slice(before), `console errors on ${link}`).toEqual([]);
        if (screenshot !== null) await saveScreenshot(app.page, screenshot);
      }

      await signInAs(app.page, 'ops');
      await openAndCheck('Opportunities', 'opportunities-list');
      await openAndCheck('Accounts', 'accounts');
      await openAndCheck('People', 'people');
      await openAndCheck('Import', null);
      await openAndCheck('Settings', 'settings');

      // Only administrators read the audit log.
      await app.page.getByRole('button', { name: 'Sign out' }).click();
      await app.page.waitForURL((url) => url.pathname === '/sign-in');
      await signInAs(app.page, 'admin');
      await openAndCheck('Audit log', 'audit');
    },
    JOURNEY_TIMEOUT_MS,
  );
});
