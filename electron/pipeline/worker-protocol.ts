/** Messages between the pipeline worker thread and whoever started it. */
import type { IdentityField } from '../../shared/cadent-fields';
import type { CheckSummary } from '../../shared/check-summary';
import type { Mapping } from '../../shared/mapping';
import type { Batch } from './batcher';

interface TaskBase {
  filePath: string;
  mapping: Mapping;
  matchKey: IdentityField | null;
  /** The clock for Cadent's event-time window, as ISO 8601. */
  nowIso: string;
}

export type PipelineTask =
  ({ kind: 'check' } & TaskBase) | ({ kind: 'batches'; batchSize: number } & TaskBase);

/** A row that will not be sent, and why: row numbers and reasons only, never cell values. */
export interface LocalRowProblem {
  row: number;
  code: string;
  message: string;
}

export type WorkerMessage =
  | { type: 'progress'; rowsRead: number }
  | { type: 'batch'; batch: Batch }
  | { type: 'invalid'; rows: LocalRowProblem[] }
  | { type: 'done'; summary: CheckSummary; headers: string[] }
  | { type: 'error'; code: string; message: string };

export type ParentMessage = { type: 'credit'; batches: number } | { type: 'cancel' };
