import type { MenuItemTemplate } from './electron-api.js';

/** The tray's tooltip for a count of running executions. */
export function trayToolTip(running: number): string {
  if (running === 0) return 'Document Workflow Chain: nothing running';
  return `Document Workflow Chain: ${running} execution${running === 1 ? '' : 's'} running`;
}

/** The tray's menu: the running count (a label), open the window, quit. */
export function trayMenu(running: number, actions: { open(): void; quit(): void }): MenuItemTemplate[] {
  return [
    { label: running === 1 ? '1 execution running' : `${running} executions running`, enabled: false },
    { type: 'separator' },
    { label: 'Open Document Workflow Chain', click: actions.open },
    { label: running > 0 ? `Quit (${running} running resume at next launch)` : 'Quit', click: actions.quit },
  ];
}
