/**
 * The part of the Electron API the desktop logic uses, narrowed so that a test can stand in for
 * it. `main.ts` adapts the real module to it (type-checked against Electron's own types).
 */

export interface PreventableEvent {
  preventDefault(): void;
}

export type PermissionRequestHandler = (webContents: unknown, permission: string, callback: (granted: boolean) => void, details: { requestingUrl?: string }) => void;
export type PermissionCheckHandler = (webContents: unknown, permission: string, requestingOrigin: string) => boolean;
export type HeadersReceivedListener = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

export interface SessionApi {
  setPermissionRequestHandler(handler: PermissionRequestHandler): void;
  setPermissionCheckHandler(handler: PermissionCheckHandler): void;
  onHeadersReceived(listener: HeadersReceivedListener): void;
}

export interface WebContentsApi {
  readonly id: number;
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: (event: PreventableEvent, url: string) => void): void;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): void;
  setWindowOpenHandler(handler: (details: { url: string; disposition: string }) => { action: 'deny' }): void;
  getURL(): string;
}

export interface WindowApi {
  readonly webContents: WebContentsApi;
  loadURL(url: string): Promise<void>;
  show(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  destroy(): void;
  on(event: 'close', listener: (event: PreventableEvent) => void): void;
  once(event: 'ready-to-show', listener: () => void): void;
}

export interface WindowOptions {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  title: string;
  icon?: string;
  backgroundColor: string;
  autoHideMenuBar: boolean;
  webPreferences: {
    preload: string;
    contextIsolation: boolean;
    sandbox: boolean;
    nodeIntegration: boolean;
    nodeIntegrationInWorker: boolean;
    nodeIntegrationInSubFrames: boolean;
    webSecurity: boolean;
    allowRunningInsecureContent: boolean;
    webviewTag: boolean;
    experimentalFeatures: boolean;
    navigateOnDragDrop: boolean;
    spellcheck: boolean;
  };
}

export interface MenuItemTemplate {
  label?: string;
  type?: 'normal' | 'separator';
  enabled?: boolean;
  click?: () => void;
}

export interface TrayApi {
  setToolTip(text: string): void;
  setContextMenu(items: readonly MenuItemTemplate[]): void;
  on(event: 'click', listener: () => void): void;
  destroy(): void;
}

export interface IpcMainEvent {
  readonly senderFrame: { readonly url: string } | null;
  readonly sender: { readonly id: number };
}

export interface IpcMainApi {
  handle(channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface AppApi {
  requestSingleInstanceLock(): boolean;
  setAsDefaultProtocolClient(protocol: string): boolean;
  getPath(name: 'userData'): string;
  getVersion(): string;
  whenReady(): Promise<void>;
  quit(): void;
  exit(code?: number): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): void;
  on(event: 'open-url', listener: (event: PreventableEvent, url: string) => void): void;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): void;
  on(event: 'window-all-closed' | 'activate', listener: () => void): void;
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsApi) => void): void;
}

export interface SafeStorageApi {
  isEncryptionAvailable(): boolean;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
  /** Linux only: `basic_text` means no keyring was found and the "encryption" is a fixed obfuscation. */
  getSelectedStorageBackend?(): string;
}

/** Everything the desktop logic needs from Electron. */
export interface ElectronApi {
  app: AppApi;
  createWindow(options: WindowOptions): WindowApi;
  /** The session the window's web contents use. */
  session: SessionApi;
  createTray(iconPath: string): TrayApi;
  ipcMain: IpcMainApi;
  showOpenFolderDialog(window: WindowApi | undefined, title: string): Promise<string | undefined>;
  openExternal(url: string): Promise<void>;
  safeStorage: SafeStorageApi;
}
