import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { describe, expect, it, onTestFinished } from 'vitest';

import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  contentTypeOf,
  createAppProtocolHandler,
  isAppUrl,
  resolveAppFile,
} from '../../electron/app-protocol';
import { CONTENT_SECURITY_POLICY } from '../../electron/csp';

/** A renderer build folder, with a secret file beside it that must stay out of reach. */
function rendererFolder(): { root: string; secret: string } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'cadent-protocol-test-'));
  onTestFinished(() => fs.rmSync(base, { recursive: true, force: true }));
  const root = path.join(base, 'app', 'dist', 'renderer');
  fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Cadent</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-4f2a.js'), 'console.log("app")');
  fs.writeFileSync(path.join(root, 'assets', 'index-4f2a.css'), 'body{margin:0}');
  fs.writeFileSync(path.join(root, 'assets', 'logo.svg'), '<svg/>');
  fs.writeFileSync(path.join(root, 'assets', 'font.woff2'), 'wOF2');
  const secret = path.join(base, 'secret.txt');
  fs.writeFileSync(secret, 'the API key');
  fs.writeFileSync(path.join(base, 'app', 'secret.txt'), 'the API key');
  return { root, secret };
}

const get = (url: string) => ({ url, method: 'GET' });

describe('the app protocol', () => {
  it('is registered as a standard, secure scheme that other origins cannot read', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
    expect(APP_ENTRY_URL).toBe('app://cadent/index.html');
  });

  it.each([
    ['/', 'index.html', 'text/html; charset=utf-8'],
    ['/index.html', 'index.html', 'text/html; charset=utf-8'],
    ['/assets/index-4f2a.js', 'assets/index-4f2a.js', 'text/javascript; charset=utf-8'],
    ['/assets/index-4f2a.css?v=2#top', 'assets/index-4f2a.css', 'text/css; charset=utf-8'],
    ['/assets/logo.svg', 'assets/logo.svg', 'image/svg+xml'],
    ['/assets/font.woff2', 'assets/font.woff2', 'font/woff2'],
  ])('serves %s from the renderer folder with its type', async (urlPath, file, type) => {
    const { root } = rendererFolder();
    const handler = createAppProtocolHandler(root);

    const response = await handler(get(`app://cadent${urlPath}`));

    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe(type);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe(fs.readFileSync(path.join(root, file), 'utf8'));
  });

  it('puts the content security policy on every response, errors included', async () => {
    const { root } = rendererFolder();
    const handler = createAppProtocolHandler(root);

    for (const url of ['app://cadent/index.html', 'app://cadent/missing.js', 'app://evil/']) {
      const response = await handler(get(url));
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it.each([
    'app://cadent/../../secret.txt',
    'app://cadent/../../../../../../etc/passwd',
    'app://cadent/..%2f..%2fsecret.txt',
    'app://cadent/..%2F..%2F..%2Fsecret.txt',
    'app://cadent/%2e%2e/%2e%2e/secret.txt',
    'app://cadent/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://cadent/assets/..%5c..%5c..%5csecret.txt',
    'app://cadent/%252e%252e/%252e%252e/secret.txt',
    'app://cadent/index.html%00.png',
    'app://cadent/%E0%A4%A',
    'app://evil/index.html',
    'app://cadent.evil/index.html',
    'app://Cadent.example/index.html',
    'file:///etc/passwd',
    'https://cadent/index.html',
  ])('refuses %s', async (url) => {
    const { root } = rendererFolder();
    const handler = createAppProtocolHandler(root);

    const response = await handler(get(url));

    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await response.text()).not.toContain('the API key');
  });

  it('answers 404 for a missing file or a folder', async () => {
    const { root } = rendererFolder();
    const handler = createAppProtocolHandler(root);

    expect((await handler(get('app://cadent/nope.js'))).status).toBe(404);
    expect((await handler(get('app://cadent/assets'))).status).toBe(404);
    expect((await handler(get('app://cadent/assets/'))).status).toBe(404);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const { root } = rendererFolder();
    const handler = createAppProtocolHandler(root);

    const head = await handler({ url: 'app://cadent/index.html', method: 'HEAD' });
    const post = await handler({ url: 'app://cadent/index.html', method: 'POST' });

    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect(post.status).toBe(405);
  });

  it('maps URLs to files only inside the root', () => {
    const root = path.resolve('/srv/app/dist/renderer');

    expect(resolveAppFile('app://cadent/a/b.js', root)).toEqual({
      ok: true,
      file: path.join(root, 'a', 'b.js'),
    });
    expect(resolveAppFile('app://cadent/..%2fx', root)).toEqual({ ok: false, status: 403 });
    expect(resolveAppFile('app://cadent/%zz', root)).toEqual({ ok: false, status: 400 });
    expect(resolveAppFile('not a url', root)).toEqual({ ok: false, status: 400 });
  });

  it('knows its own origin and no other', () => {
    expect(isAppUrl('app://cadent/index.html')).toBe(true);
    expect(isAppUrl('app://cadent/')).toBe(true);
    for (const url of ['app://evil/', 'https://cadent/', 'file:///index.html', 'about:blank', '']) {
      expect(isAppUrl(url)).toBe(false);
    }
  });

  it('gives unknown extensions a type the browser will not run', () => {
    expect(contentTypeOf('/x/archive.bin')).toBe('application/octet-stream');
    expect(contentTypeOf('/x/INDEX.HTML')).toBe('text/html; charset=utf-8');
  });
});
