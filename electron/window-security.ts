/**
 * The security settings of the app's window, and the rule for who may call the IPC
 * handlers. Pure: main.ts applies them to Electron's objects.
 */
import { isAppUrl } from './app-protocol';

import type { Result } from '../shared/ipc-api';

/** The web preferences of the app's window: the renderer is a web page, nothing more. */
export function secureWebPreferences(options: { preload: string; devTools: boolean }) {
  return {
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
    // A file dropped outside the drop zone must not replace the app with the file's content.
    navigateOnDragDrop: false,
    // A page that opens alert() in a loop cannot lock the window.
    safeDialogs: true,
    spellcheck: false,
    devTools: options.devTools,
  };
}

/** What the IPC handler knows about a call's origin. */
export interface IpcSender {
  /** Whether the call came from the app's own window's webContents. */
  fromOwnWindow: boolean;
  /** The frame that sent it; null once that frame is gone. */
  frame: { url: string; isMainFrame: boolean } | null;
}

/**
 * Only the app's window, its main frame, on the app's origin: a subframe or a page the
 * window was somehow pointed at gets nothing, even with the preload's bridge in reach.
 */
export function isTrustedSender(sender: IpcSender): boolean {
  return (
    sender.fromOwnWindow &&
    sender.frame !== null &&
    sender.frame.isMainFrame &&
    isAppUrl(sender.frame.url)
  );
}

/** The answer to a call from anyone else. */
export const FORBIDDEN: Result<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This request did not come from the app window.' },
};

/**
 * Requests the page's session refuses outright, under the CSP: the renderer never needs the
 * network (the main process talks to Cadent with Node's fetch, outside the session).
 */
export const REMOTE_URL_PATTERNS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

/** Every web permission (camera, notifications, clipboard, geolocation, ...) is refused. */
export const denyPermissionRequest = (
  _contents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void => callback(false);

export const denyPermissionCheck = (): boolean => false;
