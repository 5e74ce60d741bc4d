import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type {
  AppApi,
  ElectronApi,
  HeadersReceivedListener,
  IpcMainEvent,
  MenuItemTemplate,
  PermissionCheckHandler,
  PermissionRequestHandler,
  PreventableEvent,
  SafeStorageApi,
  SessionApi,
  TrayApi,
  WebContentsApi,
  WindowApi,
  WindowOptions,
} from '../electron-api.js';

/** One recorded call: the object's name, the method and its arguments. */
export interface Call {
  on: string;
  method: string;
  args: unknown[];
}

export class Recorder {
  readonly calls: Call[] = [];
  record(on: string, method: string, args: unknown[]): void {
    this.calls.push({ on, method, args });
  }
  named(on: string, method?: string): Call[] {
    return this.calls.filter((c) => c.on === on && (method === undefined || c.method === method));
  }
}

export function preventable(): PreventableEvent & { prevented: boolean } {
  const event = { prevented: false, preventDefault: () => void (event.prevented = true) };
  return event;
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter implements WebContentsApi {
  readonly id = nextContentsId++;
  url = '';
  openHandler: Parameters<WebContentsApi['setWindowOpenHandler']>[0] | undefined;
  setWindowOpenHandler(handler: Parameters<WebContentsApi['setWindowOpenHandler']>[0]): void {
    this.openHandler = handler;
  }
  getURL(): string {
    return this.url;
  }
  /** What a page's navigation to `url` would meet: true when a listener refused it. */
  navigate(url: string, event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate' = 'will-navigate'): boolean {
    const e = preventable();
    this.emit(event, e, url);
    return e.prevented;
  }
}

export class FakeWindow extends EventEmitter implements WindowApi {
  readonly webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  minimized = false;
  constructor(
    readonly options: WindowOptions,
    private readonly recorder: Recorder,
  ) {
    super();
  }
  async loadURL(url: string): Promise<void> {
    this.recorder.record('window', 'loadURL', [url]);
    this.webContents.url = url;
  }
  show(): void {
    this.visible = true;
    this.recorder.record('window', 'show', []);
  }
  hide(): void {
    this.visible = false;
    this.recorder.record('window', 'hide', []);
  }
  focus(): void {
    this.recorder.record('window', 'focus', []);
  }
  restore(): void {
    this.minimized = false;
    this.recorder.record('window', 'restore', []);
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
  /** What the user's click on the close button would do: true when it was turned into something else. */
  userCloses(): boolean {
    const e = preventable();
    this.emit('close', e);
    if (!e.prevented) this.destroyed = true;
    return e.prevented;
  }
}

export class FakeApp extends EventEmitter implements AppApi {
  lockHeld = true;
  quitCalls = 0;
  exitCode: number | undefined;
  constructor(
    private readonly userData: string,
    private readonly recorder: Recorder,
  ) {
    super();
  }
  requestSingleInstanceLock(): boolean {
    this.recorder.record('app', 'requestSingleInstanceLock', []);
    return this.lockHeld;
  }
  setAsDefaultProtocolClient(protocol: string): boolean {
    this.recorder.record('app', 'setAsDefaultProtocolClient', [protocol]);
    return true;
  }
  getPath(): string {
    return this.userData;
  }
  getVersion(): string {
    return '0.1.0';
  }
  async whenReady(): Promise<void> {}
  /** Like Electron: emits `before-quit`; unless a listener prevents it, the app ends. */
  quit(): void {
    this.quitCalls += 1;
    this.recorder.record('app', 'quit', []);
    const e = preventable();
    this.emit('before-quit', e);
    if (!e.prevented) this.emit('did-quit');
  }
  exit(code?: number): void {
    this.exitCode = code ?? 0;
  }
}

export class FakeTray implements TrayApi {
  toolTip = '';
  menu: readonly MenuItemTemplate[] = [];
  destroyed = false;
  readonly clicks: (() => void)[] = [];
  constructor(readonly icon: string) {}
  setToolTip(text: string): void {
    this.toolTip = text;
  }
  setContextMenu(items: readonly MenuItemTemplate[]): void {
    this.menu = items;
  }
  on(_event: 'click', listener: () => void): void {
    this.clicks.push(listener);
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class FakeSession implements SessionApi {
  requestHandler: PermissionRequestHandler | undefined;
  checkHandler: PermissionCheckHandler | undefined;
  headersListener: HeadersReceivedListener | undefined;
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: PermissionCheckHandler): void {
    this.checkHandler = handler;
  }
  onHeadersReceived(listener: HeadersReceivedListener): void {
    this.headersListener = listener;
  }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: IpcMainEvent, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Calls a handler as a renderer's `ipcRenderer.invoke` would. */
  async invoke(channel: string, event: IpcMainEvent, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (handler === undefined) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

/** safeStorage as on a machine with a keyring: a real cipher under a key this stand-in holds. */
export function fakeSafeStorage(options: { available?: boolean; backend?: string } = {}): SafeStorageApi & { key: Buffer } {
  const key = randomBytes(32);
  return {
    key,
    isEncryptionAvailable: () => options.available ?? true,
    getSelectedStorageBackend: () => options.backend ?? 'gnome_libsecret',
    encryptString(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from('v10'), iv, cipher.getAuthTag(), body]);
    },
    decryptString(data) {
      const iv = data.subarray(3, 15);
      const tag = data.subarray(15, 31);
      const decipher = createDecipheriv('aes-256-gcm', key, iv);
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(data.subarray(31)), decipher.final()]).toString('utf8');
    },
  };
}

/** A typed stand-in of the Electron API that records what the app does with it. */
export function fakeElectron(userData: string, options: { safeStorage?: SafeStorageApi; folder?: string } = {}) {
  const recorder = new Recorder();
  const app = new FakeApp(userData, recorder);
  const windows: FakeWindow[] = [];
  const trays: FakeTray[] = [];
  const session = new FakeSession();
  const ipcMain = new FakeIpcMain();
  const opened: string[] = [];
  /** What the folder dialog answers next (undefined: the operator cancels). */
  const dialog = { folder: options.folder };
  const api: ElectronApi = {
    app,
    createWindow(windowOptions) {
      const window = new FakeWindow(windowOptions, recorder);
      windows.push(window);
      app.emit('web-contents-created', {}, window.webContents);
      return window;
    },
    session,
    createTray(icon) {
      const tray = new FakeTray(icon);
      trays.push(tray);
      return tray;
    },
    ipcMain,
    async showOpenFolderDialog(window, title) {
      recorder.record('dialog', 'showOpenFolderDialog', [window, title]);
      return dialog.folder;
    },
    async openExternal(url) {
      opened.push(url);
    },
    safeStorage: options.safeStorage ?? fakeSafeStorage(),
  };
  return { api, app, windows, trays, session, ipcMain, opened, recorder, dialog };
}
