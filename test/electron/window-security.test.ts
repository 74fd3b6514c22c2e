import { describe, expect, it, vi } from 'vitest';

import {
  denyPermissionCheck,
  denyPermissionRequest,
  FORBIDDEN,
  isTrustedSender,
  secureWebPreferences,
} from '../../electron/window-security';

const appPage = { url: 'app://cadent/index.html', isMainFrame: true };

describe('window security', () => {
  it('isolates, sandboxes and keeps Node out of the page', () => {
    expect(secureWebPreferences({ preload: '/app/preload.cjs', devTools: false })).toMatchObject({
      preload: '/app/preload.cjs',
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
      devTools: false,
    });
  });

  it('trusts the main frame of its own window on the app origin', () => {
    expect(isTrustedSender({ fromOwnWindow: true, frame: appPage })).toBe(true);
  });

  it.each([
    ['another webContents', { fromOwnWindow: false, frame: appPage }],
    ['a subframe', { fromOwnWindow: true, frame: { ...appPage, isMainFrame: false } }],
    [
      'a remote page',
      { fromOwnWindow: true, frame: { url: 'https://evil.example/', isMainFrame: true } },
    ],
    [
      'a file page',
      { fromOwnWindow: true, frame: { url: 'file:///tmp/x.html', isMainFrame: true } },
    ],
    ['another app host', { fromOwnWindow: true, frame: { url: 'app://evil/', isMainFrame: true } }],
    ['a frame that is gone', { fromOwnWindow: true, frame: null }],
  ])('does not trust %s', (_name, sender) => {
    expect(isTrustedSender(sender)).toBe(false);
  });

  it('answers strangers with a forbidden envelope', () => {
    expect(FORBIDDEN).toEqual({
      ok: false,
      error: { code: 'forbidden', message: expect.any(String) },
    });
  });

  it.each([
    'media',
    'geolocation',
    'notifications',
    'clipboard-read',
    'fullscreen',
    'openExternal',
  ])('refuses the %s permission', (permission) => {
    const callback = vi.fn();

    denyPermissionRequest({}, permission, callback);

    expect(callback).toHaveBeenCalledExactlyOnceWith(false);
    expect(denyPermissionCheck()).toBe(false);
  });
});
