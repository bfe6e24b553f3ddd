import type { Locator, Page } from 'playwright-core';
import type { TestBrowser } from './browser.ts';

/** Follows a link of the main navigation, as a user would, and waits for the page's own heading. */
export async function openFromNavigation(page: Page, link: string, heading: string = link): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
}

/** The text of every body cell under the column headed `header`, top to bottom. */
export async function columnTexts(table: Locator, header: string): Promise<string[]> {
  // A sortable header holds a button with an arrow after the name: the name, then no more letters.
  const headers = (await table.locator('thead th').allInnerTexts()).map((text) => text.trim());
  const index = headers.findIndex((text) => text.startsWith(header) && !/[\p{L}\p{N}]/u.test(text.charAt(header.length)));
  if (index < 0) throw new Error(`No column "${header}" among ${headers.join(', ')}`);
  return (await table.locator(`tbody tr td:nth-child(${index + 1})`).allInnerTexts()).map((text) => text.trim());
}

/** Waits until the page's requests have all answered and no table or message says it is still loading. */
export async function settled(browser: TestBrowser): Promise<void> {
  await browser.networkIdle();
  await browser.page.locator('[aria-busy="true"]').first().waitFor({ state: 'hidden' });
  await browser.page.getByText('Loading…', { exact: true }).first().waitFor({ state: 'hidden' });
}
