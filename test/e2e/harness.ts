/**
 * The end-to-end harness: the built renderer in Chromium, with a `window.cadent` built from the
 * same method names as the preload's, routed to the real handler table in this process: the
 * real store in a temporary folder, the real keychain, and the sandbox over loopback. Only the
 * OS dialogs are played by the test, which queues the paths they answer with.
 */
import { once } from 'node:events';
import fs from 'node:fs';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { CONTENT_SECURITY_POLICY } from '../../electron/csp';
import { createIpcHandlers, dispatchIpc } from '../../electron/ipc/handlers';
import { openStore } from '../../electron/store';
import { IPC_METHOD_NAMES, progressMessageSchema } from '../../shared/ipc-api';
import { startSandbox } from '../sandbox/server';

import type { IpcDeps } from '../../electron/ipc/types';
import type { Store } from '../../electron/store';
import type { ProgressMessage } from '../../shared/ipc-api';
import type { Sandbox, SandboxOptions } from '../sandbox/server';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Locator, Page } from 'playwright-core';

export const repoRoot = path.resolve(import.meta.dirname, '../..');
export const rendererDir = path.join(repoRoot, 'dist/renderer');
export const screensDir = path.join(repoRoot, 'test-results/screens');
const lastStateDir = path.join(repoRoot, 'test-results/last-state');
export const sampleFile = (name: string): string => path.resolve(repoRoot, '../shared/data', name);

/** The sample files' events are from October and November 2026. */
export const FIXED_NOW = new Date('2026-12-01T00:00:00Z');

export interface ViewportSize {
  width: number;
  height: number;
}

export const DESKTOP: ViewportSize = { width: 1280, height: 800 };
export const SMALL_DESKTOP: ViewportSize = { width: 1024, height: 700 };
/** The window's minimum size (electron/main.ts): every screen must still fit it. */
export const MIN_WINDOW: ViewportSize = { width: 960, height: 640 };

export interface HarnessOptions {
  /** Names the screenshot of the last state, kept for reading a failure. */
  name: string;
  sandbox?: SandboxOptions;
  viewport?: ViewportSize;
}

export interface Harness {
  page: Page;
  sandbox: Sandbox;
  store: Store;
  dataDir: string;
  /** A temporary folder for files the test writes (CSV inputs, exports). */
  workDir: string;
  /** The next path the "Open file" dialog answers with; null plays a cancel. */
  answerChooseFile(filePath: string | null): void;
  /** The next path a "Save as" dialog answers with; null plays a cancel. */
  answerSavePath(filePath: string | null): void;
  /** Drags a file from the desktop over the window, without dropping it yet. */
  dragFileOver(filePath: string): Promise<void>;
  /** Drags a file from the desktop and drops it on the window (like Finder or Explorer). */
  dropFile(filePath: string): Promise<void>;
  /**
   * Writes test-results/screens/NAME-SCHEME-WIDTHxHEIGHT.png in light and dark, at the current
   * size and at each of `sizes`, then puts the page back as it was. After each resize the main
   * area is scrolled to the last `scrollTo` target again, since the content reflows.
   */
  capture(name: string, sizes?: ViewportSize[]): Promise<string[]>;
  /** Scrolls the main area so `locator` is at its top, as a user reading down would. */
  scrollTo(locator: Locator): Promise<void>;
  /** Pushes a message to the window as the main process does (the menu's Open CSV…, say). */
  sendFromMain(message: ProgressMessage): void;
  /** Console errors, page errors and CSP violations seen so far; a clean run has none. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Starts the sandbox, the store and the handlers, serves the renderer, and opens the page. */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`${rendererDir} has no index.html: run npm run build:renderer first`);
  }
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadent-e2e-'));
  const dataDir = path.join(workDir, 'data');
  const now = () => new Date(FIXED_NOW);

  const sandbox = await startSandbox({ now, ...options.sandbox });
  const store = openStore({ dataDir, now });
  const server = await serveDirectory(rendererDir);
  const browser = await launchChromium();
  const context = await browser.newContext({
    viewport: options.viewport ?? DESKTOP,
    colorScheme: 'light',
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();

  let scrolledTo: Locator | null = null;
  const chooseFileAnswers: Array<string | null> = [];
  const savePathAnswers: Array<string | null> = [];
  const pageErrors: string[] = [];
  // Progress is pushed in order; a message sent before the page is ready is dropped, as a
  // window that is still loading would drop it.
  let progressChain = Promise.resolve();
  const sendProgress = (message: ProgressMessage): void => {
    const checked = progressMessageSchema.parse(message);
    progressChain = progressChain
      .then(() => page.evaluate((m) => window.__cadentTest?.progress(m), checked))
      .catch(() => undefined);
  };

  const deps: IpcDeps = {
    store,
    dataDir,
    version: '0.1.0-e2e',
    platform: process.platform,
    chooseFile: async () => chooseFileAnswers.shift() ?? null,
    chooseSavePath: async () => savePathAnswers.shift() ?? null,
    sendProgress,
    now,
    // Retries in tests wait milliseconds, not seconds.
    client: { retry: { baseDelayMs: 5, maxDelayMs: 20 } },
  };
  const handlers = createIpcHandlers(deps);

  await page.exposeBinding('__cadentInvoke', async (_source, method: string, args: unknown) => {
    const result = await dispatchIpc(handlers, method, args);
    // The bridge's structured clone drops nothing the renderer uses; keep the same here.
    return JSON.parse(JSON.stringify(result)) as unknown;
  });
  await page.addInitScript(installBridge, IPC_METHOD_NAMES as string[]);

  page.on('pageerror', (error) => pageErrors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(`console: ${message.text()}`);
  });

  await page.goto(`${server.url}/index.html`);
  await page.waitForSelector('.app');

  return {
    page,
    sandbox,
    store,
    dataDir,
    workDir,
    pageErrors,
    sendFromMain: sendProgress,
    answerChooseFile: (filePath) => chooseFileAnswers.push(filePath),
    answerSavePath: (filePath) => savePathAnswers.push(filePath),
    dragFileOver: (filePath) => dragFile(page, filePath, ['dragenter', 'dragover']),
    dropFile: (filePath) => dragFile(page, filePath, ['dragenter', 'dragover', 'drop']),
    scrollTo: async (locator) => {
      scrolledTo = locator.first();
      await scrollIntoView(scrolledTo);
    },
    capture: (name, sizes) => capture(page, name, sizes ?? [], scrolledTo),
    close: async () => {
      await progressChain;
      fs.mkdirSync(lastStateDir, { recursive: true });
      await page
        .screenshot({ path: path.join(lastStateDir, `${options.name}.png`) })
        .catch(() => undefined);
      await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await closeServer(server.server);
      await sandbox.close();
      store.close();
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

declare global {
  interface Window {
    __cadentInvoke?: (method: string, args: unknown) => Promise<unknown>;
    __cadentTest?: {
      progress(message: ProgressMessage): void;
      registerDrop(name: string, filePath: string): void;
    };
  }
}

/**
 * Runs in the page before its scripts: the same shape the preload exposes. A real browser
 * gives a dropped File no path, so `pathForFile` answers from the paths the test registered.
 */
function installBridge(methodNames: string[]): void {
  const listeners = new Set<(message: ProgressMessage) => void>();
  const dropPaths = new Map<string, string>();
  const invoke = (method: string, args: unknown) => {
    const binding = window.__cadentInvoke;
    if (!binding) return Promise.reject(new Error('the e2e binding is missing'));
    return binding(method, args);
  };
  const bridge: Record<string, unknown> = Object.fromEntries(
    methodNames.map((name) => [name, (args?: unknown) => invoke(name, args)]),
  );
  bridge.onProgress = (listener: (message: ProgressMessage) => void) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };
  bridge.pathForFile = (file: File) => {
    const found = dropPaths.get(file.name);
    if (found === undefined) throw new Error(`no path registered for a dropped ${file.name}`);
    return found;
  };
  Object.defineProperty(window, 'cadent', { value: Object.freeze(bridge) });
  Object.defineProperty(window, '__cadentTest', {
    value: Object.freeze({
      progress: (message: ProgressMessage) => listeners.forEach((listener) => listener(message)),
      registerDrop: (name: string, filePath: string) => dropPaths.set(name, filePath),
    }),
  });
}

async function dragFile(
  page: Page,
  filePath: string,
  events: Array<'dragenter' | 'dragover' | 'drop'>,
): Promise<void> {
  const name = path.basename(filePath);
  await page.evaluate(
    ([fileName, fullPath]) => window.__cadentTest?.registerDrop(fileName, fullPath),
    [name, filePath] as const,
  );
  const dataTransfer = await page.evaluateHandle((fileName) => {
    const transfer = new DataTransfer();
    // The page never reads the content; the main process opens the file by its path.
    transfer.items.add(new File([''], fileName, { type: 'text/csv' }));
    return transfer;
  }, name);
  for (const type of events) await page.dispatchEvent('main', type, { dataTransfer });
  await dataTransfer.dispose();
}

async function scrollIntoView(locator: Locator): Promise<void> {
  await locator.evaluate((element) => element.scrollIntoView({ block: 'start' }));
}

async function capture(
  page: Page,
  name: string,
  sizes: ViewportSize[],
  scrolledTo: Locator | null,
): Promise<string[]> {
  fs.mkdirSync(screensDir, { recursive: true });
  const original = page.viewportSize() ?? DESKTOP;
  const files: string[] = [];
  for (const size of [original, ...sizes]) {
    await page.setViewportSize(size);
    // A target of an earlier screen is gone; the page is then shown as it is.
    if (scrolledTo && (await scrolledTo.count()) > 0) await scrollIntoView(scrolledTo);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const file = path.join(screensDir, `${name}-${colorScheme}-${size.width}x${size.height}.png`);
      await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
      files.push(file);
    }
  }
  await page.setViewportSize(original);
  if (scrolledTo && (await scrolledTo.count()) > 0) await scrollIntoView(scrolledTo);
  await page.emulateMedia({ colorScheme: 'light' });
  return files;
}

function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** A static server for the built renderer on 127.0.0.1, with the app's CSP as a header. */
async function serveDirectory(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const relative = decodeURIComponent(url.pathname).replace(/^\/+/, '') || 'index.html';
    const file = path.resolve(root, relative);
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, {
      'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(response);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}` };
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
