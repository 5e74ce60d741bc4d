// The notification screens in a real browser against a real server on SQLite: the header's unread
// count kept live over the WebSocket, the inbox, the history in pages with every attempt of a failing
// send, a template written with HTML and previewed, saved as a second version and the first loaded back,
// the channels with their settings dialog (check, send a test). axe-core and a screenshot of each
// screen in English/Spanish × light/dark under tests/e2e/screenshots/.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginAsOwner, ownerEnv, TEST_OWNER } from '../../bench/lib/server-process.js';
import { everyVariant as everyVariantOf, screenshotIfFailed, startUiSession, type UiSession } from './support/ui-session.js';
import { signInInBrowser } from './support/sign-in.js';

const uiBuilt = existsSync(fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url)));

describe.runIf(uiBuilt)('the notification screens, end to end in Chromium', { timeout: 120_000 }, () => {
  let session: UiSession;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    // A failing webhook send retries after 1 s, then gives up: its attempts are on screen quickly.
    session = await startUiSession({ viewport: { width: 1280, height: 800 }, env: { ...ownerEnv, DWC_NOTIFY_RETRY_SCHEDULE: '0,1s', DWC_NOTIFY_MAX_ATTEMPTS: '2', DWC_WEBHOOK_SIGNING_SECRET: `whsec_${Buffer.from('e2e signing secret of 32 bytes!!').toString('base64')}` } });
    page = session.page;
    token = await loginAsOwner(session.server.url);
  }, 60_000);

  afterAll(async () => {
    await session?.close();
  });

  afterEach(async (context) => {
    await screenshotIfFailed(page, context.task);
  });

  const everyVariant = (name: string) => everyVariantOf(page, name);
  const send = async (body: object) => {
    const response = await fetch(`${session.server.url}/api/v3/advanced/notifications/send`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.status).toBe(202);
    return (await response.json()) as { id: string };
  };

  it('shows a new in-app message in the header as it arrives, and in the inbox', async () => {
    await signInInBrowser(page, session.server.url);
    await expect.poll(() => page.getByRole('link', { name: 'Inbox: 0 unread messages' }).isVisible()).toBe(true);

    await send({ channel: 'in_app', recipient: TEST_OWNER.email, subject: 'Nightly report failed', message: 'Step fetch answered 500 three times.' });
    await expect.poll(() => page.getByRole('link', { name: 'Inbox: 1 unread message' }).isVisible(), { timeout: 20_000 }).toBe(true);

    await page.getByRole('link', { name: 'Inbox: 1 unread message' }).click();
    await page.waitForURL(/\/notifications\/inbox$/);
    await expect.poll(() => page.getByText('Step fetch answered 500 three times.').isVisible()).toBe(true);
    await everyVariant('notifications-inbox');

    await page.getByRole('button', { name: 'Mark read: Nightly report failed' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Inbox: 0 unread messages' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Mark all read' }).isDisabled()).toBe(true);
  });

  it('lists every send in pages and opens the attempts of one that failed', async () => {
    // More than a page (50) of sends, so the in-app message of the first test is on the second page.
    const bulk = await fetch(`${session.server.url}/api/v3/advanced/notifications/send/bulk`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'webhook', recipients: Array.from({ length: 55 }, (_, i) => `http://127.0.0.1:9/bulk/${i}`), message: 'bulk' }),
    });
    expect(bulk.status).toBe(202);
    await send({ channel: 'webhook', recipient: 'http://127.0.0.1:9/unreachable', message: 'nobody listens' });
    await page.getByRole('link', { name: 'History' }).click();
    await page.waitForURL(/\/notifications\/history$/);
    const failed = page.getByRole('row', { name: /127\.0\.0\.1:9\/unreachable/ });
    await expect.poll(() => failed.getByText('Failed', { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await failed.textContent()).toContain('2 of 2');
    const ownerRow = page.getByRole('row', { name: new RegExp(TEST_OWNER.email) });
    expect(await ownerRow.count()).toBe(0);
    await everyVariant('notifications-history');
    await page.getByRole('button', { name: 'Show older' }).click();
    await expect.poll(() => ownerRow.isVisible()).toBe(true);
    expect(await ownerRow.textContent()).toContain('Delivered');
    expect(await page.getByRole('row', { name: /127\.0\.0\.1:9\/bulk\// }).count()).toBe(55);

    await failed.getByRole('button').click();
    const dialog = page.getByRole('dialog', { name: /Delivery to http:\/\/127\.0\.0\.1:9/ });
    await expect.poll(() => dialog.getByRole('row').count()).toBe(3);
    await everyVariant('notifications-attempts');
    await page.keyboard.press('Escape');
  });

  it('writes a template, previews it from the sample data, and saves it', async () => {
    await page.getByRole('link', { name: 'Templates' }).click();
    await page.getByRole('button', { name: 'New template' }).click();
    const dialog = page.getByRole('dialog', { name: 'New template' });
    await dialog.getByLabel(/^Name/).fill('run_failed');
    await dialog.getByLabel(/^Channel/).selectOption('in_app');
    await dialog.getByLabel('Subject', { exact: true }).fill('{{ workflow }} failed');
    await dialog.getByLabel(/^Body/).fill('Step {{ step }} of {{ workflow }} failed: {{ error }}');
    await dialog.getByLabel('HTML body (optional, e-mail)').fill('<p>Step <b>{{ step }}</b> of {{ workflow }} failed.</p>');
    await dialog.getByLabel(/^Variables/).fill('workflow, step, error');
    await dialog.getByLabel('Sample data (JSON object)').fill('{"workflow": "Nightly report", "step": "fetch", "error": "HTTP 500"}');
    await dialog.getByRole('button', { name: 'Render preview' }).click();
    await expect.poll(() => dialog.getByRole('status').textContent()).toContain('Step fetch of Nightly report failed: HTTP 500');
    const html = page.frameLocator('iframe[title="HTML preview"]');
    await expect.poll(() => html.locator('b').textContent()).toBe('fetch');
    await everyVariant('notifications-template-editor');
    await dialog.getByRole('button', { name: 'Create template' }).click();
    await expect.poll(() => page.getByRole('row', { name: /run_failed/ }).isVisible()).toBe(true);
    await everyVariant('notifications-templates');

    // A second version keeps the HTML body and variables; the versions list loads the first one back.
    await page.getByRole('button', { name: 'run_failed' }).click();
    const editing = page.getByRole('dialog', { name: 'run_failed (version 1)' });
    expect(await editing.getByLabel('HTML body (optional, e-mail)').inputValue()).toBe('<p>Step <b>{{ step }}</b> of {{ workflow }} failed.</p>');
    expect(await editing.getByLabel(/^Variables/).inputValue()).toBe('workflow, step, error');
    await editing.getByLabel(/^Body/).fill('{{ workflow }} stopped at {{ step }}: {{ error }}');
    await editing.getByRole('button', { name: 'Save as a new version' }).click();
    await expect.poll(() => page.getByRole('row', { name: /run_failed/ }).getByRole('cell').nth(1).textContent()).toBe('2');
    await page.getByRole('button', { name: 'run_failed' }).click();
    const second = page.getByRole('dialog', { name: 'run_failed (version 2)' });
    const versions = second.getByRole('region', { name: 'Versions' });
    await expect.poll(() => versions.getByRole('button').allTextContents()).toEqual(['Version 2', 'Version 1']);
    expect(await second.getByLabel('HTML body (optional, e-mail)').inputValue()).toContain('<b>{{ step }}</b>');
    await everyVariant('notifications-template-versions');
    await versions.getByRole('button', { name: 'Version 1' }).click();
    expect(await second.getByLabel(/^Body/).inputValue()).toBe('Step {{ step }} of {{ workflow }} failed: {{ error }}');
    await page.keyboard.press('Escape');
  });

  it("shows the channels; a channel's settings dialog checks it, says what is missing, and sends a test", async () => {
    await page.getByRole('link', { name: 'Channels' }).click();
    await everyVariant('notifications-channels');
    await page.getByRole('button', { name: 'Settings and test: In-app' }).click();
    const inApp = page.getByRole('dialog', { name: 'In-app: settings and test' });
    await inApp.getByLabel('Recipient of a test on in_app').fill(TEST_OWNER.email);
    await inApp.getByRole('button', { name: 'Send a test' }).click();
    await expect.poll(async () => (await inApp.getByRole('status').allTextContents()).join(' ')).toMatch(/Queued as .*; see History/);
    await page.keyboard.press('Escape');
    // The header is outside the modal dialog (hidden from the accessibility tree while it is open).
    await expect.poll(() => page.getByRole('link', { name: 'Inbox: 1 unread message' }).isVisible(), { timeout: 20_000 }).toBe(true);
    await page.getByRole('button', { name: 'Settings and test: E-mail' }).click();
    const email = page.getByRole('dialog', { name: 'E-mail: settings and test' });
    await email.getByRole('button', { name: 'Check settings: E-mail' }).click();
    await expect.poll(async () => (await email.getByRole('status').allTextContents()).join(' ')).toMatch(/Not ready: .*SMTP_URL/);
    await everyVariant('notifications-channel-dialog');
    expect(session.pageErrors).toEqual([]);
    expect(session.cspViolations).toEqual([]);
  });
});
