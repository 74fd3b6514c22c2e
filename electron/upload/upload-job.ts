/**
 * One upload: a file, a mapping and a dataset. Batches are journaled before and after they
 * are sent, so an upload interrupted by a crash, a quit or a cancel resumes from the journal
 * without sending a confirmed batch twice (and a batch whose answer was lost is resent, which
 * Cadent deduplicates by event ID).
 */
import { randomUUID } from 'node:crypto';

import { mappingSchema } from '../../shared/mapping';
import { CadentApiError, CadentClient } from '../cadent/client';
import { csvFileFingerprint } from '../csv/read';
import { startPipeline } from '../pipeline/pipeline-runner';

import type { IdentityField } from '../../shared/cadent-fields';
import type { CheckSummary } from '../../shared/check-summary';
import type { Mapping } from '../../shared/mapping';
import type { AttemptRecord, CadentClientOptions } from '../cadent/client';
import type { Batch } from '../pipeline/batcher';
import type { Store } from '../store';
import type { RowProblemRecord, UploadRecord, UploadStatus } from '../store/types';

export interface UploadProgress {
  uploadId: string;
  phase: 'checking-file' | 'connecting' | 'uploading' | 'finishing';
  rowsRead: number;
  /** Rows the file is thought to have; exact once the whole file was read. */
  rowsEstimated: number | null;
  batchesConfirmed: number;
  /** Batches a resume found confirmed already and did not send again. */
  batchesSkipped: number;
  batchesFailed: number;
  eventsSent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  invalid: number;
  retries: number;
  /** Events confirmed per second since this run started. */
  eventsPerSecond: number;
  secondsLeft: number | null;
}

export interface UploadOutcome {
  upload: UploadRecord;
  /** The full-file check; null when the upload stopped before the file was read through. */
  summary: CheckSummary | null;
  batchesConfirmed: number;
  batchesSkipped: number;
  batchesFailed: number;
}

interface Target {
  endpoint: string;
  apiKey: string;
  connection: string | null;
}

export interface StartUploadOptions extends Target {
  store: Store;
  filePath: string;
  mapping: Mapping;
  datasetId: string;
  batchSize: number;
  concurrency: number;
  rowsEstimated?: number;
  signal?: AbortSignal;
  onProgress?: (progress: UploadProgress) => void;
  now?: () => Date;
  client?: Partial<CadentClientOptions>;
}

export interface ResumeUploadOptions extends Omit<
  StartUploadOptions,
  'filePath' | 'mapping' | 'datasetId' | 'endpoint' | 'connection'
> {
  uploadId: string;
  /** Where the file is now, if it moved; its content must be the same. */
  filePath?: string;
}

/** A user's mistake or a refusal that ends an upload before or while it runs. */
export class UploadError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = 'UploadError';
  }
}

/** Starts a new upload and runs it to the end (or to a stop the journal can resume from). */
export async function startUpload(options: StartUploadOptions): Promise<UploadOutcome> {
  const fingerprint = await csvFileFingerprint(options.filePath);
  const upload = options.store.uploads.create({
    id: randomUUID(),
    filePath: options.filePath,
    fileSize: fingerprint.size,
    fileSha256: fingerprint.sha256,
    connection: options.connection,
    endpoint: options.endpoint,
    datasetId: options.datasetId,
    mappingJson: JSON.stringify({ mapping: options.mapping, batchSize: options.batchSize }),
  });
  return runUpload(upload, options.mapping, options.batchSize, options.filePath, options);
}

/** Resumes an interrupted, cancelled or failed upload from its journal. */
export async function resumeUpload(options: ResumeUploadOptions & Target): Promise<UploadOutcome> {
  const upload = options.store.uploads.get(options.uploadId);
  if (!upload) throw new UploadError(`no upload with ID ${options.uploadId}`, 'not_found');
  if (!isResumable(upload.status)) {
    throw new UploadError(`upload ${upload.id} is ${upload.status} and cannot be resumed`,
      'not_resumable');
  }
  const filePath = options.filePath ?? upload.filePath;
  const fingerprint = await csvFileFingerprint(filePath);
  if (fingerprint.size !== upload.fileSize || fingerprint.sha256 !== upload.fileSha256) {
    throw new UploadError(
      `${filePath} is not the file upload ${upload.id} started with (its content changed); ` +
        'start a new upload instead',
      'file_changed',
    );
  }
  const saved = JSON.parse(upload.mappingJson) as { mapping: unknown; batchSize: number };
  const mapping = mappingSchema.parse(saved.mapping);
  // The same batch size gives the same batches, so the journal's sequence numbers still match.
  return runUpload(upload, mapping, saved.batchSize, filePath, {
    ...options,
    endpoint: upload.endpoint,
    connection: upload.connection,
    datasetId: upload.datasetId,
  });
}

/** Whether an upload can be resumed from its journal. */
export function isResumable(status: UploadStatus): boolean {
  return status !== 'completed' && status !== 'failed';
}

/**
 * A stop no resume can mend: the saved mapping does not fit the file. A refused key, a missing
 * dataset or a network outage can be put right, so those uploads stay resumable.
 */
function isFinal(error: unknown): boolean {
  return error instanceof UploadError && error.code === 'mapping_mismatch';
}

async function runUpload(
  upload: UploadRecord,
  mapping: Mapping,
  batchSize: number,
  filePath: string,
  options: Omit<StartUploadOptions, 'filePath' | 'mapping' | 'batchSize'>,
): Promise<UploadOutcome> {
  const { store } = options;
  const now = options.now ?? (() => new Date());
  const confirmed = store.batches.confirmedSeqs(upload.id);
  const progress = new ProgressTracker(upload, options.rowsEstimated ?? null, options.onProgress);
  progress.restore(store.uploads.get(upload.id) ?? upload);
  store.uploads.update(upload.id, { status: 'running', error: null });
  // Local problems are found again on this pass over the file; keep one copy of each.
  store.rowProblems.clear(upload.id, 'local');

  const client = new CadentClient({
    ...options.client,
    endpoint: options.endpoint,
    apiKey: options.apiKey,
    now,
    onAttempt: (attempt, tag) => logAttempt(store, attempt, upload, options.connection, tag),
    onRetry: () => progress.retry(),
  });

  const abort = new AbortController();
  const stop = (): void => abort.abort(new UploadError('the upload was cancelled', 'cancelled'));
  options.signal?.addEventListener('abort', stop, { once: true });

  let summary: CheckSummary | null = null;
  try {
    progress.phase('connecting');
    const dataset = await client.getDataset(options.datasetId, abort.signal, null);
    progress.phase('uploading');
    summary = await sendFile({
      filePath,
      mapping,
      batchSize,
      matchKey: dataset.match_key,
      concurrency: Math.max(1, options.concurrency),
      confirmed,
      client,
      upload,
      store,
      progress,
      now,
      signal: abort.signal,
    });
    progress.phase('finishing');
    const failed = progress.snapshot().batchesFailed;
    store.uploads.update(upload.id, {
      status: 'completed',
      rowCount: summary.rows,
      eventCount: summary.events,
      invalid: summary.invalid,
      error: failed > 0 ? `${failed} batch(es) were refused by Cadent` : null,
    });
  } catch (error) {
    const cancelled = abort.signal.aborted && !(error instanceof CadentApiError);
    store.uploads.update(upload.id, {
      status: cancelled ? 'cancelled' : isFinal(error) ? 'failed' : 'interrupted',
      error: error instanceof Error ? error.message : String(error),
      invalid: store.rowProblems.count(upload.id, 'local'),
    });
  } finally {
    options.signal?.removeEventListener('abort', stop);
  }
  const snapshot = progress.snapshot();
  return {
    upload: store.uploads.get(upload.id) ?? upload,
    summary,
    batchesConfirmed: snapshot.batchesConfirmed,
    batchesSkipped: snapshot.batchesSkipped,
    batchesFailed: snapshot.batchesFailed,
  };
}

interface SendFileContext {
  filePath: string;
  mapping: Mapping;
  batchSize: number;
  matchKey: IdentityField;
  concurrency: number;
  confirmed: Set<number>;
  client: CadentClient;
  upload: UploadRecord;
  store: Store;
  progress: ProgressTracker;
  now: () => Date;
  signal: AbortSignal;
}

/** Reads the file in the worker and sends its batches, `concurrency` at a time. */
async function sendFile(context: SendFileContext): Promise<CheckSummary> {
  const { store, upload, progress, signal } = context;
  const run = startPipeline(
    {
      kind: 'batches',
      filePath: context.filePath,
      mapping: context.mapping,
      matchKey: context.matchKey,
      nowIso: context.now().toISOString(),
      batchSize: context.batchSize,
    },
    context.concurrency + 2,
  );
  const onAbort = (): void => run.cancel();
  signal.addEventListener('abort', onAbort, { once: true });
  const inFlight = new Set<Promise<void>>();
  let fatal: unknown = null;

  try {
    for await (const message of run.messages) {
      if (fatal) throw fatal;
      if (message.type === 'progress') progress.rowsRead(message.rowsRead);
      if (message.type === 'invalid') {
        store.rowProblems.addMany(
          message.rows.map((row) => ({
            uploadId: upload.id,
            row: row.row,
            eventId: null,
            source: 'local' as const,
            code: row.code,
            message: row.message,
          })),
        );
        progress.invalid(message.rows.length);
      }
      if (message.type === 'error') {
        throw new UploadError(message.message, message.code);
      }
      if (message.type === 'done') {
        await Promise.all(inFlight);
        if (fatal) throw fatal;
        return message.summary;
      }
      if (message.type !== 'batch') continue;
      const { batch } = message;
      if (context.confirmed.has(batch.seq)) {
        progress.skipped();
        run.grant();
        continue;
      }
      while (inFlight.size >= context.concurrency) await Promise.race(inFlight);
      if (fatal) throw fatal;
      const sending = sendBatch(context, batch)
        .catch((error: unknown) => {
          fatal ??= error;
          run.cancel();
        })
        .finally(() => {
          inFlight.delete(sending);
          run.grant();
        });
      inFlight.add(sending);
    }
    throw new UploadError('the pipeline ended without a summary', 'internal');
  } finally {
    signal.removeEventListener('abort', onAbort);
    await Promise.allSettled(inFlight);
  }
}

/** Sends one batch through the journal: pending, sent, then confirmed or failed. */
async function sendBatch(context: SendFileContext, batch: Batch): Promise<void> {
  const { store, upload, progress } = context;
  store.batches.upsertPending({
    uploadId: upload.id,
    seq: batch.seq,
    firstRow: batch.firstRow,
    lastRow: batch.lastRow,
    eventCount: batch.eventCount,
  });
  store.batches.markSent(upload.id, batch.seq);
  progress.sent(batch.eventCount);
  try {
    const response = await context.client.sendEvents(
      upload.datasetId,
      batch.body,
      batch.eventCount,
      context.signal,
      batch.seq,
    );
    const rejected: RowProblemRecord[] = response.rejected.map((rejection) => ({
      uploadId: upload.id,
      row: batch.eventRows[rejection.index] ?? batch.firstRow,
      eventId: rejection.event_id ?? batch.eventIds[rejection.index] ?? null,
      source: 'cadent',
      code: rejection.code,
      message: rejection.message,
    }));
    store.batches.markConfirmed(upload.id, batch.seq, {
      accepted: response.accepted,
      duplicates: response.duplicates,
      rejected,
    });
    progress.confirmed(response.accepted, response.duplicates, rejected.length);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    store.batches.markFailed(upload.id, batch.seq, message);
    // A malformed batch (400) is this batch's problem; anything else stops the upload, and the
    // journal lets it resume once the key, the dataset or the network is put right.
    if (error instanceof CadentApiError && error.status === 400) {
      progress.failed();
      return;
    }
    throw error;
  }
}

function logAttempt(
  store: Store,
  attempt: AttemptRecord,
  upload: UploadRecord,
  connection: string | null,
  tag: unknown,
): void {
  store.requestLog.insert({
    ...attempt,
    connection,
    datasetId: upload.datasetId,
    uploadId: upload.id,
    batchSeq: typeof tag === 'number' ? tag : null,
  });
}

/** Counts for the progress line and bar, and the rate and time left derived from them. */
class ProgressTracker {
  private readonly state: UploadProgress;
  private readonly startedAt = performance.now();
  private confirmedThisRun = 0;

  constructor(
    upload: UploadRecord,
    rowsEstimated: number | null,
    private readonly listener?: (progress: UploadProgress) => void,
  ) {
    this.state = {
      uploadId: upload.id,
      phase: 'checking-file',
      rowsRead: 0,
      rowsEstimated,
      batchesConfirmed: 0,
      batchesSkipped: 0,
      batchesFailed: 0,
      eventsSent: 0,
      accepted: 0,
      duplicates: 0,
      rejected: 0,
      invalid: 0,
      retries: 0,
      eventsPerSecond: 0,
      secondsLeft: null,
    };
  }

  /** A resume starts from the counts the journal already holds. */
  restore(upload: UploadRecord): void {
    Object.assign(this.state, {
      accepted: upload.accepted,
      duplicates: upload.duplicates,
      rejected: upload.rejected,
    });
  }

  phase(phase: UploadProgress['phase']): void {
    this.state.phase = phase;
    this.emit();
  }

  rowsRead(rows: number): void {
    this.state.rowsRead = rows;
    if (this.state.rowsEstimated !== null && rows > this.state.rowsEstimated) {
      this.state.rowsEstimated = rows;
    }
    this.emit();
  }

  invalid(rows: number): void {
    this.state.invalid += rows;
  }

  sent(events: number): void {
    this.state.eventsSent += events;
    this.emit();
  }

  confirmed(accepted: number, duplicates: number, rejected: number): void {
    this.state.batchesConfirmed += 1;
    this.state.accepted += accepted;
    this.state.duplicates += duplicates;
    this.state.rejected += rejected;
    this.confirmedThisRun += accepted + duplicates + rejected;
    this.emit();
  }

  skipped(): void {
    this.state.batchesSkipped += 1;
    this.emit();
  }

  failed(): void {
    this.state.batchesFailed += 1;
    this.emit();
  }

  retry(): void {
    this.state.retries += 1;
    this.emit();
  }

  snapshot(): UploadProgress {
    return { ...this.state };
  }

  private emit(): void {
    const seconds = (performance.now() - this.startedAt) / 1000;
    const rate = seconds > 0 ? this.confirmedThisRun / seconds : 0;
    this.state.eventsPerSecond = Math.round(rate);
    const rowsLeft =
      this.state.rowsEstimated === null
        ? null
        : Math.max(0, this.state.rowsEstimated - this.state.rowsRead);
    const rowsPerSecond = seconds > 0 ? this.state.rowsRead / seconds : 0;
    this.state.secondsLeft =
      rowsLeft === null || rowsPerSecond === 0 ? null : Math.round(rowsLeft / rowsPerSecond);
    this.listener?.({ ...this.state });
  }
}
