import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';

import { DATABASE_FILE_NAME } from '../../../electron/store';

import { newLogEntry, newUpload, tempDataDir, testStore } from './test-store';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

describe('openStore', () => {
  it('creates a missing data folder, private to the user, with the database in it', () => {
    const dataDir = path.join(tempDataDir(), 'nested', 'Cadent Uploader');
    const { store } = testStore({ dataDir });

    expect(store.path).toBe(path.join(dataDir, DATABASE_FILE_NAME));
    expect(fs.existsSync(store.path)).toBe(true);
    if (process.platform !== 'win32') {
      expect(fs.statSync(dataDir).mode & 0o777).toBe(0o700);
    }
  });

  it.skipIf(process.platform === 'win32')(
    'makes the database and its WAL files private in an existing folder open to all',
    () => {
      const dataDir = tempDataDir();
      fs.chmodSync(dataDir, 0o755);
      const { store } = testStore({ dataDir });
      store.requestLog.insert(newLogEntry());

      const files = [store.path, `${store.path}-wal`, `${store.path}-shm`];
      expect(files.filter((file) => fs.existsSync(file))).toEqual(files);
      for (const file of files) expect(fs.statSync(file).mode & 0o077).toBe(0);
    },
  );

  it.skipIf(process.platform === 'win32')(
    'makes a world-readable database left by an earlier version private',
    () => {
      const dataDir = tempDataDir();
      const { store: earlier } = testStore({ dataDir });
      earlier.close();
      const file = path.join(dataDir, DATABASE_FILE_NAME);
      fs.chmodSync(file, 0o644);

      const { store } = testStore({ dataDir });
      expect(store.requestLog.count()).toBe(0);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    },
  );

  it('puts the database in WAL mode, so the app reads while the CLI writes', () => {
    const { store } = testStore();

    const db = new Database(store.path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('enforces foreign keys', () => {
    const { store } = testStore();

    expect(() =>
      store.batches.upsertPending({
        uploadId: 'no-such-upload',
        seq: 0,
        firstRow: 2,
        lastRow: 3,
        eventCount: 2,
      }),
    ).toThrow(/no upload with id "no-such-upload"/);
  });

  it('keeps everything written in a transaction, or nothing when it throws', () => {
    const { store } = testStore();

    expect(() =>
      store.transaction(() => {
        store.uploads.create(newUpload());
        store.requestLog.insert(newLogEntry());
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(store.uploads.get('upload-1')).toBeNull();
    expect(store.requestLog.count()).toBe(0);

    const id = store.transaction(() => {
      store.uploads.create(newUpload());
      // A store call with its own transaction nests inside this one.
      store.batches.upsertPending({
        uploadId: 'upload-1',
        seq: 0,
        firstRow: 2,
        lastRow: 3,
        eventCount: 2,
      });
      return store.requestLog.insert(newLogEntry({ uploadId: 'upload-1' }));
    });
    expect(store.requestLog.get(id)?.uploadId).toBe('upload-1');
    expect(store.batches.list('upload-1')).toHaveLength(1);
  });

  it('lets two stores on the same file, as the app and the CLI, both write and read', () => {
    const { store: app, dataDir } = testStore();
    const { store: cli } = testStore({ dataDir });

    app.requestLog.insert(newLogEntry({ connection: 'from the app' }));
    cli.requestLog.insert(newLogEntry({ connection: 'from the CLI' }));
    cli.uploads.create(newUpload());
    app.uploads.update('upload-1', { accepted: 5 });
    cli.uploads.update('upload-1', { duplicates: 2 });

    expect(app.requestLog.count()).toBe(2);
    expect(cli.requestLog.count()).toBe(2);
    expect(app.uploads.get('upload-1')).toMatchObject({ accepted: 5, duplicates: 2 });
  });

  it('lets another process write to the same file at the same time without losing a row', async () => {
    const { store, dataDir } = testStore();
    const rowsEach = 300;
    const child = spawnWriter(dataDir, rowsEach);

    await child.ready;
    // The child now writes while this process writes; neither may give up on the other's lock.
    for (let i = 0; i < rowsEach; i++) {
      store.requestLog.insert(newLogEntry({ connection: 'app', attempt: i + 1 }));
    }
    expect(await child.exitCode).toBe(0);

    expect(store.requestLog.count({ connection: 'app' })).toBe(rowsEach);
    expect(store.requestLog.count({ connection: 'cli' })).toBe(rowsEach + 1);
  });
});

/** Starts a process that opens the store, writes one row, says "ready", then writes on at "go". */
function spawnWriter(dataDir: string, rows: number) {
  const script = path.join(dataDir, 'writer.ts');
  const storeModule = path.join(repoRoot, 'electron', 'store', 'index.ts');
  fs.writeFileSync(
    script,
    `import { openStore } from ${JSON.stringify(storeModule)};
     const store = openStore({ dataDir: ${JSON.stringify(dataDir)} });
     const entry = ${JSON.stringify(newLogEntry({ connection: 'cli' }))};
     store.requestLog.insert(entry);
     process.stdout.write('ready\\n');
     process.stdin.once('data', () => {
       for (let i = 0; i < ${rows}; i++) store.requestLog.insert({ ...entry, attempt: i + 1 });
       store.close();
       process.exit(0);
     });`,
  );
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => {
      child.stdin.write('go\n');
      resolve();
    });
    child.once('exit', (code) => reject(new Error(`the writer exited early (${code})`)));
  });
  const exitCode = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { ready, exitCode };
}
