/**
 * The packaging configuration, checked without packaging (which would download Electron):
 * electron-builder's own schema, the security settings it must carry, and the icons.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');
const require = createRequire(import.meta.url);
// Neither ships types; both come with electron-builder.
const yaml = require('js-yaml') as { load(text: string): unknown };
const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
  validateConfiguration(config: unknown, debug: { isEnabled: boolean }): Promise<void>;
};

type Target = { target: string; arch?: string[] };
interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  mac: {
    category: string;
    hardenedRuntime: boolean;
    gatekeeperAssess: boolean;
    entitlements: string;
    entitlementsInherit: string;
    target: Target[];
  };
  win: { target: Target[] };
  linux: { category: string; maintainer: string; icon: string; target: Target[] };
}

const config = yaml.load(
  fs.readFileSync(path.join(root, 'build', 'electron-builder.yml'), 'utf8'),
) as BuilderConfig;
const packageJson = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  main: string;
};

const targets = (list: Target[]) => list.map((entry) => entry.target);

describe('packaging', () => {
  it('passes electron-builder’s own schema', async () => {
    await expect(validateConfiguration(config, { isEnabled: false })).resolves.toBeUndefined();
  });

  it('names the app', () => {
    expect(config.appId).toBe('com.cadent.uploader');
    expect(config.productName).toBe('Cadent Uploader');
  });

  it('packs the bundles the app starts from', () => {
    expect(config.files).toEqual(
      expect.arrayContaining(['package.json', 'dist/electron/**', 'dist/renderer/**']),
    );
    expect(packageJson.main).toBe('dist/electron/main.cjs');
  });

  it('keeps native modules outside the asar and rebuilds them for Electron', () => {
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        '**/*.node',
        'node_modules/better-sqlite3/**',
        'node_modules/keytar/**',
      ]),
    );
    expect(config.npmRebuild).toBe(true);
  });

  it('flips the Electron fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds for macOS with the hardened runtime and JIT as the only entitlement', () => {
    expect(config.mac).toMatchObject({
      category: 'public.app-category.business',
      hardenedRuntime: true,
      gatekeeperAssess: false,
      entitlements: 'build/entitlements.mac.plist',
      entitlementsInherit: 'build/entitlements.mac.plist',
    });
    expect(targets(config.mac.target)).toEqual(['dmg', 'zip']);

    const plist = fs.readFileSync(path.join(root, config.mac.entitlements), 'utf8');
    const granted = [...plist.matchAll(/<key>([^<]+)<\/key>\s*<true\/>/g)].map((m) => m[1]);
    expect(granted).toEqual(['com.apple.security.cs.allow-jit']);
    expect(plist).not.toMatch(/<false\/>|<string>/);
  });

  it('builds an nsis installer for Windows, an AppImage and a deb for Linux', () => {
    expect(targets(config.win.target)).toEqual(['nsis']);
    expect(targets(config.linux.target)).toEqual(['AppImage', 'deb']);
    expect(config.linux.category).toBe('Office');
    expect(config.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/);
  });

  it.each([
    ['build/icon.png', 1024],
    ['build/icons/1024x1024.png', 1024],
    ['build/icons/512x512.png', 512],
    ['build/icons/256x256.png', 256],
  ])('has the icon %s at %i pixels square', (file, size) => {
    const png = fs.readFileSync(path.join(root, file));

    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    expect(png.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
  });
});
