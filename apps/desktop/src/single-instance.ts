import { deepLinkInArgv, parseDeepLink, DEEP_LINK_SCHEME, type DeepLink } from './deep-link.js';
import type { AppApi } from './electron-api.js';

/**
 * Makes this the only running instance: false when another holds the lock (this one should quit:
 * Electron hands our argv to the first, which focuses its window). The first instance gets
 * `onActivate` for each later launch with the `dwc://` link it carried, if any, and for links
 * macOS delivers by `open-url`. Registers the app as the handler of `dwc://`.
 */
export function claimSingleInstance(app: AppApi, onActivate: (link: DeepLink | undefined) => void): boolean {
  if (!app.requestSingleInstanceLock()) return false;
  app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  app.on('second-instance', (_event, argv) => onActivate(deepLinkInArgv(argv)));
  app.on('open-url', (event, url) => {
    event.preventDefault();
    onActivate(parseDeepLink(url));
  });
  return true;
}
