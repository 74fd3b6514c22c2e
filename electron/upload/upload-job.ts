/**
 * One upload: a file, a mapping and a dataset. Batches are journaled before and after they
 * are sent, so an upload interrupted by a crash, a quit or a cancel resumes from the journal
 * without sending a confirmed batch twice (and a batch whose answer was lost is resent, which
 * Cadent deduplicates by event ID).
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';

import { mappingProblems, mappingSchema } from '../../shared/mapping';
import { CadentApiError, CadentClient } from '../cadent/client';
import { csvFileFingerprint, readCsvHead } from '../csv/read';
import { onAbort } from '../on-abort';
import { MappingMismatchError } from '../pipeline/compile';
import { startPipeline } from '../pipeline/pipeline-runner';

import type { IdentityField } from '../../shared/cadent-fields';
import type { CheckSummary } from '../../shared/check-summary';
import type { Mapping } from '../../shared/mapping';
import type { AttemptRecord, CadentClientOptions } from '../cadent/client';
import type { Batch } from '../pipeline/batcher';
import type { Store } from '../store';
import type { BatchRecord, RowProblemRecord, UploadRecord, UploadStatus } from '../store/types';

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
  /**
   * The time Cadent's event-time window (90 days back, 1 hour ahead) is checked against;
   * now by default. A resume reuses the one its upload started with, so the same rows are
   * valid and the journal's batches line up.
   */
  validationTime?: Date;
  client?: Partial<CadentClientOptions>;
}

export interface ResumeUploadOptions extends Omit<
  StartUploadOptions,
  'filePath' | 'mapping' | 'datasetId' | 'endpoint' | 'connection' | 'validationTime'
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
  // Absolute, so a resume from another folder finds the file.
  const filePath = resolve(options.filePath);
  const head = await readCsvHead(filePath, { maxRows: 1 });
  const problems = mappingProblems(options.mapping, head.headers, null);
  if (problems.length > 0) throw new MappingMismatchError(problems);

  const fingerprint = await csvFileFingerprint(filePath);
  const job: SavedJob = {
    mapping: options.mapping,
    batchSize: options.batchSize,
    validationTime: (options.validationTime ?? new Date()).toISOString(),
  };
  const upload = options.store.uploads.create({
    id: randomUUID(),
    filePath,
    fileSize: fingerprint.size,
    fileSha256: fingerprint.sha256,
    connection: options.connection,
    endpoint: options.endpoint,
    datasetId: options.datasetId,
    mappingJson: JSON.stringify(job),
  });
  return runUpload(upload, job, filePath, {
    ...options,
    rowsEstimated: options.rowsEstimated ?? head.estimatedRowCount,
  });
}

/** Resumes an interrupted or cancelled upload from its journal. */
export async function resumeUpload(options: ResumeUploadOptions & Target): Promise<UploadOutcome> {
  const { store } = options;
  // An upload left 'running' by a process that died can go on; one whose process lives cannot.
  store.uploads.markRunningAsInterrupted();
  const upload = store.uploads.get(options.uploadId);
  if (!upload) throw new UploadError(`no upload with ID ${options.uploadId}`, 'not_found');
  if (upload.status === 'running') {
    throw new UploadError(
      `upload ${upload.id} is running in another process (the app or a scheduled job)`,
      'busy',
    );
  }
  if (!isResumable(upload.status)) {
    throw new UploadError(
      `upload ${upload.id} is ${upload.status} and cannot be resumed`,
      'not_resumable',
    );
  }
  const filePath = resolve(options.filePath ?? upload.filePath);
  await checkSameFile(upload, filePath);
  const saved = JSON.parse(upload.mappingJson) as Partial<SavedJob> & { mapping: unknown };
  const job: SavedJob = {
    mapping: mappingSchema.parse(saved.mapping),
    batchSize: saved.batchSize ?? 1000,
    validationTime: saved.validationTime ?? upload.createdAt,
  };
  return runUpload(upload, job, filePath, {
    ...options,
    endpoint: upload.endpoint,
    connection: upload.connection,
    datasetId: upload.datasetId,
  });
}

/** Refuses a file whose content is not the one `upload` read (changed, or another file). */
export async function checkSameFile(upload: UploadRecord, filePath: string): Promise<void> {
  const fingerprint = await csvFileFingerprint(filePath);
  if (fingerprint.size !== upload.fileSize || fingerprint.sha256 !== upload.fileSha256) {
    throw new UploadError(
      `${filePath} is not the file upload ${upload.id} started with (its content changed)`,
      'file_changed',
    );
  }
}

/**
 * What a resume needs to build exactly the same batches: the mapping, the batch size and the
 * time event times were checked against (kept in the upload's `mappingJson`).
 */
interface SavedJob {
  mapping: Mapping;
  batchSize: number;
  validationTime: string;
}

/** Whether an upload can be resumed from its journal. */
export function isResumable(status: UploadStatus): boolean {
  return status !== 'completed' && status !== 'failed';
}

/**
 * A stop no resume can mend: the saved mapping does not fit the file or the dataset does not
 * exist (both are saved with the upload), or the file no longer gives the journal's batches.
 * A refused key, a permission or a network outage can be put right: those stay resumable.
 */
function isFinal(error: unknown): boolean {
  if (error instanceof CadentApiError) return error.status === 404;
  return error instanceof UploadError && FINAL_CODES.has(error.code);
}

const FINAL_CODES = new Set(['mapping_mismatch', 'journal_mismatch']);

async function runUpload(
  upload: UploadRecord,
  job: SavedJob,
  filePath: string,
  options: Omit<StartUploadOptions, 'filePath' | 'mapping' | 'batchSize' | 'validationTime'>,
): Promise<UploadOutcome> {
  const { store } = options;
  const confirmed = new Map(
    store.batches
      .list(upload.id)
      .filter((batch) => batch.status === 'confirmed')
      .map((batch) => [batch.seq, batch]),
  );
  const progress = new ProgressTracker(upload, options.rowsEstimated ?? null, options.onProgress);
  progress.restore(store.uploads.get(upload.id) ?? upload);
  store.uploads.update(upload.id, { status: 'running', error: null });
  // Local problems are found again on this pass over the file; keep one copy of each.
  store.rowProblems.clear(upload.id, 'local');

  const client = new CadentClient({
    ...options.client,
    endpoint: options.endpoint,
    apiKey: options.apiKey,
    onAttempt: (attempt, tag) => logAttempt(store, attempt, upload, options.connection, tag),
    onRetry: () => progress.retry(),
  });

  let summary: CheckSummary | null = null;
  try {
    progress.phase('connecting');
    const dataset = await client.getDataset(options.datasetId, options.signal, null);
    progress.phase('uploading');
    summary = await sendFile({
      filePath,
      job,
      matchKey: dataset.match_key,
      concurrency: Math.max(1, options.concurrency),
      confirmed,
      client,
      upload,
      store,
      progress,
      ...(options.signal ? { stopSignal: options.signal } : {}),
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
    const cancelled = options.signal?.aborted === true && !(error instanceof CadentApiError);
    const message = error instanceof Error ? error.message : String(error);
    store.uploads.update(upload.id, {
      status: cancelled ? 'cancelled' : isFinal(error) ? 'failed' : 'interrupted',
      error: cancelled ? 'the upload was cancelled' : message,
      invalid: store.rowProblems.count(upload.id, 'local'),
    });
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
  job: SavedJob;
  matchKey: IdentityField;
  concurrency: number;
  /** The journal's confirmed batches by sequence number. */
  confirmed: ReadonlyMap<number, BatchRecord>;
  client: CadentClient;
  upload: UploadRecord;
  store: Store;
  progress: ProgressTracker;
  /**
   * Stops the upload gently: no new batch is sent, the batches in flight finish and are
   * journaled, so the counts shown at a cancel are what Cadent holds.
   */
  stopSignal?: AbortSignal;
}

/** Reads the file in the worker and sends its batches, `concurrency` at a time. */
async function sendFile(context: SendFileContext): Promise<CheckSummary> {
  const { store, upload, progress, stopSignal } = context;
  const run = startPipeline(
    {
      kind: 'batches',
      filePath: context.filePath,
      mapping: context.job.mapping,
      matchKey: context.matchKey,
      nowIso: context.job.validationTime,
      batchSize: context.job.batchSize,
    },
    context.concurrency + 2,
  );
  const unhookCancel = onAbort(stopSignal, () => run.cancel());
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
      const journaled = context.confirmed.get(batch.seq);
      if (journaled) {
        checkJournal(journaled, batch, upload.id);
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
    unhookCancel();
    await Promise.allSettled(inFlight);
  }
}

/**
 * A confirmed batch is skipped only if this pass built the same batch: the same rows and as
 * many events. Anything else means the batches moved, and skipping by number would lose
 * events without a word.
 */
function checkJournal(journaled: BatchRecord, batch: Batch, uploadId: string): void {
  const same =
    journaled.firstRow === batch.firstRow &&
    journaled.lastRow === batch.lastRow &&
    journaled.eventCount === batch.eventCount;
  if (same) return;
  throw new UploadError(
    `batch ${batch.seq} of upload ${uploadId} no longer covers the rows it was confirmed ` +
      `with (rows ${journaled.firstRow}–${journaled.lastRow}, now ${batch.firstRow}–` +
      `${batch.lastRow}); start a new upload: Cadent ignores the events it already has`,
    'journal_mismatch',
  );
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
      // A batch once sent is seen through: a cancel stops the next one, not this one.
      undefined,
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
