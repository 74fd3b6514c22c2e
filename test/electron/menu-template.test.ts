import { describe, expect, it, vi } from 'vitest';

import { buildMenuTemplate } from '../../electron/menu-template';

import type { MenuItemTemplate, MenuOptions } from '../../electron/menu-template';

function options(overrides: Partial<MenuOptions> = {}): MenuOptions {
  return {
    appName: 'Cadent Uploader',
    isMac: false,
    isDev: false,
    openCsv: vi.fn(),
    openLogFolder: vi.fn(),
    ...overrides,
  };
}

const topLabels = (menu: MenuItemTemplate[]) => menu.map((item) => item.label ?? item.role);
const submenuOf = (menu: MenuItemTemplate[], label: string) =>
  menu.find((item) => (item.label ?? item.role) === label)?.submenu ?? [];
const roles = (items: MenuItemTemplate[]) =>
  items.flatMap((item) => (item.role ? [item.role] : []));

describe('the menu template', () => {
  it('has File, Edit, View, Window and Help on Windows and Linux', () => {
    expect(topLabels(buildMenuTemplate(options()))).toEqual([
      'File',
      'Edit',
      'View',
      'window',
      'help',
    ]);
  });

  it('offers Open CSV…, Open log folder and Quit in File, wired to their actions', () => {
    const opts = options();
    const file = submenuOf(buildMenuTemplate(opts), 'File');

    expect(file.map((item) => item.label ?? item.type)).toEqual([
      'Open CSV…',
      'Open log folder',
      'separator',
      'Quit',
    ]);
    file[0]?.click?.();
    file[1]?.click?.();
    expect(opts.openCsv).toHaveBeenCalledTimes(1);
    expect(opts.openLogFolder).toHaveBeenCalledTimes(1);
    expect(file[0]?.accelerator).toBe('CmdOrCtrl+O');
    expect(file[3]?.role).toBe('quit');
  });

  it('keeps reload and the developer tools out of a packaged app', () => {
    const view = submenuOf(buildMenuTemplate(options({ isDev: false })), 'View');

    expect(roles(view)).toEqual(['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
  });

  it('adds reload and the developer tools in development', () => {
    const view = submenuOf(buildMenuTemplate(options({ isDev: true })), 'View');

    expect(roles(view)).toEqual([
      'reload',
      'forceReload',
      'toggleDevTools',
      'resetZoom',
      'zoomIn',
      'zoomOut',
      'togglefullscreen',
    ]);
  });

  it('uses the standard edit roles', () => {
    const edit = submenuOf(buildMenuTemplate(options()), 'Edit');

    expect(roles(edit)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']);
  });

  it('puts About in Help on Windows and Linux', () => {
    expect(submenuOf(buildMenuTemplate(options()), 'help')).toEqual([
      { role: 'about', label: 'About Cadent Uploader' },
    ]);
  });

  it('leads with the app menu on macOS, with About and Quit there', () => {
    const menu = buildMenuTemplate(options({ isMac: true }));

    expect(topLabels(menu)).toEqual(['Cadent Uploader', 'File', 'Edit', 'View', 'window', 'help']);
    expect(roles(submenuOf(menu, 'Cadent Uploader'))).toEqual([
      'about',
      'services',
      'hide',
      'hideOthers',
      'unhide',
      'quit',
    ]);
    expect(roles(submenuOf(menu, 'File'))).toEqual(['close']);
    expect(submenuOf(menu, 'File').map((item) => item.label)).toContain('Open log folder');
  });
});
