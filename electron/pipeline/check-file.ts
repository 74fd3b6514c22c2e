/** The full-file check, run in the pipeline worker so a large file never blocks the caller. */
import { onAbort } from '../on-abort';

import { startPipeline } from './pipeline-runner';

import type { IdentityField } from '../../shared/cadent-fields';
import type { CheckSummary } from '../../shared/check-summary';
import type { Mapping } from '../../shared/mapping';

export interface CheckFileOptions {
  matchKey: IdentityField | null;
  now: Date;
  signal?: AbortSignal;
  onProgress?: (rowsRead: number) => void;
}

/** Reads the whole file and returns its check summary; throws with the worker's reason. */
export async function checkFile(
  filePath: string,
  mapping: Mapping,
  options: CheckFileOptions,
): Promise<{ summary: CheckSummary; headers: string[] }> {
  const run = startPipeline({
    kind: 'check',
    filePath,
    mapping,
    matchKey: options.matchKey,
    nowIso: options.now.toISOString(),
  });
  const unhook = onAbort(options.signal, () => run.cancel());
  try {
    for await (const message of run.messages) {
      if (message.type === 'progress') options.onProgress?.(message.rowsRead);
      if (message.type === 'done') return { summary: message.summary, headers: message.headers };
      if (message.type === 'error') throw new PipelineError(message.message, message.code);
    }
    throw new PipelineError('the check ended without a summary', 'internal');
  } finally {
    unhook();
  }
}

/** A failure reported by the pipeline worker, with the code it gave. */
export class PipelineError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'PipelineError';
  }
}
