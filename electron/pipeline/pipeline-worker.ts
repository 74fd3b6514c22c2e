/**
 * Worker-thread entry: runs one pipeline task off the main thread, so parsing, normalizing
 * and hashing a large file never freezes the window. Batches wait for credit from the parent.
 */
import { parentPort, workerData } from 'node:worker_threads';

import { describeError } from './describe-error';
import { runTask } from './run-task';

import type { ParentMessage, PipelineTask, WorkerMessage } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('pipeline-worker must run in a worker thread');

const task = (workerData as { task: PipelineTask }).task;
const abort = new AbortController();
let credit = 0;
let wake: (() => void) | null = null;

port.on('message', (message: ParentMessage) => {
  if (message.type === 'cancel') abort.abort(new Error('cancelled'));
  if (message.type === 'credit') credit += message.batches;
  wake?.();
  wake = null;
});

const emit = (message: WorkerMessage): void => port.postMessage(message);

async function waitForCredit(): Promise<void> {
  while (credit <= 0) {
    abort.signal.throwIfAborted();
    await new Promise<void>((resolve) => {
      wake = resolve;
    });
  }
  credit -= 1;
}

runTask(task, { emit, waitForCredit, signal: abort.signal })
  .catch((error: unknown) => {
    emit({ type: 'error', ...describeError(error) });
  })
  .finally(() => port.close());
