import type { Page } from 'playwright-core';
import { TEST_OWNER } from '../../../bench/lib/server-process.js';

/** Signs in through the UI's form (the owner by default) and waits for the workflow list. */
export async function signInInBrowser(page: Page, baseUrl: string, user: { email: string; password: string } = TEST_OWNER): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('E-mail').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/workflows$/);
}
