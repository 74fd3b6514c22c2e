/**
 * The app's diagnostic log, apart from the request log: JSON lines under `<data>/logs/`, one
 * named logger per module, secrets redacted before anything reaches the disk. It never gets
 * cell values: callers log IDs, counts and messages, and messages pass through redaction.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { redactApiKeyHeaders, redactSecrets } from './store/redact';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface AppLogOptions {
  /** The folder the log files go in (`<data>/logs`). */
  dir: string;
  now?: () => Date;
  /** Rotate to `app.1.log` past this size; one old file is kept. */
  maxBytes?: number;
  /** Values never to write, such as API keys read this session. */
  secrets?: () => readonly string[];
  /** Also echo lines to the console (development). */
  echo?: boolean;
}

export const APP_LOG_FILE = 'app.log';

/** Opens the app log; `logger('upload')` gives a module its named logger. */
export function createAppLog(options: AppLogOptions): {
  path: string;
  logger(module: string): Logger;
} {
  mkdirSync(options.dir, { recursive: true, mode: 0o700 });
  const path = join(options.dir, APP_LOG_FILE);
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const now = options.now ?? (() => new Date());

  const write = (level: LogLevel, module: string, message: string, fields = {}): void => {
    const line = redact(
      JSON.stringify({ time: now().toISOString(), level, module, message, ...fields }),
      options.secrets?.() ?? [],
    );
    try {
      rotateIfFull(path, maxBytes);
      appendFileSync(path, `${line}\n`, { mode: 0o600 });
    } catch {
      // A full disk or a locked file must never take the app down with it.
    }
    if (options.echo) console.log(line);
  };

  return {
    path,
    logger: (module) => ({
      debug: (message, fields) => write('debug', module, message, fields),
      info: (message, fields) => write('info', module, message, fields),
      warn: (message, fields) => write('warn', module, message, fields),
      error: (message, fields) => write('error', module, message, fields),
    }),
  };
}

function redact(line: string, secrets: readonly string[]): string {
  return redactApiKeyHeaders(redactSecrets(line, secrets));
}

function rotateIfFull(path: string, maxBytes: number): void {
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    return;
  }
  if (size < maxBytes) return;
  const previous = path.replace(/\.log$/, '.1.log');
  rmSync(previous, { force: true });
  renameSync(path, previous);
}
