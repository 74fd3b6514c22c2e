/**
 * The preload: builds `window.cadent` from the shared IPC table and exposes it to the page
 * through the context bridge. The page gets named methods only, never `ipcRenderer`, so it
 * can reach no channel outside the table. Bundled to CommonJS with zod inside: a sandboxed
 * preload cannot load npm modules at run time.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';

import {
  channelOf,
  IPC_METHOD_NAMES,
  PROGRESS_CHANNEL,
  progressMessageSchema,
} from '../shared/ipc-api';

import type { CadentBridge, IpcMethodName, ProgressMessage } from '../shared/ipc-api';
import type { IpcRendererEvent } from 'electron';

type Methods = Pick<CadentBridge, IpcMethodName>;

// One invoker per name; the table's types say which take an argument, the main process
// validates whatever arrives.
const methods = Object.fromEntries(
  IPC_METHOD_NAMES.map((name) => [
    name,
    (args?: unknown): Promise<unknown> => ipcRenderer.invoke(channelOf(name), args),
  ]),
) as Methods;

const bridge: CadentBridge = {
  ...methods,

  onProgress(listener: (message: ProgressMessage) => void): () => void {
    // The page sees the message only: the event would hand it `sender`, an ipcRenderer.
    const receive = (_event: IpcRendererEvent, message: unknown): void => {
      const parsed = progressMessageSchema.safeParse(message);
      if (parsed.success) listener(parsed.data);
    };
    ipcRenderer.on(PROGRESS_CHANNEL, receive);
    return () => {
      ipcRenderer.removeListener(PROGRESS_CHANNEL, receive);
    };
  },

  pathForFile: (file: File): string => webUtils.getPathForFile(file),
};

contextBridge.exposeInMainWorld('cadent', bridge);
