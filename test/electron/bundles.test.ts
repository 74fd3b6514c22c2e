/**
 * The bundles `npm run build:electron` writes, run the way Electron runs them as far as Node
 * can: the preload in a context whose `require` knows only `electron` (as in the sandbox),
 * the worker in a real worker thread, the main process against the stand-in electron.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';

import { afterAll, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';

import { channelOf, IPC_METHOD_NAMES, PROGRESS_CHANNEL } from '../../shared/ipc-api';
import { createElectronStandIn, StandInEvent } from '../stand-ins/electron';

import type { PipelineTask, WorkerMessage } from '../../electron/pipeline/worker-protocol';
import type { CadentBridge } from '../../shared/ipc-api';
import type { Mapping } from '../../shared/mapping';
import type { ElectronStandIn } from '../stand-ins/electron';

const root = path.resolve(import.meta.dirname, '..', '..');
// Inside the repository, so the bundles' external requires (better-sqlite3) resolve.
const outDir = path.join(root, 'node_modules', '.cache', 'cadent-bundle-test', String(process.pid));
const sample = path.join(root, '..', 'shared', 'data', 'shopify-orders-export.csv');
const sampleMapping = JSON.parse(
  fs.readFileSync(
    path.join(root, 'test', 'fixtures', 'mappings', 'shopify-orders-export.json'),
    'utf8',
  ),
) as Mapping;
const nodeRequire = createRequire(import.meta.url);

beforeAll(() => {
  const run = spawnSync(process.execPath, ['build/build-electron.mjs', '--out', outDir], {
    cwd: root,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`build-electron failed:\n${run.stdout}${run.stderr}`);
});

afterAll(() => {
  fs.rmSync(outDir, { recursive: true, force: true });
});

describe('the bundles', () => {
  it('writes main, preload and worker as CommonJS files', () => {
    for (const file of ['main.cjs', 'preload.cjs', 'pipeline-worker.cjs']) {
      const code = fs.readFileSync(path.join(outDir, file), 'utf8');
      expect(code).not.toMatch(/\bimport\.meta\b/);
      expect(code).not.toMatch(/^\s*(import|export)\s/m);
    }
  });

  it('keeps the native modules and electron out of the main bundle', () => {
    const code = fs.readFileSync(path.join(outDir, 'main.cjs'), 'utf8');

    for (const external of ['electron', 'better-sqlite3', 'keytar']) {
      expect(code).toContain(`require("${external}")`);
    }
  });

  it('runs the preload where require knows only electron, as in the sandbox', () => {
    const electron = createElectronStandIn();
    const required: string[] = [];
    const sandboxRequire = (name: string): unknown => {
      required.push(name);
      if (name === 'electron') return electron;
      throw new Error(`module not found: ${name}`);
    };
    const module = { exports: {} };

    vm.runInNewContext(
      fs.readFileSync(path.join(outDir, 'preload.cjs'), 'utf8'),
      { require: sandboxRequire, module, exports: module.exports },
      { filename: 'preload.cjs' },
    );

    expect(new Set(required)).toEqual(new Set(['electron']));
    const bridge = electron.contextBridge.exposed.get('cadent') as CadentBridge;
    expect(Object.keys(bridge).sort()).toEqual(
      [...IPC_METHOD_NAMES, 'onProgress', 'pathForFile'].sort(),
    );
    const listener = vi.fn();
    bridge.onProgress(listener);
    electron.ipcRenderer.deliver(PROGRESS_CHANNEL, { kind: 'check', rowsRead: 1 });
    electron.ipcRenderer.deliver(PROGRESS_CHANNEL, {
      kind: 'check',
      rowsRead: 1,
      rowsEstimated: 9,
    });
    expect(listener.mock.calls).toEqual([[{ kind: 'check', rowsRead: 1, rowsEstimated: 9 }]]);
  });

  it('runs the pipeline worker bundle in a worker thread', async () => {
    const task: PipelineTask = {
      kind: 'check',
      filePath: sample,
      mapping: sampleMapping,
      matchKey: 'em',
      nowIso: '2026-12-01T00:00:00.000Z',
    };

    const messages = await runWorker(path.join(outDir, 'pipeline-worker.cjs'), task);

    const done = messages.find((message) => message.type === 'done');
    expect(messages.filter((message) => message.type === 'error')).toEqual([]);
    expect(done?.type === 'done' && done.summary.events).toBeGreaterThan(0);
  });

  it('starts the bundled main process and answers its page', async () => {
    const { electron } = await loadMainBundle();
    const window = electron.BrowserWindow.created[0];

    expect(window?.loadedUrl).toBe('app://cadent/index.html');
    expect(electron.ipcMain.handlers.size).toBe(IPC_METHOD_NAMES.length);
    expect(
      await electron.ipcMain.invoke(channelOf('getSettings'), { sender: window!.webContents }),
    ).toMatchObject({ ok: true });
  });

  it('checks a file through the bundled main process and its worker', async () => {
    const { electron } = await loadMainBundle();
    const window = electron.BrowserWindow.created[0]!;

    const result = await electron.ipcMain.invoke(
      channelOf('checkFile'),
      { sender: window.webContents },
      { path: sample, mapping: sampleMapping, matchKey: 'em' },
    );

    expect(result).toMatchObject({ ok: true, value: { events: expect.any(Number) } });
  });
});

/** Requires main.cjs with `electron` answered by a fresh stand-in, and lets it start. */
async function loadMainBundle(): Promise<{ electron: ElectronStandIn }> {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'cadent-bundle-main-'));
  onTestFinished(() => fs.rmSync(base, { recursive: true, force: true }));
  const electron = createElectronStandIn();
  electron.app.appPath = path.join(base, 'app');
  fs.mkdirSync(path.join(base, 'app', 'dist', 'renderer'), { recursive: true });
  vi.stubEnv('CADENT_DATA_DIR', path.join(base, 'data'));
  onTestFinished(() => {
    electron.app.emit('will-quit', new StandInEvent());
    vi.unstubAllEnvs();
  });

  const Module = nodeRequire('node:module') as {
    _load: (request: string, ...rest: unknown[]) => unknown;
  };
  const load = Module._load;
  const main = path.join(outDir, 'main.cjs');
  Module._load = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'electron' ? electron : load.call(this, request, ...rest);
  };
  try {
    // Fresh each time: the bundle starts the app when it is evaluated.
    delete nodeRequire.cache[main];
    nodeRequire(main);
  } finally {
    Module._load = load;
  }
  await new Promise((resolve) => setImmediate(resolve));
  return { electron };
}

/** Runs `task` in the worker at `file`, granting credit freely, until it is done. */
function runWorker(file: string, task: PipelineTask): Promise<WorkerMessage[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: { task } });
    const messages: WorkerMessage[] = [];
    worker.postMessage({ type: 'credit', batches: 1000 });
    worker.on('message', (message: WorkerMessage) => messages.push(message));
    worker.on('error', reject);
    worker.on('exit', () => resolve(messages));
  });
}
