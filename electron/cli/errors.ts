/** A mistake in how a command was called: printed as one line with exit status 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * The one line a failed command prints. Every error the app raises on purpose carries a
 * message written for the user; anything else is a bug, said as such, with the stack kept
 * for CADENT_DEBUG=1.
 */
export function describeFailure(error: unknown): { line: string; exitCode: number } {
  if (error instanceof UsageError) return { line: error.message, exitCode: 2 };
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : null;
    if (code === 'ERR_DLOPEN_FAILED' || /NODE_MODULE_VERSION/.test(error.message)) {
      // `npm start` rebuilds better-sqlite3 and keytar for Electron; the CLI runs on Node.
      return {
        line:
          'the native modules are built for Electron, not Node: run ' +
          '`npm rebuild better-sqlite3 keytar` (npm start rebuilds them for Electron again)',
        exitCode: 70,
      };
    }
    if (code && /^E[A-Z]+$/.test(code))
      return { line: describeSystemError(error, code), exitCode: 2 };
    if (code && !code.startsWith('ERR_')) return { line: error.message, exitCode: 2 };
    return { line: `internal error: ${error.message}`, exitCode: 70 };
  }
  return { line: `internal error: ${String(error)}`, exitCode: 70 };
}

/** What the OS refused, in words, with the path it refused: "cannot write x: a folder". */
function describeSystemError(error: Error, code: string): string {
  const path = 'path' in error && typeof error.path === 'string' ? error.path : null;
  const dest = 'dest' in error && typeof error.dest === 'string' ? error.dest : null;
  const words = SYSTEM_ERRORS[code] ?? error.message;
  return `${dest ?? path ?? 'a file'}: ${words}`;
}

const SYSTEM_ERRORS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of this path is a file, not a folder',
  EISDIR: 'this is a folder, not a file',
  EEXIST: 'a file of that name is in the way',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  ENOSPC: 'the disk is full',
  EROFS: 'the disk is read-only',
};
