import type { Page } from 'playwright-core';
import type { Role } from '../../src/core/access/role.ts';
import { DEMO_USER_CREDENTIALS } from '../../src/services/demo/create-demo-users.ts';

/**
 * The first load fetches the whole bundle from a server that has just started (and a browser that
 * has just launched); later steps take the browser's shorter default (UI_TIMEOUT_MS in browser.ts).
 */
export const FIRST_LOAD_TIMEOUT_MS = 30_000;

export function demoCredentials(role: Role): { readonly email: string; readonly password: string } {
  const credentials = DEMO_USER_CREDENTIALS.find((user) => user.role === role);
  if (credentials === undefined) throw new Error(`The demo workspace has no ${role} sign-in`);
  return credentials;
}

/** Opens the sign-in page. */
export async function openSignInPage(page: Page): Promise<void> {
  await page.goto('/sign-in', { timeout: FIRST_LOAD_TIMEOUT_MS });
  await page.getByRole('heading', { name: 'Sign in to salesops' }).waitFor({ timeout: FIRST_LOAD_TIMEOUT_MS });
}

/** Signs in through the form as the demo user of `role` and waits until the app has left the sign-in page. */
export async function signInAs(page: Page, role: Role): Promise<void> {
  const { email, password } = demoCredentials(role);
  if (!new URL(page.url()).pathname.startsWith('/sign-in')) await openSignInPage(page);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}
