/**
 * The calls the desktop app's preload exposes as `window.dwcDesktop` (apps/desktop/src/ipc-channels.ts
 * is the other side); absent in a browser. The UI depends on nothing of the desktop's but this shape.
 */
export interface DesktopBridge {
  /** Opens the desktop's folder dialog; the chosen folder (now allowed for `file_watch`) or null when cancelled. */
  pickWatchFolder(): Promise<string | null>;
}

declare global {
  interface Window {
    dwcDesktop?: DesktopBridge;
  }
}

/** The desktop bridge when the UI runs in the desktop app's window, otherwise undefined. */
export function desktopBridge(): DesktopBridge | undefined {
  return typeof window === 'undefined' ? undefined : window.dwcDesktop;
}
