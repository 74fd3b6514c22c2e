/**
 * The Electron main process: the app's life cycle, its one window and the security settings
 * around it, the app:// protocol, the menu, and the IPC handlers wired to the store and the
 * OS dialogs. Kept thin: the decisions live in pure modules tested without Electron.
 */
import path from 'node:path';

import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  protocol,
  session,
  shell,
} from 'electron';

import { channelOf, IPC_METHOD_NAMES, PROGRESS_CHANNEL } from '../shared/ipc-api';

import { createAppLog } from './app-log';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  createAppProtocolHandler,
} from './app-protocol';
import { defaultDataDir, PRODUCT_NAME } from './data-dir';
import {
  openCsvDialogOptions,
  pickedFile,
  pickedSavePath,
  saveDialogOptions,
} from './dialog-options';
import { createIpcHandlers, dispatchIpc } from './ipc/handlers';
import { buildMenuTemplate } from './menu-template';
import { openStore } from './store';
import {
  denyPermissionCheck,
  denyPermissionRequest,
  FORBIDDEN,
  isTrustedSender,
  REMOTE_URL_PATTERNS,
  secureWebPreferences,
} from './window-security';

import type { Logger } from './app-log';
import type { IpcDeps, IpcHandlers } from './ipc/types';
import type { Store } from './store';
import type { IpcSender } from './window-security';
import type { IpcMainInvokeEvent, WebContents } from 'electron';

/** As in build/electron-builder.yml; Windows shows notifications only for a known app ID. */
const APP_ID = 'com.cadent.uploader';

let mainWindow: BrowserWindow | null = null;
let store: Store | null = null;
let started = false;

if (app.requestSingleInstanceLock()) {
  // Both before ready: Chromium reads them when it starts.
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);

  app.on('second-instance', showWindow);
  // Every webContents, the window's and any other, gets the same navigation rules.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => {
    store?.close();
    store = null;
  });
  app.whenReady().then(start).catch(failToStart);
} else {
  // Another instance owns the window and the database; it is told through 'second-instance'.
  app.quit();
}

function start(): void {
  const dataDir = defaultDataDir();
  const appLog = createAppLog({ dir: path.join(dataDir, 'logs'), echo: !app.isPackaged });
  const opened = openStore({ dataDir });
  store = opened;
  // Uploads left 'running' by a crash or a quit become resumable.
  const interrupted = opened.uploads.markRunningAsInterrupted();
  appLog.logger('main').info('started', { version: app.getVersion(), interrupted });

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler(denyPermissionRequest);
  ses.setPermissionCheckHandler(denyPermissionCheck);
  ses.setDevicePermissionHandler(denyPermissionCheck);
  ses.webRequest.onBeforeRequest({ urls: REMOTE_URL_PATTERNS }, (_details, callback) =>
    callback({ cancel: true }),
  );
  if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

  protocol.handle(APP_SCHEME, createAppProtocolHandler(bundlePaths().renderer));
  registerIpcHandlers(createIpcHandlers(ipcDeps(opened, dataDir, appLog.logger('ipc'))));

  app.setAboutPanelOptions({ applicationName: PRODUCT_NAME, applicationVersion: app.getVersion() });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        appName: PRODUCT_NAME,
        isMac: process.platform === 'darwin',
        isDev: !app.isPackaged,
        openCsv: () => void openCsvFromMenu(),
        openLogFolder: () => void openLogFolder(path.dirname(appLog.path)),
      }),
    ),
  );

  // macOS keeps the app running with no window; clicking the dock icon brings one back.
  app.on('activate', showWindow);
  started = true;
  mainWindow = createWindow();
}

/** The bundles inside the app folder (the asar when packaged), next to package.json. */
function bundlePaths(): { preload: string; renderer: string } {
  const dist = path.join(app.getAppPath(), 'dist');
  return {
    preload: path.join(dist, 'electron', 'preload.cjs'),
    renderer: path.join(dist, 'renderer'),
  };
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    title: PRODUCT_NAME,
    width: 1280,
    height: 840,
    minWidth: 960,
    minHeight: 640,
    // Shown once painted, so the user never sees an empty frame.
    show: false,
    webPreferences: secureWebPreferences({
      preload: bundlePaths().preload,
      devTools: !app.isPackaged,
    }),
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

/** No navigation, no redirect, no new window, no webview: the app is one page. */
function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Brings the window to the front, or opens it again if it was closed (macOS). */
function showWindow(): void {
  if (!started) return;
  const window = liveWindow();
  if (!window) {
    // It shows itself once painted.
    mainWindow = createWindow();
    return;
  }
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** One handler per method of the table; each answers only the app's own page. */
function registerIpcHandlers(handlers: IpcHandlers): void {
  for (const method of IPC_METHOD_NAMES) {
    ipcMain.handle(channelOf(method), (event, rawArgs: unknown) =>
      isTrustedSender(describeSender(event)) ? dispatchIpc(handlers, method, rawArgs) : FORBIDDEN,
    );
  }
}

function describeSender(event: IpcMainInvokeEvent): IpcSender {
  const window = liveWindow();
  const fromOwnWindow = window !== null && event.sender.id === window.webContents.id;
  try {
    const frame = event.senderFrame;
    return {
      fromOwnWindow,
      frame: frame && { url: frame.url, isMainFrame: frame.parent === null },
    };
  } catch {
    // A frame disposed while its call was in flight throws on access: it is nobody now.
    return { fromOwnWindow, frame: null };
  }
}

function ipcDeps(opened: Store, dataDir: string, log: Logger): IpcDeps {
  return {
    store: opened,
    log,
    dataDir,
    version: app.getVersion(),
    platform: process.platform,
    chooseFile,
    chooseSavePath: async (suggestedName, kind) => {
      const options = saveDialogOptions(suggestedName, kind, app.getPath('documents'));
      const window = liveWindow();
      return pickedSavePath(
        await (window ? dialog.showSaveDialog(window, options) : dialog.showSaveDialog(options)),
      );
    },
    sendProgress: (message) => liveWindow()?.webContents.send(PROGRESS_CHANNEL, message),
    onUploadFinished: ({ title, body }) => {
      // The user watching the window sees the result there; a notification would be noise.
      if (liveWindow()?.isFocused() || !Notification.isSupported()) return;
      const notification = new Notification({ title, body });
      notification.on('click', showWindow);
      notification.show();
    },
  };
}

async function chooseFile(): Promise<string | null> {
  const options = openCsvDialogOptions();
  const window = liveWindow();
  return pickedFile(
    await (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options)),
  );
}

async function openCsvFromMenu(): Promise<void> {
  const file = await chooseFile();
  if (file) liveWindow()?.webContents.send(PROGRESS_CHANNEL, { kind: 'open-file', path: file });
}

async function openLogFolder(folder: string): Promise<void> {
  const problem = await shell.openPath(folder);
  if (problem) dialog.showErrorBox('The log folder could not be opened', `${folder}: ${problem}`);
}

function liveWindow(): BrowserWindow | null {
  return mainWindow && !mainWindow.isDestroyed() ? mainWindow : null;
}

function failToStart(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox(`${PRODUCT_NAME} could not start`, message);
  app.exit(1);
}
