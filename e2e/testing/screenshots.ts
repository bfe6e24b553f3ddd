import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';

/** Where the journeys leave their screenshots (git-ignored): one PNG per main page, overwritten each run. */
export const SCREENSHOT_DIR = fileURLToPath(new URL('../screenshots/', import.meta.url));

/** The prefix of the screenshot a failed journey leaves of its last page. */
export const FAILURE_PREFIX = 'failed-';

/** Deletes the failure screenshots of earlier runs, so those left after a run are this run's. */
export function clearFailureScreenshots(): void {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const name of readdirSync(SCREENSHOT_DIR)) if (name.startsWith(FAILURE_PREFIX)) rmSync(`${SCREENSHOT_DIR}${name}`, { force: true });
}

/** Saves the whole page as e2e/screenshots/<name>.png and returns the file's path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = `${SCREENSHOT_DIR}${name}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}
