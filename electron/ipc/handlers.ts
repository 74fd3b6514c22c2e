/**
 * The main process's side of the IPC table: one handler per method, each a thin call into
 * the same services the command line uses. `dispatchIpc` validates the argument against the
 * table and turns every failure into an error envelope, so nothing is thrown across IPC.
 */
import { basename } from 'node:path';

import { suggestMapping } from '../../shared/header-match';
import { IPC_METHODS } from '../../shared/ipc-api';
import { headerSignature, mappingSchema } from '../../shared/mapping';
import { capitalizeSentence } from '../../shared/sentence';
import { CadentClient } from '../cadent/client';
import { parseEndpoint } from '../cadent/endpoint';
import { resolveTarget } from '../credentials';
import { readCsvHead } from '../csv/read';
import { deleteApiKey, keyHint, readApiKey, saveApiKey } from '../keychain';
import { exportRequestLog } from '../log-export';
import { checkFile } from '../pipeline/check-file';
import { previewEvents } from '../pipeline/preview';
import { exportRejectedRows } from '../upload/rejected-export';
import { isResumable, resumeUpload, startUpload } from '../upload/upload-job';

import type { IpcMethodName, Result } from '../../shared/ipc-api';
import type { ConnectionRecord, UploadRecord } from '../store/types';
import type { UploadOutcome, UploadProgress } from '../upload/upload-job';
import type { IpcDeps, IpcHandlers } from './types';
import type { z } from 'zod';

/** An error whose message is written for the user, with a stable code. */
export class IpcRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'IpcRequestError';
  }
}

/** Builds the handler table over `deps`; one long task of each kind runs at a time. */
export function createIpcHandlers(deps: IpcDeps): IpcHandlers {
  const { store } = deps;
  const now = deps.now ?? (() => new Date());
  let check: AbortController | null = null;
  let upload: AbortController | null = null;
  // Retention is applied when the app starts and whenever it changes.
  store.requestLog.prune(store.settings.get().logRetentionDays);

  const runUpload = async (
    run: (signal: AbortSignal) => Promise<UploadOutcome>,
  ): Promise<ReturnType<typeof uploadResultView>> => {
    if (upload) throw new IpcRequestError('busy', 'an upload is already running');
    upload = new AbortController();
    try {
      const outcome = await run(upload.signal);
      const view = uploadResultView(outcome);
      const { id, status, accepted, duplicates, rejected, invalid, error } = outcome.upload;
      deps.log?.info('upload ended', {
        uploadId: id,
        status,
        accepted,
        duplicates,
        rejected,
        invalid,
        error,
      });
      const nothingAccepted =
        status === 'completed' && accepted + duplicates === 0 && rejected + invalid > 0;
      deps.onUploadFinished?.({
        ok: status === 'completed' && !nothingAccepted,
        title: nothingAccepted
          ? 'Nothing was accepted'
          : status === 'completed'
            ? 'Upload finished'
            : `Upload ${status}`,
        body:
          `${accepted} accepted, ${rejected + invalid} not stored` +
          (outcome.upload.error ? ` — ${outcome.upload.error}` : ''),
      });
      return view;
    } finally {
      upload = null;
    }
  };

  const uploadSettings = () => {
    const settings = store.settings.get();
    return { batchSize: settings.batchSize, concurrency: settings.concurrency };
  };

  const onProgress = (progress: UploadProgress): void =>
    deps.sendProgress({ kind: 'upload', progress });

  return {
    getAppInfo: async () => ({
      version: deps.version,
      dataDir: deps.dataDir,
      platform: deps.platform,
    }),

    listConnections: async () => store.connections.list().map(connectionView),

    saveConnection: async ({ name, endpoint, apiKey, previousName }) => {
      const parsed = parseEndpoint(endpoint);
      if (!parsed.ok) throw new IpcRequestError('invalid_endpoint', parsed.message);
      const renaming = previousName !== undefined && previousName !== name;
      const existing = store.connections.get(previousName ?? name);
      // Adding (no previous name) under a taken name would overwrite that connection's key.
      const adding = previousName === undefined;
      if ((renaming || adding) && store.connections.get(name)) {
        throw new IpcRequestError('exists', `a connection named "${name}" already exists`);
      }
      if (!apiKey && !existing) {
        throw new IpcRequestError(
          'invalid_argument',
          'an API key is required for a new connection',
        );
      }
      let hint = existing?.keyHint ?? null;
      if (apiKey) {
        await saveApiKey(name, apiKey.trim());
        hint = keyHint(apiKey.trim());
      } else if (renaming && previousName) {
        await moveApiKey(previousName, name);
      }
      const saved = store.connections.upsert({
        name,
        endpoint: parsed.url.toString(),
        keyHint: hint,
      });
      if (renaming && previousName) {
        store.connections.remove(previousName);
        if (apiKey) await deleteApiKey(previousName);
      }
      return connectionView(saved);
    },

    removeConnection: async ({ name }) => {
      await deleteApiKey(name);
      return store.connections.remove(name);
    },

    testConnection: async ({ name, datasetId }) => {
      const target = await resolveTarget(store, { connection: name }, {});
      const client = new CadentClient({
        ...deps.client,
        endpoint: target.endpoint,
        apiKey: target.apiKey,
        // A test should answer quickly: one try, no backoff, and not the upload's 30 s wait.
        retry: { maxAttempts: 1 },
        timeoutMs: 10_000,
        onAttempt: (attempt) =>
          store.requestLog.insert({
            ...attempt,
            connection: name,
            datasetId,
            uploadId: null,
            batchSeq: null,
          }),
      });
      return client.getDataset(datasetId);
    },

    chooseFile: async () => deps.chooseFile(),

    openFile: async ({ path }) => {
      const head = await readCsvHead(path, { maxRows: 50 });
      return {
        path: head.filePath,
        name: head.fileName,
        sizeBytes: head.sizeBytes,
        encoding: head.format.encoding,
        bom: head.format.bom,
        delimiter: head.format.delimiter,
        headers: head.headers,
        rows: head.rows.map((row) => ({ row: row.row, cells: [...row.cells] })),
        estimatedRowCount: head.estimatedRowCount,
        rowCountExact: head.rowCountExact,
        problems: head.problems.map((problem) => ({
          kind: problem.kind,
          row: problem.row,
          ...(problem.column ? { column: problem.column } : {}),
          message: problem.message,
        })),
      };
    },

    suggestMapping: async ({ path }) => {
      const head = await readCsvHead(path, { maxRows: 50 });
      const zone = store.settings.get().defaultTimeZone;
      const suggestion = suggestMapping(
        head.headers,
        head.rows.map((row) => row.cells),
        zone,
      );
      const saved = store.mappings.findBySignature(headerSignature(head.headers));
      const parsed = saved ? mappingSchema.safeParse(JSON.parse(saved.mappingJson)) : null;
      return { ...suggestion, saved: parsed?.success ? parsed.data : null };
    },

    saveMapping: async ({ headers, mapping }) => {
      store.mappings.save({
        headerSignature: headerSignature(headers),
        name: headers.slice(0, 3).join(', '),
        mappingJson: JSON.stringify(mapping),
      });
      return true;
    },

    previewEvents: async ({ path, mapping, matchKey, limit }) => {
      const { events } = await previewEvents(path, mappingSchema.parse(mapping), {
        limit,
        matchKey,
        now: now(),
      });
      return events;
    },

    checkFile: async ({ path, mapping, matchKey }) => {
      check?.abort();
      const controller = new AbortController();
      check = controller;
      const head = await readCsvHead(path, { maxRows: 1 });
      try {
        const { summary } = await checkFile(path, mappingSchema.parse(mapping), {
          matchKey,
          now: now(),
          signal: controller.signal,
          onProgress: (rowsRead) =>
            deps.sendProgress({ kind: 'check', rowsRead, rowsEstimated: head.estimatedRowCount }),
        });
        return summary;
      } catch (error) {
        if (controller.signal.aborted)
          throw new IpcRequestError('cancelled', 'the check was cancelled');
        throw error;
      } finally {
        if (check === controller) check = null;
      }
    },

    cancelCheck: async () => {
      if (!check) return false;
      check.abort();
      return true;
    },

    startUpload: async ({ path, mapping, datasetId, connection }) => {
      const target = await resolveTarget(store, { connection }, {});
      return runUpload((signal) =>
        startUpload({
          ...uploadSettings(),
          ...target,
          store,
          filePath: path,
          mapping: mappingSchema.parse(mapping),
          datasetId,
          signal,
          validationTime: now(),
          onProgress,
          ...(deps.client ? { client: deps.client } : {}),
        }),
      );
    },

    resumeUpload: async ({ uploadId, path }) => {
      const saved = store.uploads.get(uploadId);
      if (!saved) throw new IpcRequestError('not_found', 'that upload is no longer in the journal');
      const target = await resolveTarget(
        store,
        saved.connection ? { connection: saved.connection } : { endpoint: saved.endpoint },
        {},
      );
      return runUpload((signal) =>
        resumeUpload({
          ...uploadSettings(),
          ...target,
          store,
          uploadId,
          ...(path ? { filePath: path } : {}),
          signal,
          onProgress,
          ...(deps.client ? { client: deps.client } : {}),
        }),
      );
    },

    cancelUpload: async () => {
      if (!upload) return false;
      upload.abort();
      return true;
    },

    discardUpload: async ({ uploadId }) => {
      const saved = store.uploads.get(uploadId);
      if (!saved) throw new IpcRequestError('not_found', 'that upload is no longer in the journal');
      if (!isResumable(saved.status) || saved.status === 'running') {
        throw new IpcRequestError('not_resumable', `this upload is ${saved.status}`);
      }
      const discarded = store.uploads.update(uploadId, {
        status: 'failed',
        error: `discarded by the user (was ${saved.status}: ${saved.error ?? 'no error'})`,
      });
      return uploadView(discarded);
    },

    listUploads: async () => store.uploads.list({ limit: 200 }).map(uploadView),

    listResumableUploads: async () =>
      store.uploads
        .list({ limit: 200 })
        // 'running' is an upload under way here or in a scheduled CLI job; a crashed one was
        // marked interrupted when the app started.
        .filter((record) => isResumable(record.status) && record.status !== 'running')
        .map(uploadView),

    exportRejectedRows: async ({ uploadId }) => {
      const saved = store.uploads.get(uploadId);
      if (!saved) throw new IpcRequestError('not_found', 'that upload is no longer in the journal');
      const suggested = `${basename(saved.filePath).replace(/\.[^.]+$/, '')}-rejected.csv`;
      const path = await deps.chooseSavePath(suggested, 'csv');
      if (!path) return null;
      const result = await exportRejectedRows(store, uploadId, path);
      return { path, rows: result.rows };
    },

    queryLog: async ({ filter, limit, offset }) => ({
      entries: store.requestLog
        .query({ ...filter, limit, offset })
        .map(({ requestBody: _request, responseBody: _response, ...summary }) => summary),
      total: store.requestLog.count(filter),
    }),

    getLogEntry: async ({ id }) => store.requestLog.get(id),

    exportLog: async ({ filter, format }) => {
      const path = await deps.chooseSavePath(`cadent-request-log.${format}`, format);
      if (!path) return null;
      const rows = await exportRequestLog(store, filter, format, path);
      return { path, rows };
    },

    getSettings: async () => store.settings.get(),

    updateSettings: async (patch) => {
      const settings = store.settings.update(patch);
      store.requestLog.prune(settings.logRetentionDays);
      return settings;
    },
  };

  async function moveApiKey(from: string, to: string): Promise<void> {
    const key = await readApiKey(from);
    if (key) {
      await saveApiKey(to, key);
      await deleteApiKey(from);
    }
  }
}

/** Validates `rawArgs` against the table and runs the handler; never throws. */
export async function dispatchIpc(
  handlers: IpcHandlers,
  method: string,
  rawArgs: unknown,
): Promise<Result<unknown>> {
  if (!Object.hasOwn(IPC_METHODS, method)) {
    return failure('unknown_method', `no such method: ${method}`);
  }
  const name = method as IpcMethodName;
  const parsed = IPC_METHODS[name].args.safeParse(rawArgs);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? `${fieldWords(issue.path)}: ` : '';
    return failure('invalid_argument', `${where}${issue ? issueWords(issue) : 'invalid argument'}`);
  }
  try {
    const handler = handlers[name] as (args: unknown) => Promise<unknown>;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    return failure(errorCode(error), errorMessage(error));
  }
}

function failure(code: string, message: string): Result<never> {
  return { ok: false, error: { code, message: capitalizeSentence(message) } };
}

/** Zod's issue in the words a form would use; the renderer validates first, this is a net. */
function issueWords(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'is required';
  if (issue.code === 'too_small' && issue.origin === 'string') {
    return Number(issue.minimum) <= 1
      ? 'is required'
      : `needs at least ${issue.minimum} characters`;
  }
  if (issue.code === 'too_big' && issue.origin === 'string') {
    return `is too long (at most ${issue.maximum} characters)`;
  }
  if (issue.code === 'unrecognized_keys') return `unknown field ${issue.keys.join(', ')}`;
  return issue.message;
}

/** `datasetId` → "dataset ID", `apiKey` → "api key": the field the user typed, in words. */
function fieldWords(path: readonly PropertyKey[]): string {
  const last = String(path[path.length - 1] ?? '');
  return last
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\bid$/, 'ID');
}

function errorCode(error: unknown): string {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
    return error.code.startsWith('ERR_') ? 'internal' : error.code;
  }
  return 'internal';
}

function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  return errorCode(error) === 'internal' ? `Something went wrong: ${error.message}` : error.message;
}

function connectionView(record: ConnectionRecord) {
  return {
    name: record.name,
    endpoint: record.endpoint,
    keyHint: record.keyHint,
    updatedAt: record.updatedAt,
  };
}

function uploadView(record: UploadRecord) {
  return {
    id: record.id,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    status: record.status,
    filePath: record.filePath,
    connection: record.connection,
    datasetId: record.datasetId,
    rowCount: record.rowCount,
    eventCount: record.eventCount,
    accepted: record.accepted,
    duplicates: record.duplicates,
    rejected: record.rejected,
    invalid: record.invalid,
    error: record.error,
  };
}

function uploadResultView(outcome: UploadOutcome) {
  return {
    upload: uploadView(outcome.upload),
    summary: outcome.summary,
    batchesConfirmed: outcome.batchesConfirmed,
    batchesSkipped: outcome.batchesSkipped,
    batchesFailed: outcome.batchesFailed,
  };
}
