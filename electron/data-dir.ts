import os from 'node:os';
import path from 'node:path';

/** The name Electron gives the app's folders, from package.json's productName. */
export const PRODUCT_NAME = 'Cadent Uploader';

/**
 * The per-user folder that Electron's `app.getPath('userData')` gives this app, worked out
 * without Electron so the CLI opens the same database as the desktop app. `CADENT_DATA_DIR`
 * overrides it (tests, several profiles, a scheduled job with its own log).
 */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = os.homedir(),
): string {
  // Build Windows paths with Windows separators even when computed on another platform (tests).
  const paths = platform === 'win32' ? path.win32 : path.posix;

  const override = nonEmpty(env.CADENT_DATA_DIR);
  if (override) return paths.resolve(override);

  return paths.join(appDataDir(env, platform, home, paths), PRODUCT_NAME);
}

/** Electron's `appData`: the parent of every app's userData folder. */
function appDataDir(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform,
  home: string,
  paths: path.PlatformPath,
): string {
  switch (platform) {
    case 'win32':
      // Electron asks Windows for the Roaming folder, which is what APPDATA holds.
      return nonEmpty(env.APPDATA) ?? paths.join(home, 'AppData', 'Roaming');
    case 'darwin':
      return paths.join(home, 'Library', 'Application Support');
    default:
      // Chromium takes XDG_CONFIG_HOME as it is whenever it is set and not empty.
      return nonEmpty(env.XDG_CONFIG_HOME) ?? paths.join(home, '.config');
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
