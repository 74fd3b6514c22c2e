import { z } from 'zod';

import { writeTransaction } from './context';
import { isConstraintError, StoreError } from './errors';
import { redactApiKeyHeaders } from './redact';
import { UPLOADS } from './tables';
import { UPLOAD_STATUSES } from './types';
import {
  countSchema,
  endpointSchema,
  jsonTextSchema,
  nonEmptySchema,
  pageSchema,
  parseInput,
} from './validation';

import type { StoreContext } from './context';
import type { NewUpload, UploadPatch, UploadRecord } from './types';

/** The journal of uploads: one record per run over a file, with its running totals. */
export interface UploadRepository {
  /** Records a new upload as 'running', owned by this process. */
  create(upload: NewUpload): UploadRecord;
  get(id: string): UploadRecord | null;
  /** Newest first. */
  list(options?: { limit?: number }): UploadRecord[];
  /** Uploads a resume can pick up: 'running' or 'interrupted', newest first. */
  listResumable(): UploadRecord[];
  /** Applies `patch` and returns the upload; setting 'running' makes this process its owner. */
  update(id: string, patch: UploadPatch): UploadRecord;
  /**
   * Marks as 'interrupted' every 'running' upload whose process has gone (a crash or a kill
   * left it so), and returns how many. Uploads still run by a live process, such as the CLI
   * while the app starts, are left alone. Call at startup.
   */
  markRunningAsInterrupted(): number;
}

/** Builds the uploads repository over an open store. */
export function createUploadRepository(context: StoreContext): UploadRepository {
  const { db } = context;
  const insert = db.prepare<NewUpload & { now: string; pid: number }, UploadRecord>(
    `INSERT INTO uploads (id, created_at, updated_at, status, owner_pid, file_path, file_size,
       file_sha256, connection, endpoint, dataset_id, mapping_json)
     VALUES (@id, @now, @now, 'running', @pid, @filePath, @fileSize,
       @fileSha256, @connection, @endpoint, @datasetId, @mappingJson)
     RETURNING ${UPLOADS.select}`,
  );
  const byId = db.prepare<[string], UploadRecord>(
    `SELECT ${UPLOADS.select} FROM uploads WHERE id = ?`,
  );
  const newest = db.prepare<[number], UploadRecord>(
    `SELECT ${UPLOADS.select} FROM uploads ORDER BY created_at DESC, rowid DESC LIMIT ?`,
  );
  const resumable = db.prepare<[], UploadRecord>(
    `SELECT ${UPLOADS.select} FROM uploads WHERE status IN ('running', 'interrupted')
     ORDER BY created_at DESC, rowid DESC`,
  );
  const write = db.prepare<
    Required<UploadPatch> & { id: string; now: string; claim: number; pid: number },
    UploadRecord
  >(
    `UPDATE uploads SET status = @status, row_count = @rowCount, event_count = @eventCount,
       accepted = @accepted, duplicates = @duplicates, rejected = @rejected, invalid = @invalid,
       error = @error, updated_at = @now,
       owner_pid = CASE WHEN @claim THEN @pid ELSE owner_pid END
     WHERE id = @id
     RETURNING ${UPLOADS.select}`,
  );
  const running = db.prepare<[], { id: string; ownerPid: number | null }>(
    `SELECT id, owner_pid AS ownerPid FROM uploads WHERE status = 'running'`,
  );
  const interrupt = db.prepare<[string, string]>(
    `UPDATE uploads SET status = 'interrupted', updated_at = ? WHERE id = ? AND status = 'running'`,
  );

  return {
    create(upload) {
      const input = parseInput(newUploadSchema, upload, 'upload');
      try {
        return insert.get({ ...input, now: context.now(), pid: context.processId }) as UploadRecord;
      } catch (error) {
        if (!isConstraintError(error, 'PRIMARYKEY')) throw error;
        throw new StoreError('conflict', `An upload with id "${input.id}" already exists.`, {
          cause: error,
        });
      }
    },

    get: (id) => byId.get(id) ?? null,

    list(options = {}) {
      const { limit } = parseInput(pageSchema, options, 'upload list options');
      return newest.all(limit ?? -1);
    },

    listResumable: () => resumable.all(),

    update(id, patch) {
      const changes = parseInput(patchSchema, patch, 'upload update');
      // Read and write under one lock, so a concurrent update in the other process is not lost.
      return writeTransaction(context, () => {
        const current = byId.get(id);
        if (!current) throw new StoreError('not-found', `There is no upload with id "${id}".`);

        // A key given as undefined leaves the field as it is, like a missing key.
        const given = Object.entries(changes).filter(([, value]) => value !== undefined);
        const next: UploadRecord = { ...current, ...Object.fromEntries(given) };
        return write.get({
          id,
          status: next.status,
          rowCount: next.rowCount,
          eventCount: next.eventCount,
          accepted: next.accepted,
          duplicates: next.duplicates,
          rejected: next.rejected,
          invalid: next.invalid,
          // Error text often quotes a request; its key header must not reach the disk.
          error: redactApiKeyHeaders(next.error),
          now: context.now(),
          claim: changes.status === 'running' ? 1 : 0,
          pid: context.processId,
        }) as UploadRecord;
      });
    },

    markRunningAsInterrupted() {
      return writeTransaction(context, () => {
        const now = context.now();
        let marked = 0;
        for (const { id, ownerPid } of running.all()) {
          if (ownerPid !== null && isProcessAlive(ownerPid)) continue;
          marked += interrupt.run(now, id).changes;
        }
        return marked;
      });
    },
  };
}

const newUploadSchema = z.strictObject({
  id: nonEmptySchema,
  filePath: nonEmptySchema,
  fileSize: countSchema,
  fileSha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters'),
  connection: z.string().nullable(),
  endpoint: endpointSchema,
  datasetId: nonEmptySchema,
  mappingJson: jsonTextSchema,
});

const patchSchema = z.strictObject({
  status: z.enum(UPLOAD_STATUSES).optional(),
  rowCount: countSchema.nullable().optional(),
  eventCount: countSchema.nullable().optional(),
  accepted: countSchema.optional(),
  duplicates: countSchema.optional(),
  rejected: countSchema.optional(),
  invalid: countSchema.optional(),
  error: z.string().nullable().optional(),
});

/** Whether a process with this id exists on this machine (the data folder is per user, local). */
function isProcessAlive(pid: number): boolean {
  try {
    // Signal 0 delivers nothing: it only asks whether the process exists.
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
