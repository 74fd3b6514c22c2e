/** What every command gets: streams to write to, the environment, and the store on demand. */
import { defaultDataDir } from '../data-dir';
import { openStore } from '../store';

import type { Store } from '../store';

export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Aborted on Ctrl-C or SIGTERM: a running upload stops cleanly and can be resumed. */
  signal?: AbortSignal;
}

export interface CommandContext extends CliIo {
  /** Opens the store in `--data-dir` (or the per-user app-data folder) the first time. */
  store(): Store;
  out(text: string): void;
  err(text: string): void;
}

export function createContext(
  io: CliIo,
  dataDir: string | undefined,
): CommandContext & {
  close(): void;
} {
  let store: Store | null = null;
  return {
    ...io,
    store() {
      store ??= openStore({ dataDir: dataDir ?? defaultDataDir(io.env) });
      return store;
    },
    out: (text) => void io.stdout.write(`${text}\n`),
    err: (text) => void io.stderr.write(`${text}\n`),
    close() {
      store?.close();
      store = null;
    },
  };
}
