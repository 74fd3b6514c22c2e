/** What the IPC handlers need from their host: the Electron main process, or a test bridge. */
import type { IpcMethodName, IpcArgs, IpcValue, ProgressMessage } from '../../shared/ipc-api';
import type { Logger } from '../app-log';
import type { CadentClientOptions } from '../cadent/client';
import type { Store } from '../store';

export interface IpcDeps {
  store: Store;
  dataDir: string;
  version: string;
  platform: string;
  /** The OS open dialog for a CSV file; null when the user cancels. */
  chooseFile(): Promise<string | null>;
  /** The OS save dialog; null when the user cancels. */
  chooseSavePath(suggestedName: string, kind: 'csv' | 'json'): Promise<string | null>;
  /** Pushes a progress message to the window. */
  sendProgress(message: ProgressMessage): void;
  /** Told when an upload ends, so the host can notify when its window is in the background. */
  onUploadFinished?(result: { ok: boolean; title: string; body: string }): void;
  /**
   * The time Cadent's event-time window is checked against (tests fix it for the sample files);
   * logs and retries always use the real time.
   */
  now?: () => Date;
  /** The app's diagnostic log; IDs, counts and messages only, never cell values. */
  log?: Logger;
  /** Client settings for tests (short retry delays). */
  client?: Partial<CadentClientOptions>;
}

/** One handler per method of the table, taking the already-validated argument. */
export type IpcHandlers = {
  [M in IpcMethodName]: (args: IpcArgs<M>) => Promise<IpcValue<M>>;
};
