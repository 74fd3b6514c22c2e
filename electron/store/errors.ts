/** What kind of refusal a StoreError is, so the IPC layer and the CLI need not parse text. */
export type StoreErrorCode = 'invalid-input' | 'not-found' | 'conflict' | 'newer-database';

/**
 * A store call refused for a reason the caller can act on, with a message fit to show a user.
 * SQLite's own failures (disk full, a lock held past the busy timeout) pass through unchanged.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';

  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** True when `error` is SQLite refusing a write for the given constraint, e.g. 'PRIMARYKEY'. */
export function isConstraintError(error: unknown, constraint: string): boolean {
  return (
    error instanceof Error && 'code' in error && error.code === `SQLITE_CONSTRAINT_${constraint}`
  );
}
