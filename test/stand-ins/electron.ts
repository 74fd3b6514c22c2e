/**
 * A stand-in for the `electron` module, for tests of main.ts and preload.ts: Electron's
 * binary cannot run here, and even importing the real package tries to download it. Each
 * member records what the code under test did with it (window options, handlers, protocol
 * registrations, menus, the exposed API) and lets the test play the other side (a second
 * instance, a call from a frame, a dialog's answer). A test makes a fresh one, then
 * `vi.doMock('electron', () => standIn)` and `vi.resetModules()` before importing the module.
 */
type Listener = (...args: never[]) => unknown;

/** Node's EventEmitter in the small: `on`, `once`, `removeListener`, `emit`. */
class Emitter {
  private readonly listeners = new Map<string, Array<{ fn: Listener; once: boolean }>>();

  on(event: string, fn: Listener): this {
    this.listenersOf(event).push({ fn, once: false });
    return this;
  }

  once(event: string, fn: Listener): this {
    this.listenersOf(event).push({ fn, once: true });
    return this;
  }

  removeListener(event: string, fn: Listener): this {
    const list = this.listenersOf(event);
    const index = list.findIndex((entry) => entry.fn === fn);
    if (index >= 0) list.splice(index, 1);
    return this;
  }

  off(event: string, fn: Listener): this {
    return this.removeListener(event, fn);
  }

  listenerCount(event: string): number {
    return this.listenersOf(event).length;
  }

  /** Calls every listener of `event` with `args`, as Electron would. */
  emit(event: string, ...args: unknown[]): boolean {
    const list = [...this.listenersOf(event)];
    for (const entry of list) {
      if (entry.once) this.removeListener(event, entry.fn);
      (entry.fn as (...values: unknown[]) => unknown)(...args);
    }
    return list.length > 0;
  }

  private listenersOf(event: string): Array<{ fn: Listener; once: boolean }> {
    let list = this.listeners.get(event);
    if (!list) {
      list = [];
      this.listeners.set(event, list);
    }
    return list;
  }
}

/** What a navigation-like event hands its listeners. */
export class StandInEvent {
  defaultPrevented = false;

  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class StandInFrame {
  constructor(
    public url: string,
    public parent: StandInFrame | null = null,
  ) {}

  /** A frame inside this one, such as an iframe. */
  child(url: string): StandInFrame {
    return new StandInFrame(url, this);
  }
}

let nextContentsId = 1;

export class StandInWebContents extends Emitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new StandInFrame('about:blank');
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly sent: Array<{ channel: string; args: unknown[] }> = [];

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }

  isDestroyed(): boolean {
    return false;
  }
}

/** A fresh, empty Electron: every call gives a new world with nothing recorded yet. */
export function createElectronStandIn() {
  class BrowserWindow extends Emitter {
    static readonly created: BrowserWindow[] = [];

    static getAllWindows(): BrowserWindow[] {
      return BrowserWindow.created.filter((window) => !window.destroyed);
    }

    readonly webContents = new StandInWebContents();
    loadedUrl: string | null = null;
    focused = false;
    visible = false;
    minimized = false;
    destroyed = false;

    constructor(readonly options: Record<string, unknown>) {
      super();
      BrowserWindow.created.push(this);
      app.emit('web-contents-created', new StandInEvent(), this.webContents);
    }

    async loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      this.webContents.mainFrame.url = url;
    }

    isDestroyed(): boolean {
      return this.destroyed;
    }

    isFocused(): boolean {
      return this.focused;
    }

    isMinimized(): boolean {
      return this.minimized;
    }

    restore(): void {
      this.minimized = false;
    }

    show(): void {
      this.visible = true;
    }

    focus(): void {
      this.focused = true;
    }

    /** What closing the window does: gone, and 'closed' emitted. */
    close(): void {
      this.destroyed = true;
      this.emit('closed');
    }
  }

  class StandInApp extends Emitter {
    /** Whether this instance gets the single-instance lock; a test sets false to be second. */
    lockAvailable = true;
    isPackaged = false;
    ready = false;
    sandboxEnabled = false;
    quitCalls = 0;
    exitCode: number | null = null;
    aboutPanelOptions: Record<string, unknown> | null = null;
    appUserModelId: string | null = null;
    appPath = '/opt/cadent-uploader';

    requestSingleInstanceLock(): boolean {
      return this.lockAvailable;
    }

    enableSandbox(): void {
      this.sandboxEnabled = true;
    }

    whenReady(): Promise<void> {
      return Promise.resolve().then(() => {
        this.ready = true;
      });
    }

    isReady(): boolean {
      return this.ready;
    }

    quit(): void {
      this.quitCalls += 1;
    }

    exit(code = 0): void {
      this.exitCode = code;
    }

    getVersion(): string {
      return '0.1.0-test';
    }

    getAppPath(): string {
      return this.appPath;
    }

    getPath(name: string): string {
      return `/home/ada/${name}`;
    }

    setAboutPanelOptions(options: Record<string, unknown>): void {
      this.aboutPanelOptions = options;
    }

    setAppUserModelId(id: string): void {
      this.appUserModelId = id;
    }
  }

  const app = new StandInApp();

  type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

  class StandInIpcMain extends Emitter {
    readonly handlers = new Map<string, InvokeHandler>();

    handle(channel: string, handler: InvokeHandler): void {
      if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      this.handlers.set(channel, handler);
    }

    /** Plays `ipcRenderer.invoke` arriving from `sender`'s `frame`. */
    async invoke(
      channel: string,
      from: { sender: StandInWebContents; frame?: StandInFrame | null },
      ...args: unknown[]
    ): Promise<unknown> {
      const handler = this.handlers.get(channel);
      if (!handler) throw new Error(`No handler registered for '${channel}'`);
      const senderFrame = from.frame === undefined ? from.sender.mainFrame : from.frame;
      return handler({ sender: from.sender, senderFrame }, ...args);
    }
  }

  const ipcMain = new StandInIpcMain();

  type ProtocolHandler = (request: Request) => Response | Promise<Response>;

  const protocol = {
    privileged: [] as Array<{ schemes: unknown[]; beforeReady: boolean }>,
    handlers: new Map<string, ProtocolHandler>(),

    registerSchemesAsPrivileged(schemes: unknown[]): void {
      this.privileged.push({ schemes, beforeReady: !app.ready });
    },

    handle(scheme: string, handler: ProtocolHandler): void {
      this.handlers.set(scheme, handler);
    },
  };

  type PermissionRequestHandler = (
    contents: unknown,
    permission: string,
    callback: (granted: boolean) => void,
    details: unknown,
  ) => void;
  type PermissionCheckHandler = (...args: unknown[]) => boolean;
  type BeforeRequestListener = (
    details: { url: string },
    callback: (response: { cancel?: boolean }) => void,
  ) => void;

  const session = {
    defaultSession: {
      permissionRequestHandler: null as PermissionRequestHandler | null,
      permissionCheckHandler: null as PermissionCheckHandler | null,
      devicePermissionHandler: null as PermissionCheckHandler | null,
      webRequest: {
        beforeRequest: [] as Array<{ filter: { urls: string[] }; listener: BeforeRequestListener }>,

        onBeforeRequest(filter: { urls: string[] }, listener: BeforeRequestListener): void {
          this.beforeRequest.push({ filter, listener });
        },
      },

      setPermissionRequestHandler(handler: PermissionRequestHandler): void {
        this.permissionRequestHandler = handler;
      },
      setPermissionCheckHandler(handler: PermissionCheckHandler): void {
        this.permissionCheckHandler = handler;
      },
      setDevicePermissionHandler(handler: PermissionCheckHandler): void {
        this.devicePermissionHandler = handler;
      },
    },
  };

  const Menu = {
    applicationMenu: null as { template: unknown[] } | null,

    buildFromTemplate(template: unknown[]): { template: unknown[] } {
      return { template };
    },

    setApplicationMenu(menu: { template: unknown[] } | null): void {
      this.applicationMenu = menu;
    },
  };

  type OpenResult = { canceled: boolean; filePaths: string[] };
  type SaveResult = { canceled: boolean; filePath?: string };

  const dialog = {
    /** What the next open and save dialogs answer; a test sets them. */
    openAnswer: { canceled: true, filePaths: [] } as OpenResult,
    saveAnswer: { canceled: true } as SaveResult,
    calls: [] as Array<{
      kind: 'open' | 'save';
      window: unknown;
      options: Record<string, unknown>;
    }>,
    errors: [] as Array<{ title: string; content: string }>,

    async showOpenDialog(...args: unknown[]): Promise<OpenResult> {
      this.calls.push({ kind: 'open', ...dialogArgs(args) });
      return this.openAnswer;
    },

    async showSaveDialog(...args: unknown[]): Promise<SaveResult> {
      this.calls.push({ kind: 'save', ...dialogArgs(args) });
      return this.saveAnswer;
    },

    showErrorBox(title: string, content: string): void {
      this.errors.push({ title, content });
    },
  };

  function dialogArgs(args: unknown[]): { window: unknown; options: Record<string, unknown> } {
    return args.length > 1
      ? { window: args[0], options: args[1] as Record<string, unknown> }
      : { window: null, options: args[0] as Record<string, unknown> };
  }

  const shell = {
    opened: [] as string[],
    /** What `openPath` answers: '' for success, else the OS's complaint. */
    openPathAnswer: '',

    async openPath(target: string): Promise<string> {
      this.opened.push(target);
      return this.openPathAnswer;
    },
  };

  class Notification extends Emitter {
    static supported = true;
    static readonly shown: Notification[] = [];

    static isSupported(): boolean {
      return Notification.supported;
    }

    constructor(readonly options: { title: string; body: string }) {
      super();
    }

    show(): void {
      Notification.shown.push(this);
    }
  }

  // The renderer side, for preload.ts.

  const contextBridge = {
    exposed: new Map<string, unknown>(),

    exposeInMainWorld(key: string, api: unknown): void {
      if (this.exposed.has(key)) throw new Error(`${key} is already exposed`);
      this.exposed.set(key, api);
    },
  };

  class StandInIpcRenderer extends Emitter {
    readonly invocations: Array<{ channel: string; args: unknown[] }> = [];

    async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      this.invocations.push({ channel, args });
      return { ok: true, value: null };
    }

    /** Plays `webContents.send(channel, ...args)` from the main process. */
    deliver(channel: string, ...args: unknown[]): void {
      this.emit(channel, { sender: this, senderId: 0 }, ...args);
    }
  }

  const ipcRenderer = new StandInIpcRenderer();

  const webUtils = {
    getPathForFile(file: { name: string }): string {
      return `/dropped/${file.name}`;
    },
  };

  return {
    app,
    BrowserWindow,
    ipcMain,
    protocol,
    session,
    Menu,
    dialog,
    shell,
    Notification,
    contextBridge,
    ipcRenderer,
    webUtils,
  };
}

export type ElectronStandIn = ReturnType<typeof createElectronStandIn>;
