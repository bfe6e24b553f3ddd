import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium package: the browser tests drive it and never download a browser of their own. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/**
 * Headless, and quiet on the network: no QUIC, no component or sync updates, no first-run pages,
 * so the only requests a page makes are to the server under test. No sandbox: test containers run
 * as root, where chromium refuses to start sandboxed.
 */
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * How long a step may wait for the page once the app is loaded: a local server answers in
 * milliseconds, so ten seconds leaves room for a busy two-core machine and still fails fast. The
 * first load takes longer (see FIRST_LOAD_TIMEOUT_MS in sign-in.ts).
 */
export const UI_TIMEOUT_MS = 10_000;

/** How long the page must make no request before the network counts as quiet. */
const NETWORK_QUIET_MS = 250;

/** A browser with a profile of its own; close() shuts it and deletes the profile. */
export interface TestBrowser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Resolves once no request of the page has been in flight for a moment (the app's data has loaded). */
  networkIdle(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Counts the page's requests in flight. Playwright's own 'networkidle' is a load state of the
 * document, reached once: it says nothing about the fetches of a single-page app's later pages.
 */
function trackRequests(page: Page): () => Promise<void> {
  let inFlight = 0;
  let lastChange = Date.now();
  const change = (delta: number) => {
    inFlight += delta;
    lastChange = Date.now();
  };
  page.on('request', () => change(1));
  page.on('requestfinished', () => change(-1));
  page.on('requestfailed', () => change(-1));
  return async () => {
    const deadline = Date.now() + UI_TIMEOUT_MS;
    while (inFlight > 0 || Date.now() - lastChange < NETWORK_QUIET_MS) {
      if (Date.now() > deadline) throw new Error(`The page still had ${inFlight} request(s) in flight after ${UI_TIMEOUT_MS / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
}

/** Fails with the fix when Debian's chromium is missing, rather than skipping the browser tests. */
export function assertChromiumInstalled(path: string = CHROMIUM_PATH): void {
  if (!existsSync(path)) {
    throw new Error(`The browser tests need Debian's chromium at ${path}: install it with \`apt-get install chromium\` (they never download a browser).`);
  }
}

/**
 * Starts chromium with a fresh user-data folder: no cookies, storage or cache from another run or
 * another journey, so each journey signs in from nothing.
 */
export async function openBrowser(options: { readonly baseUrl: string }): Promise<TestBrowser> {
  assertChromiumInstalled();
  const profile = mkdtempSync(join(tmpdir(), 'salesops-e2e-profile-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
      baseURL: options.baseUrl,
      viewport: { width: 1280, height: 800 },
      locale: 'en-US',
      timezoneId: 'UTC',
    });
    context.setDefaultTimeout(UI_TIMEOUT_MS);
    context.setDefaultNavigationTimeout(UI_TIMEOUT_MS);
    const page = context.pages()[0] ?? (await context.newPage());
    return {
      context,
      page,
      networkIdle: trackRequests(page),
      close: async () => {
        try {
          await context.close();
        } finally {
          rmSync(profile, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

/**
 * Collects what the page reports as errors: console.error messages (failed requests included) and
 * uncaught exceptions, each with where it came from.
 */
export function watchPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const { url, lineNumber } = message.location();
    errors.push(`console.error at ${page.url()}: ${message.text()}${url === '' ? '' : ` (${url}:${lineNumber})`}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught at ${page.url()}: ${error.stack ?? error.message}`));
  return errors;
}
