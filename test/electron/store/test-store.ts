/** What the store tests share: a real database in a fresh temporary folder, and a clock. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { onTestFinished } from 'vitest';

import { openStore } from '../../../electron/store';

import type { Store, StoreOptions } from '../../../electron/store';
import type { NewRequestLogEntry, NewUpload } from '../../../electron/store/types';

/** A clock the test moves by hand. */
export interface TestClock {
  now: () => Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export const START = '2025-03-01T12:00:00.000Z';

/** A clock standing at `iso` until moved. */
export function testClock(iso = START): TestClock {
  let current = Date.parse(iso);
  return {
    now: () => new Date(current),
    set: (next) => {
      current = Date.parse(next);
    },
    advance: (ms) => {
      current += ms;
    },
  };
}

/** An empty folder removed when the test ends. */
export function tempDataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cadent-store-test-'));
  onTestFinished(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A store over a fresh folder (or `dataDir`), closed when the test ends. */
export function testStore(options: Partial<StoreOptions> = {}): {
  store: Store;
  clock: TestClock;
  dataDir: string;
} {
  const clock = testClock();
  const dataDir = options.dataDir ?? tempDataDir();
  const store = openStore({ now: clock.now, ...options, dataDir });
  onTestFinished(() => store.close());
  return { store, clock, dataDir };
}

/** A valid upload, with `overrides`. */
export function newUpload(overrides: Partial<NewUpload> = {}): NewUpload {
  return {
    id: 'upload-1',
    filePath: '/home/ada/exports/orders.csv',
    fileSize: 1234,
    fileSha256: 'a'.repeat(64),
    connection: 'Acme',
    endpoint: 'https://events.cadent.example/',
    datasetId: 'ds_123',
    mappingJson: '{"fields":{}}',
    ...overrides,
  };
}

/** A valid request-log entry, with `overrides`. */
export function newLogEntry(overrides: Partial<NewRequestLogEntry> = {}): NewRequestLogEntry {
  return {
    time: START,
    connection: 'Acme',
    datasetId: 'ds_123',
    uploadId: null,
    batchSeq: null,
    method: 'POST',
    url: 'https://events.cadent.example/v1/datasets/ds_123/events',
    status: 200,
    durationMs: 120,
    attempt: 1,
    eventCount: 2,
    requestBody: '{"events":[]}',
    responseBody: '{"received":2,"accepted":2,"duplicates":0,"rejected":[]}',
    error: null,
    ...overrides,
  };
}

/** The pid of a process that has exited: what a crashed upload leaves behind. */
export async function deadProcessId(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  const pid = child.pid;
  await new Promise((resolve) => child.once('exit', resolve));
  if (pid === undefined) throw new Error('the child process did not start');
  return pid;
}
