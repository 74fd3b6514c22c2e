import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { defaultDataDir } from '../../electron/data-dir';

describe('defaultDataDir', () => {
  it('uses XDG_CONFIG_HOME on Linux', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/home/ada/.cfg' }, 'linux', '/home/ada')).toBe(
      '/home/ada/.cfg/Cadent Uploader',
    );
  });

  it('falls back to ~/.config on Linux when XDG_CONFIG_HOME is unset or empty', () => {
    expect(defaultDataDir({}, 'linux', '/home/ada')).toBe('/home/ada/.config/Cadent Uploader');
    expect(defaultDataDir({ XDG_CONFIG_HOME: '' }, 'linux', '/home/ada')).toBe(
      '/home/ada/.config/Cadent Uploader',
    );
  });

  it('uses Application Support on macOS, whatever XDG says', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'darwin', '/Users/ada')).toBe(
      '/Users/ada/Library/Application Support/Cadent Uploader',
    );
  });

  it('uses APPDATA on Windows, with Windows separators', () => {
    const env = { APPDATA: 'C:\\Users\\Ada\\AppData\\Roaming' };

    expect(defaultDataDir(env, 'win32', 'C:\\Users\\Ada')).toBe(
      'C:\\Users\\Ada\\AppData\\Roaming\\Cadent Uploader',
    );
  });

  it('falls back to the Roaming folder under the home folder when APPDATA is unset', () => {
    expect(defaultDataDir({}, 'win32', 'C:\\Users\\Ada')).toBe(
      'C:\\Users\\Ada\\AppData\\Roaming\\Cadent Uploader',
    );
  });

  it('lets CADENT_DATA_DIR override the folder on every platform', () => {
    const env = { CADENT_DATA_DIR: '/srv/cadent/profile-a', XDG_CONFIG_HOME: '/x' };

    expect(defaultDataDir(env, 'linux', '/home/ada')).toBe('/srv/cadent/profile-a');
    expect(defaultDataDir(env, 'darwin', '/Users/ada')).toBe('/srv/cadent/profile-a');
    expect(defaultDataDir({ CADENT_DATA_DIR: 'D:\\cadent' }, 'win32', 'C:\\Users\\Ada')).toBe(
      'D:\\cadent',
    );
  });

  it('resolves a relative CADENT_DATA_DIR, so every command in a job opens the same file', () => {
    expect(defaultDataDir({ CADENT_DATA_DIR: 'data' }, 'linux', '/home/ada')).toBe(
      path.resolve('data'),
    );
  });

  it('ignores an empty CADENT_DATA_DIR', () => {
    expect(defaultDataDir({ CADENT_DATA_DIR: '' }, 'linux', '/home/ada')).toBe(
      '/home/ada/.config/Cadent Uploader',
    );
  });

  it('reads the real environment by default', () => {
    expect(path.basename(defaultDataDir())).not.toBe('');
  });
});
