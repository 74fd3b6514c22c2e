/**
 * Starts a pipeline task in a worker thread and hands its messages to the caller in order,
 * granting batch credit as the caller finishes with each, so at most `window` batches wait
 * in memory however fast the file is read.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

import type { ParentMessage, PipelineTask, WorkerMessage } from './worker-protocol';

export interface PipelineRun {
  /** Messages in the order the worker sent them; ends after `done` or `error`. */
  messages: AsyncGenerator<WorkerMessage>;
  /** Lets the worker produce one more batch. */
  grant(batches?: number): void;
  cancel(): void;
}

/** Starts `task` off the main thread; `window` batches may be produced ahead. */
export function startPipeline(task: PipelineTask, window = 4): PipelineRun {
  const worker = createWorker(task);
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  let finished = false;
  const notify = (): void => {
    wake?.();
    wake = null;
  };

  worker.on('message', (message: WorkerMessage) => {
    queue.push(message);
    notify();
  });
  worker.on('error', (error) => {
    queue.push({ type: 'error', code: 'worker_failed', message: error.message });
    notify();
  });
  worker.on('exit', () => {
    finished = true;
    notify();
  });
  const send = (message: ParentMessage): void => worker.postMessage(message);
  send({ type: 'credit', batches: window });

  async function* messages(): AsyncGenerator<WorkerMessage> {
    try {
      while (true) {
        const next = queue.shift();
        if (next) {
          yield next;
          if (next.type === 'done' || next.type === 'error') return;
          continue;
        }
        if (finished) {
          yield { type: 'error', code: 'worker_failed', message: 'the pipeline stopped early' };
          return;
        }
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    } finally {
      void worker.terminate();
    }
  }

  return {
    messages: messages(),
    grant: (batches = 1) => send({ type: 'credit', batches }),
    cancel: () => send({ type: 'cancel' }),
  };
}

/** The bundled worker next to this file when packaged; the TypeScript source in development. */
function createWorker(task: PipelineTask): Worker {
  // The build bundles the worker beside main.cjs; asar resolves plain paths most reliably.
  const bundled = fileURLToPath(new URL('./pipeline-worker.cjs', import.meta.url));
  if (import.meta.url.endsWith('.cjs') && existsSync(bundled)) {
    return new Worker(bundled, { workerData: { task } });
  }
  const entry = new URL('./pipeline-worker.ts', import.meta.url).href;
  return new Worker(new URL('./worker-bootstrap.mjs', import.meta.url), {
    workerData: { task, entry },
  });
}
