import fs from 'node:fs';
import path from 'node:path';

import Database from 'better-sqlite3';

import { createBatchRepository } from './batches';
import { createConnectionRepository } from './connections';
import { writeTransaction } from './context';
import { createMappingRepository } from './mappings';
import { applyMigrations } from './migrate';
import { MIGRATIONS } from './migrations';
import { createRequestLogRepository } from './request-log';
import { createRowProblemRepository } from './row-problems';
import { createSettingsRepository } from './settings';
import { createUploadRepository } from './uploads';

import type { BatchRepository } from './batches';
import type { ConnectionRepository } from './connections';
import type { StoreContext } from './context';
import type { MappingRepository } from './mappings';
import type { RequestLogRepository } from './request-log';
import type { RowProblemRepository } from './row-problems';
import type { SettingsRepository } from './settings';
import type { UploadRepository } from './uploads';

export { StoreError } from './errors';
export type { StoreErrorCode } from './errors';
export type { BatchRepository } from './batches';
export type { ConnectionInput, ConnectionRepository } from './connections';
export type { MappingInput, MappingRepository } from './mappings';
export type { RequestLogRepository } from './request-log';
export type { RowProblemRepository } from './row-problems';
export type { SettingsRepository } from './settings';
export type { UploadRepository } from './uploads';

/** The file the app and the CLI share inside the data folder. */
export const DATABASE_FILE_NAME = 'cadent-uploader.sqlite';

/** Everything the app keeps on disk, over one SQLite connection. */
export interface Store {
  /** The database file. */
  readonly path: string;
  close(): void;
  /**
   * Runs `fn` (synchronous) as one write transaction: everything it does through the store is
   * kept, or, if it throws, none of it. Store calls inside nest as savepoints.
   */
  transaction<T>(fn: () => T): T;
  connections: ConnectionRepository;
  requestLog: RequestLogRepository;
  uploads: UploadRepository;
  batches: BatchRepository;
  rowProblems: RowProblemRepository;
  mappings: MappingRepository;
  settings: SettingsRepository;
}

export interface StoreOptions {
  /** The data folder, created if missing; see defaultDataDir(). */
  dataDir: string;
  /** The clock for every timestamp the store writes, and for log retention. */
  now?: () => Date;
  /** The process that owns the uploads this store starts; tests pass another pid to play one. */
  processId?: number;
}

/**
 * Opens (creating if need be) the database in `dataDir` and brings its schema up to date.
 * Several stores may hold the same file at once, such as the app and a scheduled CLI run.
 */
export function openStore(options: StoreOptions): Store {
  // Owner-only: the log holds requests as sent, hashed but still about the user's customers.
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(options.dataDir, DATABASE_FILE_NAME);
  const db = new Database(file);

  try {
    // Before WAL mode: SQLite gives the -wal and -shm files the main file's permissions.
    restrictToOwner(file);
    configure(db);
    applyMigrations(db, MIGRATIONS);
  } catch (error) {
    db.close();
    throw error;
  }

  const clock = options.now ?? (() => new Date());
  const context: StoreContext = {
    db,
    now: () => clock().toISOString(),
    processId: options.processId ?? process.pid,
  };
  const rowProblems = createRowProblemRepository(context);

  return {
    path: file,
    close: () => db.close(),
    transaction: (fn) => writeTransaction(context, fn),
    connections: createConnectionRepository(context),
    requestLog: createRequestLogRepository(context),
    uploads: createUploadRepository(context),
    batches: createBatchRepository(context, rowProblems),
    rowProblems,
    mappings: createMappingRepository(context),
    settings: createSettingsRepository(context),
  };
}

/**
 * Makes the database file owner-only. The data folder is made private only when it is created, so
 * an existing folder given as --data-dir (often 0755), with the usual umask, would otherwise leave
 * the database readable by every user on the machine. -wal and -shm files already there (another
 * process has the database open) are tightened too; new ones take the main file's mode. Windows
 * has no such mode bits.
 */
function restrictToOwner(file: string): void {
  if (process.platform === 'win32') return;
  for (const [target, optional] of [
    [file, false],
    [`${file}-wal`, true],
    [`${file}-shm`, true],
  ] as const) {
    try {
      fs.chmodSync(target, 0o600);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (optional && code === 'ENOENT') continue;
      // A file system without Unix modes (FAT, some network shares) refuses: nothing to tighten
      // there, and refusing to open the store over it would lose the user's history.
      if (code === 'EPERM' || code === 'ENOTSUP') continue;
      throw error;
    }
  }
}

/** How long a writer waits for the other process's write lock before giving up. */
const BUSY_TIMEOUT_MS = 5000;

function configure(db: Database.Database): void {
  // busy_timeout first: switching to WAL itself needs a lock the other process may hold.
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // WAL lets the app read (the log view) while the CLI writes, and the other way round.
  db.pragma('journal_mode = WAL');
  // FULL syncs every commit: a confirmed batch must survive a power cut, or its resend would
  // count as duplicates instead of accepted.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}
