/**
 * The native menu, as a template Electron's `Menu.buildFromTemplate` takes. Pure: the actions
 * come in as callbacks, so the menu's shape is tested without Electron.
 */

/** The roles this menu uses, a subset of Electron's. */
export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'close'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'window'
  | 'help';

export interface MenuItemTemplate {
  id?: string;
  label?: string;
  role?: MenuRole;
  type?: 'separator';
  accelerator?: string;
  click?: () => void;
  submenu?: MenuItemTemplate[];
}

export interface MenuOptions {
  appName: string;
  /** macOS puts About and Quit in the app menu and keeps the app running without windows. */
  isMac: boolean;
  /** Reload and the developer tools only in development: a user gains nothing from them. */
  isDev: boolean;
  openCsv(): void;
  openLogFolder(): void;
}

/** The menu bar: File, Edit, View, Window, Help (and the app menu on macOS). */
export function buildMenuTemplate(options: MenuOptions): MenuItemTemplate[] {
  const { appName, isMac, isDev } = options;
  const separator: MenuItemTemplate = { type: 'separator' };
  const about: MenuItemTemplate = { role: 'about', label: `About ${appName}` };

  const appMenu: MenuItemTemplate = {
    label: appName,
    submenu: [
      about,
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };

  const fileMenu: MenuItemTemplate = {
    label: 'File',
    submenu: [
      { id: 'open-csv', label: 'Open CSV…', accelerator: 'CmdOrCtrl+O', click: options.openCsv },
      { id: 'open-log-folder', label: 'Open log folder', click: options.openLogFolder },
      separator,
      isMac ? { role: 'close' } : { role: 'quit', label: 'Quit' },
    ],
  };

  const editMenu: MenuItemTemplate = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(isMac ? [{ role: 'pasteAndMatchStyle' as const }] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  };

  const devItems: MenuItemTemplate[] = isDev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, separator]
    : [];
  const viewMenu: MenuItemTemplate = {
    label: 'View',
    submenu: [
      ...devItems,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };

  const windowMenu: MenuItemTemplate = {
    role: 'window',
    submenu: isMac
      ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  };

  // On macOS About is in the app menu; Help still exists for the system's help search.
  const helpMenu: MenuItemTemplate = { role: 'help', submenu: isMac ? [] : [about] };

  return [...(isMac ? [appMenu] : []), fileMenu, editMenu, viewMenu, windowMenu, helpMenu];
}
