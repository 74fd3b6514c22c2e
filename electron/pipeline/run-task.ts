/**
 * The pipeline's work on one file, independent of where it runs: reads, groups, builds,
 * checks and (for an upload) batches events, reporting through `emit`. The worker thread
 * runs it; tests may call it directly.
 */
import { CheckAccumulator } from '../../shared/check-summary';

import { EventBatcher, fitsOneRequest, serializeEvent } from './batcher';
import { compileForFile } from './compile';
import { fileEvents } from './file-events';

import type { BuiltEvent } from '../../shared/build-event';
import type { SerializedEvent } from './batcher';
import type { LocalRowProblem, PipelineTask, WorkerMessage } from './worker-protocol';

const PROGRESS_EVERY_ROWS = 5000;
const INVALID_CHUNK = 500;

export interface TaskControls {
  emit: (message: WorkerMessage) => void;
  /** Resolves when the consumer can take another batch (backpressure). */
  waitForCredit: () => Promise<void>;
  signal: AbortSignal;
}

/** Runs a task to the end; throws only for faults (unreadable file), never for bad rows. */
export async function runTask(task: PipelineTask, controls: TaskControls): Promise<void> {
  const { emit, signal } = controls;
  const accumulator = new CheckAccumulator(task.matchKey);
  const batcher = task.kind === 'batches' ? new EventBatcher(task.batchSize) : null;
  let headers: string[] = [];
  let invalid: LocalRowProblem[] = [];
  let rowsRead = 0;
  let nextProgress = PROGRESS_EVERY_ROWS;

  const compile = (fileHeaders: string[]) => {
    headers = fileHeaders;
    const complete = task.kind === 'batches';
    return compileForFile(
      task.mapping,
      fileHeaders,
      task.matchKey,
      new Date(task.nowIso),
      complete,
    );
  };

  const sendBatch = async (batch: ReturnType<EventBatcher['flush']>): Promise<void> => {
    if (!batch) return;
    if (invalid.length > 0) {
      emit({ type: 'invalid', rows: invalid });
      invalid = [];
    }
    await controls.waitForCredit();
    // Rows read so far go with each batch, so progress moves with the batches on small files.
    emit({ type: 'progress', rowsRead });
    emit({ type: 'batch', batch });
  };

  for await (const item of fileEvents(task.filePath, compile, { signal })) {
    if (item.kind === 'skipped') {
      if (item.problem.kind === 'blank_row') accumulator.addBlankRow();
      // Header problems (a duplicate column name) are about no data row.
      if (item.problem.row !== null) rowsRead += 1;
      continue;
    }
    const serialized = item.built.event ? serializeEvent(item.built.event) : null;
    const built =
      serialized && !fitsOneRequest(serialized) ? tooLarge(item.built, serialized) : item.built;
    const rowCount = built.lastRow - built.firstRow + 1;
    accumulator.add(built, rowCount);
    rowsRead += rowCount;
    if (rowsRead >= nextProgress) {
      emit({ type: 'progress', rowsRead });
      nextProgress = rowsRead + PROGRESS_EVERY_ROWS;
    }
    if (!batcher) continue;
    if (!built.event) {
      for (const problem of built.problems) {
        if (problem.fatal)
          invalid.push({
            row: built.firstRow,
            code: problem.code,
            message: `${problem.column ? `${problem.column}: ` : ''}${problem.message}`,
          });
      }
      if (invalid.length >= INVALID_CHUNK) {
        emit({ type: 'invalid', rows: invalid });
        invalid = [];
      }
      continue;
    }
    await sendBatch(
      batcher.add(built.event, built.firstRow, built.lastRow, serialized ?? undefined),
    );
  }
  if (batcher) await sendBatch(batcher.flush());
  if (invalid.length > 0) emit({ type: 'invalid', rows: invalid });
  emit({ type: 'progress', rowsRead });
  emit({ type: 'done', summary: accumulator.summary(), headers });
}

/** An event too large for any request (a cell of megabytes): invalid here, never sent. */
function tooLarge(built: BuiltEvent, serialized: SerializedEvent): BuiltEvent {
  const megabytes = (serialized.bytes / 1024 / 1024).toFixed(1);
  const problem = {
    field: 'event',
    column: null,
    code: 'event_too_large',
    message: `the event is ${megabytes} MiB as JSON; Cadent takes at most 4 MiB a request`,
    fatal: true,
  };
  return { ...built, event: null, problems: [...built.problems, problem] };
}
