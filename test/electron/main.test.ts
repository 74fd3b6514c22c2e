/**
 * main.ts against the stand-in electron module, with the real store (in a temporary folder),
 * the real IPC handlers and the real dispatchIpc.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';

import { CONTENT_SECURITY_POLICY } from '../../electron/csp';
import { openStore } from '../../electron/store';
import { channelOf, IPC_METHOD_NAMES, PROGRESS_CHANNEL } from '../../shared/ipc-api';
import { createElectronStandIn, StandInEvent, StandInWebContents } from '../stand-ins/electron';

import { deadProcessId, newUpload } from './store/test-store';

import type * as HandlersModule from '../../electron/ipc/handlers';
import type { IpcDeps } from '../../electron/ipc/types';
import type { MenuItemTemplate } from '../../electron/menu-template';
import type { IpcMethodName, ProgressMessage } from '../../shared/ipc-api';
import type { ElectronStandIn } from '../stand-ins/electron';

interface Started {
  electron: ElectronStandIn;
  appDir: string;
  dataDir: string;
  /** What main.ts handed the IPC handlers. */
  deps: () => IpcDeps;
}

/** A fresh app folder with a renderer build, and a fresh data folder. */
function folders(): { appDir: string; dataDir: string } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'cadent-main-test-'));
  onTestFinished(() => fs.rmSync(base, { recursive: true, force: true }));
  const appDir = path.join(base, 'app');
  const renderer = path.join(appDir, 'dist', 'renderer');
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Cadent</title>');
  fs.writeFileSync(path.join(renderer, 'assets', 'index.js'), 'export {}');
  fs.writeFileSync(path.join(appDir, 'package.json'), '{"private":true}');
  return { appDir, dataDir: path.join(base, 'data') };
}

interface StartOptions {
  /** Sets the stand-in up before main.ts loads: a second instance, a packaged app, ... */
  configure?: (electron: ElectronStandIn) => void;
  /** The data folder; a fresh one by default. */
  dataDir?: string;
}

/** Loads main.ts afresh against a fresh stand-in and lets its `whenReady` step run. */
async function startMain(options: StartOptions = {}): Promise<Started> {
  const fresh = folders();
  const { appDir } = fresh;
  const dataDir = options.dataDir ?? fresh.dataDir;
  const electron = createElectronStandIn();
  electron.app.appPath = appDir;
  options.configure?.(electron);
  vi.stubEnv('CADENT_DATA_DIR', dataDir);

  let deps: IpcDeps | null = null;
  vi.doMock('electron', () => electron);
  // The real handlers and dispatchIpc, watched only to see the deps main.ts wires in.
  vi.doMock('../../electron/ipc/handlers', async (importOriginal) => {
    const real = await importOriginal<typeof HandlersModule>();
    return {
      ...real,
      createIpcHandlers: (given: IpcDeps) => {
        deps = given;
        return real.createIpcHandlers(given);
      },
    };
  });
  vi.resetModules();
  await import('../../electron/main');
  // whenReady resolves on a microtask; start() runs right after it.
  await new Promise((resolve) => setImmediate(resolve));
  // The store stays open until the app quits: quit at the end, as Electron would.
  onTestFinished(() => {
    electron.app.emit('will-quit', new StandInEvent());
  });

  return {
    electron,
    appDir,
    dataDir,
    deps: () => {
      if (!deps) throw new Error('main.ts did not create the IPC handlers');
      return deps;
    },
  };
}

function onlyWindow(electron: ElectronStandIn) {
  expect(electron.BrowserWindow.created).toHaveLength(1);
  return electron.BrowserWindow.created[0]!;
}

/** Calls `method` as the app's own page would. */
function callFromPage(electron: ElectronStandIn, method: IpcMethodName, ...args: unknown[]) {
  const window = electron.BrowserWindow.getAllWindows()[0]!;
  return electron.ipcMain.invoke(channelOf(method), { sender: window.webContents }, ...args);
}

/** A webContents that is not the app's window, showing `url`. */
function pageElsewhere(url: string): StandInWebContents {
  const contents = new StandInWebContents();
  contents.mainFrame.url = url;
  return contents;
}

function appProtocol(electron: ElectronStandIn) {
  const handler = electron.protocol.handlers.get('app');
  if (!handler) throw new Error('no handler for app://');
  return (url: string) => handler(new Request(url));
}

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  vi.doUnmock('electron');
  vi.doUnmock('../../electron/ipc/handlers');
});

describe('main process', () => {
  describe('life cycle', () => {
    it('takes the single-instance lock and opens one window on the app page', async () => {
      const { electron } = await startMain();

      const window = onlyWindow(electron);
      expect(window.loadedUrl).toBe('app://cadent/index.html');
      expect(electron.app.quitCalls).toBe(0);
    });

    it('quits at once, touching nothing, when another instance holds the lock', async () => {
      const { electron } = await startMain({
        configure: (e) => {
          e.app.lockAvailable = false;
        },
      });

      expect(electron.app.quitCalls).toBe(1);
      expect(electron.BrowserWindow.created).toEqual([]);
      expect(electron.ipcMain.handlers.size).toBe(0);
      expect(electron.protocol.privileged).toEqual([]);
    });

    it('brings its window to the front when a second instance starts', async () => {
      const { electron } = await startMain();
      const window = onlyWindow(electron);
      window.minimized = true;

      electron.app.emit('second-instance', new StandInEvent(), ['cadent-uploader'], '/');

      expect(window.minimized).toBe(false);
      expect(window.visible).toBe(true);
      expect(window.focused).toBe(true);
    });

    it('shows the window once it is painted', async () => {
      const { electron } = await startMain();
      const window = onlyWindow(electron);

      expect(window.options.show).toBe(false);
      window.emit('ready-to-show');
      expect(window.visible).toBe(true);
    });

    it('opens a new window on activate after the last one closed (macOS)', async () => {
      const { electron } = await startMain();
      const first = onlyWindow(electron);

      first.close();
      electron.app.emit('activate');

      expect(electron.BrowserWindow.getAllWindows()).toHaveLength(1);
      expect(electron.BrowserWindow.getAllWindows()[0]).not.toBe(first);
    });

    it('quits when the last window closes (not macOS)', async () => {
      const { electron } = await startMain();
      vi.spyOn(process, 'platform', 'get').mockReturnValue('linux');

      electron.app.emit('window-all-closed');

      expect(electron.app.quitCalls).toBe(1);
    });

    it('marks uploads left running by a crash as interrupted at startup', async () => {
      const { dataDir } = folders();
      const crashed = openStore({ dataDir, processId: await deadProcessId() });
      crashed.uploads.create(newUpload({ id: 'crashed' }));
      crashed.close();

      const { deps } = await startMain({ dataDir });

      expect(deps().store.uploads.get('crashed')?.status).toBe('interrupted');
    });

    it('closes the store when the app quits', async () => {
      const { electron, deps } = await startMain();
      const { store } = deps();

      electron.app.emit('will-quit', new StandInEvent());

      expect(() => store.settings.get()).toThrow(/not open/);
    });

    it('says why and exits when the data folder cannot be opened', async () => {
      const { electron } = await startMain({ dataDir: notAFolder() });

      expect(electron.dialog.errors).toEqual([
        { title: 'Cadent Uploader could not start', content: expect.any(String) },
      ]);
      expect(electron.app.exitCode).toBe(1);
      expect(electron.BrowserWindow.created).toEqual([]);
    });
  });

  describe('window security', () => {
    it('isolates and sandboxes the page, with the bundled preload', async () => {
      const { electron, appDir } = await startMain();
      const { webPreferences } = onlyWindow(electron).options as {
        webPreferences: Record<string, unknown>;
      };

      expect(webPreferences).toMatchObject({
        preload: path.join(appDir, 'dist', 'electron', 'preload.cjs'),
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInSubFrames: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        webviewTag: false,
        allowRunningInsecureContent: false,
      });
      expect(electron.app.sandboxEnabled).toBe(true);
    });

    it('turns the developer tools off in the packaged app only', async () => {
      const dev = await startMain();
      const packaged = await startMain({
        configure: (e) => {
          e.app.isPackaged = true;
        },
      });

      expect(onlyWindow(dev.electron).options.webPreferences).toMatchObject({ devTools: true });
      expect(onlyWindow(packaged.electron).options.webPreferences).toMatchObject({
        devTools: false,
      });
    });

    it.each(['will-navigate', 'will-redirect', 'will-attach-webview'])(
      'prevents %s',
      async (eventName) => {
        const { electron } = await startMain();
        const event = new StandInEvent();

        onlyWindow(electron).webContents.emit(eventName, event, 'https://evil.example/');

        expect(event.defaultPrevented).toBe(true);
      },
    );

    it('denies window.open', async () => {
      const { electron } = await startMain();
      const open = onlyWindow(electron).webContents.windowOpenHandler;

      expect(open?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
      expect(open?.({ url: 'app://cadent/index.html' })).toEqual({ action: 'deny' });
    });

    it('applies the same rules to any other webContents', async () => {
      const { electron } = await startMain();
      const other = new StandInWebContents();
      const event = new StandInEvent();

      electron.app.emit('web-contents-created', new StandInEvent(), other);
      other.emit('will-navigate', event, 'https://evil.example/');

      expect(event.defaultPrevented).toBe(true);
      expect(other.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
        action: 'deny',
      });
    });

    it.each([
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'clipboard-sanitized-write',
      'fullscreen',
      'openExternal',
      'pointerLock',
      'midi',
      'display-capture',
      'hid',
      'serial',
      'usb',
    ])('refuses the %s permission, asked or checked', async (permission) => {
      const { electron } = await startMain();
      const ses = electron.session.defaultSession;
      const callback = vi.fn();

      ses.permissionRequestHandler?.({}, permission, callback, {});

      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(ses.permissionCheckHandler?.({}, permission, 'app://cadent', {})).toBe(false);
      expect(ses.devicePermissionHandler?.({ deviceType: permission })).toBe(false);
    });

    it('cancels every request the page makes to the network', async () => {
      const { electron } = await startMain();
      const [blocker, ...others] = electron.session.defaultSession.webRequest.beforeRequest;
      const callback = vi.fn();

      blocker?.listener({ url: 'https://evil.example/collect' }, callback);

      expect(others).toEqual([]);
      expect(blocker?.filter.urls).toEqual(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']);
      expect(callback).toHaveBeenCalledExactlyOnceWith({ cancel: true });
    });
  });

  describe('app protocol', () => {
    it('registers app:// as privileged before the app is ready', async () => {
      const { electron } = await startMain();

      expect(electron.protocol.privileged).toEqual([
        {
          schemes: [
            {
              scheme: 'app',
              privileges: { standard: true, secure: true, supportFetchAPI: true },
            },
          ],
          beforeReady: true,
        },
      ]);
    });

    it('serves the renderer build with its type and the CSP', async () => {
      const { electron } = await startMain();
      const serve = appProtocol(electron);

      const page = await serve('app://cadent/index.html');
      const script = await serve('app://cadent/assets/index.js');

      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await page.text()).toContain('<title>Cadent</title>');
      expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    });

    it.each([
      'app://cadent/../../package.json',
      'app://cadent/../../../../etc/passwd',
      'app://cadent/..%2f..%2fpackage.json',
      'app://cadent/%2e%2e%2f%2e%2e%2fpackage.json',
      'app://cadent/assets/..%5c..%5c..%5cpackage.json',
      'app://other/index.html',
    ])('refuses %s', async (url) => {
      const { electron } = await startMain();

      const response = await appProtocol(electron)(url);

      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(await response.text()).not.toContain('private');
    });
  });

  describe('IPC', () => {
    it('registers exactly one handler per table entry, on the table channels', async () => {
      const { electron } = await startMain();

      expect([...electron.ipcMain.handlers.keys()].sort()).toEqual(
        IPC_METHOD_NAMES.map(channelOf).sort(),
      );
    });

    it('answers its own page', async () => {
      const { electron, dataDir } = await startMain();

      expect(await callFromPage(electron, 'getAppInfo')).toEqual({
        ok: true,
        value: { version: '0.1.0-test', dataDir, platform: process.platform },
      });
    });

    type Window = { webContents: StandInWebContents };
    it.each([
      ['another webContents', () => ({ sender: pageElsewhere('app://cadent/index.html') })],
      [
        'a subframe of the window',
        (window: Window) => ({
          sender: window.webContents,
          frame: window.webContents.mainFrame.child('app://cadent/index.html'),
        }),
      ],
      [
        'a remote page in the window',
        (window: Window) => {
          window.webContents.mainFrame.url = 'https://evil.example/';
          return { sender: window.webContents };
        },
      ],
      [
        'a file:// page in the window',
        (window: Window) => {
          window.webContents.mainFrame.url = 'file:///tmp/index.html';
          return { sender: window.webContents };
        },
      ],
      ['a frame that is gone', (window: Window) => ({ sender: window.webContents, frame: null })],
    ])('refuses %s', async (_name, from) => {
      const { electron } = await startMain();
      const sender = from(onlyWindow(electron));

      for (const method of IPC_METHOD_NAMES) {
        expect(await electron.ipcMain.invoke(channelOf(method), sender)).toEqual({
          ok: false,
          error: { code: 'forbidden', message: expect.any(String) },
        });
      }
    });

    it('refuses a window that has closed', async () => {
      const { electron } = await startMain();
      const window = onlyWindow(electron);
      window.close();

      const from = { sender: window.webContents };
      expect(await electron.ipcMain.invoke(channelOf('getAppInfo'), from)).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    });

    it('validates the argument against the table', async () => {
      const { electron } = await startMain();

      const missingName = await callFromPage(electron, 'saveConnection', {
        endpoint: 'https://events.cadent.example/',
        apiKey: 'sk_test_1',
      });
      const extraField = await callFromPage(electron, 'removeConnection', {
        name: 'Acme',
        force: true,
      });
      const notAnObject = await callFromPage(electron, 'openFile', 'orders.csv');

      for (const result of [missingName, extraField, notAnObject]) {
        expect(result).toMatchObject({ ok: false, error: { code: 'invalid_argument' } });
      }
      expect(missingName).toMatchObject({
        error: { message: expect.stringMatching(/^Name: is required/) },
      });
    });

    it('opens the CSV dialog on the window for chooseFile', async () => {
      const { electron } = await startMain({
        configure: (e) => {
          e.dialog.openAnswer = { canceled: false, filePaths: ['/home/ada/orders.csv'] };
        },
      });

      const chosen = await callFromPage(electron, 'chooseFile');

      expect(chosen).toEqual({ ok: true, value: '/home/ada/orders.csv' });
      const [call] = electron.dialog.calls;
      expect(call?.window).toBe(onlyWindow(electron));
      expect(call?.options).toMatchObject({
        properties: ['openFile'],
        filters: expect.arrayContaining([{ name: 'CSV files', extensions: ['csv', 'tsv', 'txt'] }]),
      });
    });

    it('answers null when the user cancels a dialog', async () => {
      const { electron } = await startMain();

      expect(await callFromPage(electron, 'chooseFile')).toEqual({ ok: true, value: null });
      expect(await callFromPage(electron, 'exportLog', { filter: {}, format: 'json' })).toEqual({
        ok: true,
        value: null,
      });
      expect(electron.dialog.calls[1]?.options).toMatchObject({
        defaultPath: path.join('/home/ada/documents', 'cadent-request-log.json'),
        filters: [{ name: 'JSON file', extensions: ['json'] }],
      });
    });

    it('sends progress to the window on the progress channel', async () => {
      const { electron, deps } = await startMain();
      const message: ProgressMessage = { kind: 'check', rowsRead: 10, rowsEstimated: null };

      deps().sendProgress(message);

      expect(onlyWindow(electron).webContents.sent).toEqual([
        { channel: PROGRESS_CHANNEL, args: [message] },
      ]);
    });

    it('notifies the end of an upload only when the window is in the background', async () => {
      const { electron, deps } = await startMain();
      const window = onlyWindow(electron);
      const result = { ok: true, title: 'Upload finished', body: '120 accepted, 0 not stored' };

      window.focused = true;
      deps().onUploadFinished?.(result);
      expect(electron.Notification.shown).toEqual([]);

      window.focused = false;
      deps().onUploadFinished?.(result);
      expect(electron.Notification.shown.map((n) => n.options)).toEqual([
        { title: 'Upload finished', body: '120 accepted, 0 not stored' },
      ]);

      electron.Notification.shown[0]?.emit('click');
      expect(window.focused).toBe(true);
    });
  });

  describe('menu', () => {
    function menuItem(electron: ElectronStandIn, top: string, label: string) {
      const template = (electron.Menu.applicationMenu?.template ?? []) as MenuItemTemplate[];
      const item = template
        .find((entry) => entry.label === top)
        ?.submenu?.find((entry) => entry.label === label);
      if (!item) throw new Error(`no ${top} > ${label} in the menu`);
      return item;
    }

    it('opens the app log folder from File > Open log folder', async () => {
      const { electron, dataDir } = await startMain();

      menuItem(electron, 'File', 'Open log folder').click?.();
      await new Promise((resolve) => setImmediate(resolve));

      const logs = path.join(dataDir, 'logs');
      expect(electron.shell.opened).toEqual([logs]);
      // The start itself is in the log, as a JSON line.
      const first = fs.readFileSync(path.join(logs, 'app.log'), 'utf8').split('\n')[0] ?? '';
      expect(JSON.parse(first)).toMatchObject({ module: 'main', message: 'started' });
    });

    it('opens the CSV dialog from File > Open CSV…', async () => {
      const { electron } = await startMain();

      menuItem(electron, 'File', 'Open CSV…').click?.();
      await new Promise((resolve) => setImmediate(resolve));

      expect(electron.dialog.calls.map((call) => call.kind)).toEqual(['open']);
    });

    it('offers the developer tools only in development', async () => {
      const dev = await startMain();
      const packaged = await startMain({
        configure: (e) => {
          e.app.isPackaged = true;
        },
      });

      const viewRoles = (electron: ElectronStandIn) =>
        ((electron.Menu.applicationMenu?.template ?? []) as MenuItemTemplate[])
          .find((entry) => entry.label === 'View')
          ?.submenu?.map((entry) => entry.role);
      expect(viewRoles(dev.electron)).toContain('toggleDevTools');
      expect(viewRoles(packaged.electron)).not.toContain('toggleDevTools');
      expect(viewRoles(packaged.electron)).not.toContain('reload');
    });
  });
});

/** A path where a folder cannot be made: a regular file. */
function notAFolder(): string {
  const { dataDir } = folders();
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  fs.writeFileSync(dataDir, 'not a folder');
  return dataDir;
}
