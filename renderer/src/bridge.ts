/**
 * The renderer's only way out: `window.cadent`, built by the preload (or by the end-to-end
 * bridge) from the shared IPC table. `call` unwraps the `{ok, value}` envelope so screens deal
 * in values and in one error type whose message is written for the user.
 */
import type {
  CadentBridge,
  IpcArgs,
  IpcMethodName,
  IpcValue,
  ProgressMessage,
  Result,
} from '../../shared/ipc-api';

declare global {
  interface Window {
    cadent: CadentBridge;
  }
}

/** A failed call: `code` for branching, `message` to show the user as it is. */
export class BridgeError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BridgeError';
  }
}

type CallArgs<M extends IpcMethodName> = IpcArgs<M> extends undefined ? [] : [IpcArgs<M>];

/** Calls one main-process method; resolves with its value or rejects with a BridgeError. */
export async function call<M extends IpcMethodName>(
  method: M,
  ...args: CallArgs<M>
): Promise<IpcValue<M>> {
  const bridge = window.cadent as unknown as Record<
    string,
    (...rest: unknown[]) => Promise<Result<IpcValue<M>>>
  >;
  const invoke = bridge[method];
  if (!invoke) throw new BridgeError('no_bridge', 'The app is not connected to its main process.');

  let result: Result<IpcValue<M>>;
  try {
    result = await invoke(...args);
  } catch {
    // Only a broken bridge throws; every handled failure arrives as an error result.
    throw new BridgeError('bridge_failed', 'The app could not reach its main process. Restart it.');
  }
  // The main process writes the message as a sentence already (a file name keeps its case).
  if (!result.ok) throw new BridgeError(result.error.code, result.error.message);
  return result.value;
}

/** The sentence to show for anything a call rejected with. */
export function errorMessage(error: unknown): string {
  if (error instanceof BridgeError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Subscribes to the main process's progress messages; returns the unsubscribe function. */
export function onProgress(listener: (message: ProgressMessage) => void): () => void {
  return window.cadent.onProgress(listener);
}

/** The path of a file dropped on the window; the renderer itself never reads it. */
export function pathForFile(file: File): string {
  return window.cadent.pathForFile(file);
}
