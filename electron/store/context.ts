import type Database from 'better-sqlite3';

/** What each repository is built from: one open database and the store's clock. */
export interface StoreContext {
  readonly db: Database.Database;
  /** The current time as ISO 8601 UTC with a Z, from the injected clock. */
  now(): string;
  /** The process that owns the uploads this store starts. */
  readonly processId: number;
}

/** Runs `fn` in a transaction that takes the write lock at once; nested calls become savepoints. */
export function writeTransaction<T>(context: StoreContext, fn: () => T): T {
  // IMMEDIATE, because a deferred transaction that reads and then writes fails at once with
  // SQLITE_BUSY when the other process wrote in between, instead of waiting out busy_timeout.
  return context.db.transaction(fn).immediate();
}
