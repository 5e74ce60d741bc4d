// Turning on browser notifications in a real Chromium against a real server on SQLite: the
// permission granted through playwright, the service worker registered from /sw.js under the
// server's CSP, and PushManager.subscribe called with the server's VAPID key.
//
// Headless Chromium here cannot finish a subscription: playwright's contexts are off the record,
// where Chromium refuses push ("Registration failed - permission denied", even with the push
// permission set over CDP), and a persistent profile waits forever on Google's push service
// (FCM), which this machine cannot reach. So the success path (a subscription stored) is proven
// by tests/notifications-push.test.ts with a local push service; here the browser's refusal must
// reach the person as an error, with nothing stored.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loginAsOwner, ownerEnv } from '../../bench/lib/server-process.js';
import { everyVariant, screenshotIfFailed, startUiSession, type UiSession } from './support/ui-session.js';
import { signInInBrowser } from './support/sign-in.js';

const uiBuilt = existsSync(fileURLToPath(new URL('../../ui/dist/index.html', import.meta.url)));

describe.runIf(uiBuilt)('browser notifications, end to end in Chromium', { timeout: 120_000 }, () => {
  let session: UiSession;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    session = await startUiSession({ viewport: { width: 1280, height: 800 }, env: { ...ownerEnv } });
    page = session.page;
    token = await loginAsOwner(session.server.url);
  }, 60_000);
  afterAll(async () => {
    await session?.close();
  });
  afterEach(async (context) => {
    await screenshotIfFailed(page, context.task);
  });

  const stored = async () => {
    const response = await fetch(`${session.server.url}/api/v3/notifications/push/subscriptions`, { headers: { authorization: `Bearer ${token}` } });
    return ((await response.json()) as { items: { endpoint: string }[] }).items;
  };

  it('registers the service worker from /sw.js, asks for a subscription, and shows the browser\'s refusal without storing anything', async () => {
    await page.context().grantPermissions(['notifications'], { origin: session.server.url });
    await signInInBrowser(page, session.server.url);
    await page.goto(`${session.server.url}/notifications/inbox`);
    await page.getByRole('button', { name: 'Turn on browser notifications' }).click();
    await expect.poll(async () => (await page.getByRole('alert').count()) + (await page.getByRole('status').filter({ hasText: 'on for this browser' }).count()), { timeout: 30_000 }).toBeGreaterThan(0);
    // Runs in the page; the test project has no DOM types, so the browser globals are reached loosely.
    const worker = await page.evaluate(`navigator.serviceWorker.getRegistration('/').then((r) => r?.active?.scriptURL ?? null)`);
    expect(worker).toBe(`${session.server.url}/sw.js`);
    expect(await page.getByRole('alert').textContent()).toMatch(/^The browser could not subscribe to its push service, so nothing was turned on\. It said: Registration failed/);
    expect(await stored()).toEqual([]);
    expect(await page.getByText('No browser is subscribed yet.').isVisible()).toBe(true);
    await everyVariant(page, 'notifications-browser-push');
  });
});
