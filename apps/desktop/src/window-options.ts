import type { WindowOptions } from './electron-api.js';

/**
 * The content security policy of the app's window, set on every response from the embedded
 * server: only the app's own scripts, styles, fonts and images; connections only back to it (HTTP
 * and its WebSocket); no plugins, no frames, no `<base>` tricks, forms only to itself.
 */
export function contentSecurityPolicy(origin: string): string {
  const ws = origin.replace(/^http/, 'ws');
  return [
    "default-src 'none'",
    "script-src 'self'",
    // The UI's components set style attributes; no script can come in through them.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src 'self' ${ws}`,
    "worker-src 'self' blob:",
    "manifest-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

/** The one window: isolated, sandboxed, no Node in the page; shown once its first paint is ready. */
export function windowOptions(options: { preload: string; icon?: string }): WindowOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Document Workflow Chain',
    ...(options.icon === undefined ? {} : { icon: options.icon }),
    backgroundColor: '#0f172a',
    autoHideMenuBar: true,
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}
