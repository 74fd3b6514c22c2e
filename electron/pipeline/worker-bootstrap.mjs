// Development entry for the pipeline worker: registers tsx so the worker can load the
// TypeScript source. The packaged app bundles pipeline-worker.ts and never loads this file.
import { workerData } from 'node:worker_threads';

const { register } = await import('tsx/esm/api');
register();
await import(workerData.entry);
