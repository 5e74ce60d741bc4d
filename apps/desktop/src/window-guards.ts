import type { ElectronApi, SessionApi, WebContentsApi } from './electron-api.js';
import { contentSecurityPolicy } from './window-options.js';

/** True for a URL of the app itself (the embedded server's origin). */
export function isAppUrl(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}

/** Links the operator may open in their browser: https only, with a host, no credentials in it. */
export function isExternalLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.hostname !== '' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/**
 * Keeps a window's page in the app: navigation and redirects away from the app's origin are
 * refused, `window.open` never opens a window (a user's click on an https link goes to the
 * browser instead: the disposition says a click made it), and `<webview>` cannot be attached.
 */
export function guardWebContents(contents: WebContentsApi, origin: string, openExternal: ElectronApi['openExternal'], log: (message: string) => void): void {
  const stayInApp = (event: { preventDefault(): void }, url: string): void => {
    if (isAppUrl(url, origin)) return;
    event.preventDefault();
    log(`refused navigation to ${url}`);
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  contents.on('will-frame-navigate', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url, disposition }) => {
    const userClick = disposition === 'foreground-tab' || disposition === 'background-tab' || disposition === 'new-window';
    if (userClick && isExternalLink(url)) void openExternal(url).catch((error: unknown) => log(`could not open ${url}: ${(error as Error).message}`));
    else log(`refused to open a window for ${url}`);
    return { action: 'deny' };
  });
}

/**
 * The session's policy: every permission request (camera, microphone, geolocation,
 * notifications, clipboard, ...) is denied and every permission check answers no; responses from
 * the app carry the window's strict CSP.
 */
export function guardSession(session: SessionApi, origin: string): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  const csp = contentSecurityPolicy(origin);
  session.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url, origin)) return callback({ responseHeaders: details.responseHeaders });
    const headers = Object.fromEntries(Object.entries(details.responseHeaders ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy'));
    callback({ responseHeaders: { ...headers, 'Content-Security-Policy': [csp] } });
  });
}
