/**
 * The `app://cadent` protocol the window loads its pages from instead of `file://`: one origin
 * that serves the renderer's build folder and nothing else, every response under the CSP.
 * Pure Node (no Electron import), so it is tested by calling the handler with a Request.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

import { CONTENT_SECURITY_POLICY } from './csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'cadent';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
/** The page the window opens. */
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** For `protocol.registerSchemesAsPrivileged`, which must run before the app is ready. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  // standard: relative URLs and a real origin; secure: a secure context, like https.
  // supportFetchAPI: Chromium fetches module scripts (Vite's output) through the fetch
  // machinery. Not corsEnabled: no other origin may read these files.
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

/** True for a URL on the app's own origin. */
export function isAppUrl(url: string): boolean {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  // Compared by parts: WHATWG URL gives non-special schemes an opaque origin ("null").
  return parsed?.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
}

/** What `protocol.handle` passes: only the parts the handler reads. */
export type AppRequest = Pick<Request, 'url' | 'method'>;

/** A `protocol.handle` handler serving the files under `rootDir`, and only those. */
export function createAppProtocolHandler(
  rootDir: string,
): (request: AppRequest) => Promise<Response> {
  const root = path.resolve(rootDir);

  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405);
    const target = resolveAppFile(request.url, root);
    if (!target.ok) return plain(target.status);

    let body: Buffer;
    try {
      const stats = await fs.stat(target.file);
      if (!stats.isFile()) return plain(404);
      body = await fs.readFile(target.file);
    } catch (error) {
      return plain(isMissing(error) ? 404 : 500);
    }

    const headers = securityHeaders();
    headers.set('Content-Type', contentTypeOf(target.file));
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers,
    });
  };
}

export type AppFileTarget = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 };

/**
 * Maps an app URL to a file under `root`, or says why not: another scheme or host, a
 * malformed escape, or a path that would leave the folder (`..` plain or percent-encoded,
 * an encoded slash or backslash, a NUL byte).
 */
export function resolveAppFile(url: string, root: string): AppFileTarget {
  if (!URL.canParse(url)) return { ok: false, status: 400 };
  const parsed = new URL(url);
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return { ok: false, status: 403 };
  }

  let decoded: string;
  try {
    decoded = decodeURIComponent(parsed.pathname);
  } catch {
    return { ok: false, status: 400 };
  }
  // The URL parser already folds plain `..`; these are what decoding can bring back.
  if (decoded.includes('\0') || decoded.includes('\\')) return { ok: false, status: 403 };
  if (decoded.split('/').includes('..')) return { ok: false, status: 403 };

  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const file = path.resolve(root, relative);
  const inside = path.relative(root, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) {
    return { ok: false, status: 403 };
  }
  return { ok: true, file };
}

/** The MIME type of a file the renderer's build can contain; octet-stream otherwise. */
export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
};

function securityHeaders(): Headers {
  return new Headers({
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    // Chromium must take the type we give, never guess one from the bytes.
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
}

/** An empty answer, still under the CSP: an error page is a page too. */
function plain(status: number): Response {
  const headers = securityHeaders();
  headers.set('Content-Type', 'text/plain; charset=utf-8');
  return new Response(null, { status, headers });
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR';
}
