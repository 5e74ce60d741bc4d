// The AI and operations screens in a real browser against a real server on SQLite and a fake OpenAI
// that streams: the playground's streamed answer with tokens and cost, providers, usage; health,
// plugins, an API key shown once, users, the audit log verified. axe-core and a screenshot of each
// screen in English/Spanish × light/dark under tests/e2e/screenshots/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AI_REPLY } from './support/slow-openai.js';
import { everyVariant as everyVariantOf, screenshotIfFailed, startUiSession, type UiSession } from './support/ui-session.js';

const uiBuilt = existsSync(fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url)));
const OWNER = { email: 'olga@example.com', password: 'amber kettle hums at dawn', name: 'Olga' };

describe.runIf(uiBuilt)('the AI and operations screens, end to end in Chromium', { timeout: 120_000 }, () => {
  let session: UiSession;
  let page: Page;

  beforeAll(async () => {
    session = await startUiSession({ viewport: { width: 1280, height: 900 } });
    page = session.page;
    session.ai.tokenDelayMs = 20;
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  afterEach(async (context) => {
    await screenshotIfFailed(page, context.task);
  });

  const everyVariant = (name: string) => everyVariantOf(page, name);

  it('sets up the owner, who sees the AI and Operations entries', async () => {
    await page.goto(`${session.server.url}/setup`);
    const token = /"setup_token":"([^"]+)"/.exec(session.server.output())?.[1];
    expect(token).toBeTruthy();
    await page.getByLabel('Setup token').fill(token!);
    await page.getByLabel('Name').fill(OWNER.name);
    await page.getByLabel('E-mail').fill(OWNER.email);
    await page.getByLabel('Password').fill(OWNER.password);
    await page.getByRole('button', { name: 'Create owner and sign in' }).click();
    await page.waitForURL(/\/workflows$/);
    const nav = page.getByRole('navigation', { name: /./ }).first();
    await expect.poll(() => nav.getByRole('link', { name: 'AI', exact: true }).isVisible()).toBe(true);
    await expect.poll(() => nav.getByRole('link', { name: 'Operations' }).isVisible()).toBe(true);
  });

  it('streams an answer in the AI playground and shows tokens, cost and usage', async () => {
    await page.getByRole('link', { name: 'AI', exact: true }).click();
    await page.waitForURL(/\/ai$/);
    await page.getByLabel('Provider', { exact: true }).selectOption('openai');
    await page.getByLabel('Prompt').fill('Summarise the quarter');
    await page.getByRole('button', { name: 'Generate' }).click();
    await expect.poll(() => page.getByRole('status', { name: 'Answer' }).textContent(), { timeout: 15_000 }).toBe(AI_REPLY);
    await expect.poll(() => page.getByText(/\d+ in, \d+ out/).isVisible()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByRole('row', { name: /openai/ }).count()).toBeGreaterThan(0);
    await everyVariant('ai');
  });

  it('shows health, plugins, an API key once, tasks, users and a verified audit chain', async () => {
    await page.goto(`${session.server.url}/operations/health`);
    await expect.poll(() => page.getByRole('row', { name: /database/ }).isVisible()).toBe(true);
    await everyVariant('operations-health');

    await page.getByRole('link', { name: 'Plugins' }).click();
    await expect.poll(() => page.getByRole('row', { name: /plugin-ai-openai/ }).isVisible()).toBe(true);
    await everyVariant('operations-plugins');

    await page.getByRole('link', { name: 'API keys' }).click();
    await page.getByLabel('Name').fill('ci');
    await page.getByRole('button', { name: 'Create key' }).click();
    await expect.poll(async () => (await page.getByLabel('New API key').inputValue()).length).toBeGreaterThan(20);
    await expect.poll(() => page.getByRole('button', { name: 'Revoke ci' }).isVisible()).toBe(true);
    await everyVariant('operations-keys');

    await page.getByRole('link', { name: 'Background tasks' }).click();
    await expect.poll(() => page.getByLabel('Tasks by state').isVisible()).toBe(true);
    await everyVariant('operations-tasks');

    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByLabel('E-mail').fill('vera@example.com');
    await page.getByLabel('Password').fill('quiet lantern drifts upstream');
    await page.getByRole('button', { name: 'Create user' }).click();
    await expect.poll(() => page.getByLabel('Role of vera@example.com').inputValue()).toBe('viewer');
    await everyVariant('operations-users');

    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('button', { name: 'Verify the chain' }).click();
    await expect.poll(() => page.getByText(/The chain is intact/).isVisible()).toBe(true);
    await everyVariant('operations-audit');
  });

  it('starts two-step sign-in from the account menu and shows its QR code', async () => {
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Two-step sign-in' }).click();
    await page.waitForURL(/\/account\/mfa$/);
    await page.getByRole('button', { name: 'Set up two-step sign-in' }).click();
    const qr = page.getByRole('img', { name: /QR code/ });
    // The PNG data URL decoded (the page's CSP allows data: images).
    await expect.poll(() => qr.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0);
    await everyVariant('account-mfa');
  });

  it('hides users and the audit log from a viewer', async () => {
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.getByLabel('E-mail').fill('vera@example.com');
    await page.getByLabel('Password').fill('quiet lantern drifts upstream');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
    await page.goto(`${session.server.url}/operations`);
    await expect.poll(() => page.getByRole('link', { name: 'Plugins' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Users' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
    await page.goto(`${session.server.url}/ai`);
    await expect.poll(() => page.getByRole('heading', { name: 'Providers' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Generate' }).count()).toBe(0);
    expect(session.pageErrors).toEqual([]);
  });
});
