import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BrowserPushControl } from './browser-push-panel';
import { applicationServerKey, PushPermissionError, subscribeThisBrowser } from './browser-push';
import type { StoredPushSubscription } from './notifications-api';

const wrap = (node: React.ReactNode) => <QueryClientProvider client={new QueryClient()}>{node}</QueryClientProvider>;
const stored = (id: string, endpoint: string, agent: string | null): StoredPushSubscription => ({ id, endpoint, created_at: '2026-12-04T10:00:00Z', user_agent: agent });
const noop = () => undefined;

describe('the browser notifications control', () => {
  it('offers to turn notifications on where the browser can, and lists the browsers subscribed', async () => {
    const onTurnOn = vi.fn();
    const onRemove = vi.fn();
    const laptop = stored('s1', 'https://push.example/a', 'Firefox on Linux');
    render(wrap(<BrowserPushControl support="default" subscriptions={[laptop]} thisEndpoint={null} busy={false} error={null} onTurnOn={onTurnOn} onRemove={onRemove} />));
    await userEvent.setup().click(screen.getByRole('button', { name: 'Turn on browser notifications' }));
    expect(onTurnOn).toHaveBeenCalledOnce();
    expect(screen.getByRole('list', { name: 'Subscribed browsers' }).textContent).toContain('Firefox on Linux');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Remove browser notifications: Firefox on Linux' }));
    expect(onRemove).toHaveBeenCalledWith(laptop);
  });

  it('says it is on for this browser instead of offering it again', () => {
    render(wrap(<BrowserPushControl support="granted" subscriptions={[stored('s1', 'https://push.example/here', null)]} thisEndpoint="https://push.example/here" busy={false} error={null} onTurnOn={noop} onRemove={noop} />));
    expect(screen.queryByRole('button', { name: 'Turn on browser notifications' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe('Browser notifications are on for this browser.');
    expect(screen.getByRole('button', { name: 'Remove browser notifications: This browser' })).toBeTruthy();
  });

  it('explains a blocked permission and a browser without push, with nothing to click', () => {
    const { unmount } = render(wrap(<BrowserPushControl support="denied" subscriptions={[]} thisEndpoint={null} busy={false} error={null} onTurnOn={noop} onRemove={noop} />));
    expect(screen.getByRole('status').textContent).toContain('blocked');
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    unmount();
    render(wrap(<BrowserPushControl support="unsupported" subscriptions={[]} thisEndpoint={null} busy={false} error={new PushPermissionError('default')} onTurnOn={noop} onRemove={noop} />));
    expect(screen.getByText('This browser cannot receive push notifications.')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBe('The browser did not allow notifications, so nothing was turned on.');
  });

  it("puts the browser's own refusal after a line that says nothing was turned on", () => {
    const refusal = new DOMException('Registration failed - push service not available', 'AbortError');
    render(wrap(<BrowserPushControl support="granted" subscriptions={[]} thisEndpoint={null} busy={false} error={refusal} onTurnOn={noop} onRemove={noop} />));
    expect(screen.getByRole('alert').textContent).toBe('The browser could not subscribe to its push service, so nothing was turned on. It said: Registration failed - push service not available');
  });
});

describe('subscribing this browser', () => {
  afterEach(() => vi.unstubAllGlobals());

  const key = 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM';

  function stubBrowser(permission: NotificationPermission) {
    const subscription = { endpoint: 'https://push.example/new', toJSON: () => ({ endpoint: 'https://push.example/new', keys: { p256dh: 'p', auth: 'a' } }) };
    const pushManager = { getSubscription: vi.fn(async () => null), subscribe: vi.fn(async () => subscription) };
    const serviceWorker = { register: vi.fn(async () => ({})), ready: Promise.resolve({ pushManager }) };
    vi.stubGlobal('Notification', { permission: 'default', requestPermission: vi.fn(async () => permission) });
    vi.stubGlobal('navigator', { ...navigator, serviceWorker });
    return { pushManager, serviceWorker };
  }

  it('asks permission, registers /sw.js and subscribes with the server key as bytes, visible only', async () => {
    const { pushManager, serviceWorker } = stubBrowser('granted');
    await expect(subscribeThisBrowser(key)).resolves.toEqual({ endpoint: 'https://push.example/new', keys: { p256dh: 'p', auth: 'a' } });
    expect(serviceWorker.register).toHaveBeenCalledWith('/sw.js', { scope: '/' });
    expect(pushManager.subscribe).toHaveBeenCalledWith({ userVisibleOnly: true, applicationServerKey: applicationServerKey(key) });
    expect(applicationServerKey(key)).toHaveLength(65);
    expect(applicationServerKey(key)[0]).toBe(4);
  });

  it('subscribes nothing when the person does not allow notifications', async () => {
    const { pushManager, serviceWorker } = stubBrowser('denied');
    await expect(subscribeThisBrowser(key)).rejects.toBeInstanceOf(PushPermissionError);
    expect(serviceWorker.register).not.toHaveBeenCalled();
    expect(pushManager.subscribe).not.toHaveBeenCalled();
  });
});
