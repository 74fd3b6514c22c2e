import { z } from 'zod';

import { writeTransaction } from './context';
import { isConstraintError, StoreError } from './errors';
import { redactApiKeyHeaders } from './redact';
import { rowProblemSchema } from './row-problems';
import { BATCHES } from './tables';
import { countSchema, parseInput } from './validation';

import type { StoreContext } from './context';
import type { RowProblemRepository } from './row-problems';
import type { BatchRecord, BatchResult, NewBatch } from './types';

/**
 * The batch journal: each batch is written down before it is sent and again when Cadent has
 * answered, so a resume sends exactly the batches that were never confirmed.
 */
export interface BatchRepository {
  /**
   * Records a batch as 'pending', or resets an unconfirmed one to 'pending'. A confirmed batch
   * is left as it is; planning it again over different rows is refused.
   */
  upsertPending(batch: NewBatch): void;
  markSent(uploadId: string, seq: number): void;
  /**
   * In one transaction: the batch becomes 'confirmed' with Cadent's counts, its rejected events
   * are added as row problems, and the upload's accepted/duplicates/rejected totals grow. A
   * crash leaves all of it or none. Confirming a batch twice is refused.
   */
  markConfirmed(uploadId: string, seq: number, result: BatchResult): void;
  markFailed(uploadId: string, seq: number, error: string): void;
  /** By sequence number. */
  list(uploadId: string): BatchRecord[];
  confirmedSeqs(uploadId: string): Set<number>;
}

/** Builds the batch journal over an open store; rejected events go to `rowProblems`. */
export function createBatchRepository(
  context: StoreContext,
  rowProblems: RowProblemRepository,
): BatchRepository {
  const { db } = context;
  const upsert = db.prepare<NewBatch & { now: string }>(
    `INSERT INTO batches (upload_id, seq, first_row, last_row, event_count, status, updated_at)
     VALUES (@uploadId, @seq, @firstRow, @lastRow, @eventCount, 'pending', @now)
     ON CONFLICT (upload_id, seq) DO UPDATE SET
       first_row = excluded.first_row, last_row = excluded.last_row,
       event_count = excluded.event_count, status = 'pending', accepted = 0, duplicates = 0,
       rejected = 0, error = NULL, updated_at = excluded.updated_at
     WHERE batches.status <> 'confirmed'`,
  );
  const byKey = db.prepare<[string, number], BatchRecord>(
    `SELECT ${BATCHES.select} FROM batches WHERE upload_id = ? AND seq = ?`,
  );
  const setStatus = db.prepare<{
    uploadId: string;
    seq: number;
    status: 'sent' | 'failed';
    error: string | null;
    now: string;
  }>(
    `UPDATE batches SET status = @status, error = @error, updated_at = @now
     WHERE upload_id = @uploadId AND seq = @seq AND status <> 'confirmed'`,
  );
  const confirm = db.prepare<{
    uploadId: string;
    seq: number;
    accepted: number;
    duplicates: number;
    rejected: number;
    now: string;
  }>(
    `UPDATE batches SET status = 'confirmed', accepted = @accepted, duplicates = @duplicates,
       rejected = @rejected, error = NULL, updated_at = @now
     WHERE upload_id = @uploadId AND seq = @seq`,
  );
  const addToUpload = db.prepare<{
    uploadId: string;
    accepted: number;
    duplicates: number;
    rejected: number;
    now: string;
  }>(
    `UPDATE uploads SET accepted = accepted + @accepted, duplicates = duplicates + @duplicates,
       rejected = rejected + @rejected, updated_at = @now
     WHERE id = @uploadId`,
  );
  const ofUpload = db.prepare<[string], BatchRecord>(
    `SELECT ${BATCHES.select} FROM batches WHERE upload_id = ? ORDER BY seq`,
  );
  const confirmed = db
    .prepare<[string], number>(
      `SELECT seq FROM batches WHERE upload_id = ? AND status = 'confirmed' ORDER BY seq`,
    )
    .pluck();

  function existing(uploadId: string, seq: number): BatchRecord {
    const batch = byKey.get(uploadId, seq);
    if (!batch) {
      throw new StoreError('not-found', `Upload "${uploadId}" has no batch ${seq}.`);
    }
    return batch;
  }

  function alreadyConfirmed(uploadId: string, seq: number): StoreError {
    return new StoreError('conflict', `Batch ${seq} of upload "${uploadId}" is already confirmed.`);
  }

  function setUnconfirmedStatus(
    uploadId: string,
    seq: number,
    status: 'sent' | 'failed',
    error: string | null,
  ): void {
    writeTransaction(context, () => {
      const now = context.now();
      if (setStatus.run({ uploadId, seq, status, error, now }).changes > 0) return;

      existing(uploadId, seq);
      throw alreadyConfirmed(uploadId, seq);
    });
  }

  return {
    upsertPending(batch) {
      const input = parseInput(newBatchSchema, batch, 'batch');
      writeTransaction(context, () => {
        try {
          if (upsert.run({ ...input, now: context.now() }).changes > 0) return;
        } catch (error) {
          if (!isConstraintError(error, 'FOREIGNKEY')) throw error;
          throw new StoreError('not-found', `There is no upload with id "${input.uploadId}".`, {
            cause: error,
          });
        }

        const current = existing(input.uploadId, input.seq);
        const same =
          current.firstRow === input.firstRow &&
          current.lastRow === input.lastRow &&
          current.eventCount === input.eventCount;
        if (!same) {
          throw new StoreError(
            'conflict',
            `Batch ${input.seq} of upload "${input.uploadId}" is confirmed for rows ` +
              `${current.firstRow}–${current.lastRow}; it cannot be planned again over other rows.`,
          );
        }
      });
    },

    markSent: (uploadId, seq) => setUnconfirmedStatus(uploadId, seq, 'sent', null),

    markConfirmed(uploadId, seq, result) {
      const { accepted, duplicates, rejected } = parseInput(
        batchResultSchema,
        result,
        'batch result',
      );
      const strays = rejected.filter((row) => row.uploadId !== uploadId || row.source !== 'cadent');
      if (strays.length > 0) {
        throw new StoreError(
          'invalid-input',
          `Invalid batch result: rejected rows must belong to upload "${uploadId}" with source ` +
            `"cadent" (row ${strays[0]?.row} does not).`,
        );
      }

      writeTransaction(context, () => {
        if (existing(uploadId, seq).status === 'confirmed') throw alreadyConfirmed(uploadId, seq);

        const counts = { uploadId, accepted, duplicates, rejected: rejected.length };
        const now = context.now();
        confirm.run({ ...counts, seq, now });
        rowProblems.addMany(rejected);
        addToUpload.run({ ...counts, now });
      });
    },

    markFailed: (uploadId, seq, error) =>
      setUnconfirmedStatus(uploadId, seq, 'failed', redactApiKeyHeaders(error)),

    list: (uploadId) => ofUpload.all(uploadId),

    confirmedSeqs: (uploadId) => new Set(confirmed.all(uploadId)),
  };
}

const newBatchSchema = z
  .strictObject({
    uploadId: z.string().min(1),
    seq: countSchema,
    firstRow: z.number().int().min(2, 'must be a data row (the header is row 1)'),
    lastRow: z.number().int(),
    eventCount: z.number().int().min(1, 'must be at least 1'),
  })
  .refine((batch) => batch.lastRow >= batch.firstRow, {
    error: 'lastRow must not come before firstRow',
  });

const batchResultSchema = z.strictObject({
  accepted: countSchema,
  duplicates: countSchema,
  rejected: z.array(rowProblemSchema),
});
