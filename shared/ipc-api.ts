/**
 * The one table of the API between the renderer and the main process: each method's name and
 * the zod schemas of its argument and result, and the progress messages. The main process
 * registers a handler per entry and validates every argument against it; the preload builds
 * `window.cadent` from the same names; the end-to-end bridge routes to the same handlers.
 */
import { z } from 'zod';

import { IDENTITY_FIELDS } from './cadent-fields';
import { mappingSchema } from './mapping';
import { settingsSchema } from './settings';

import type { BuiltEvent } from './build-event';
import type { Dataset } from './cadent-contract';
import type { CheckSummary } from './check-summary';
import type { MappingSuggestion } from './header-match';
import type { Mapping } from './mapping';
import type { ConnectionRecord, RequestLogEntry, UploadRecord } from './records';
import type { Settings } from './settings';

/** A result crossing the process boundary: a value, or an error with a code and a message. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: IpcError };

export interface IpcError {
  /** Stable for code to branch on: `invalid_argument`, `unauthorized`, `not_found`, ... */
  code: string;
  /** One sentence for the user: what went wrong and what to do. */
  message: string;
}

const name = z.string().trim().min(1).max(100);
const filePath = z.string().min(1).max(4096);
const datasetId = z.string().trim().min(1).max(200);
const uploadId = z.string().uuid();
const none = z.undefined();

/** A type-only schema for results built by trusted main-process code. */
const shape = <T>() => z.custom<T>(() => true);

/** A saved connection as the renderer sees it: a hint of the key, never the key. */
export type ConnectionView = Omit<ConnectionRecord, 'createdAt'>;

export interface FileView {
  path: string;
  name: string;
  sizeBytes: number;
  encoding: string;
  bom: boolean;
  delimiter: string;
  headers: string[];
  rows: Array<{ row: number; cells: string[] }>;
  estimatedRowCount: number;
  rowCountExact: boolean;
  problems: Array<{ kind: string; row: number | null; column?: string; message: string }>;
}

/** An upload without what only a resume needs (the file's digest, the mapping, the endpoint). */
export type UploadView = Omit<UploadRecord, 'fileSize' | 'fileSha256' | 'endpoint' | 'mappingJson'>;

export interface UploadResultView {
  upload: UploadView;
  summary: CheckSummary | null;
  batchesConfirmed: number;
  batchesSkipped: number;
  batchesFailed: number;
}

export type LogEntryView = RequestLogEntry;
/** A log row for the table: bodies (up to 4 MiB each) come with `getLogEntry` only. */
export type LogEntrySummary = Omit<RequestLogEntry, 'requestBody' | 'responseBody'>;

export { settingsSchema };
export type SettingsView = Settings;

export const logFilterSchema = z
  .object({
    status: z.union([z.enum(['ok', 'error']), z.number().int().min(100).max(599)]).optional(),
    datasetId: z.string().max(200).optional(),
    uploadId: z.string().max(64).optional(),
    connection: z.string().max(100).optional(),
    since: z.string().datetime({ offset: true }).optional(),
    until: z.string().datetime({ offset: true }).optional(),
  })
  .strict();

export type LogFilter = z.infer<typeof logFilterSchema>;

const matchKey = z.enum(IDENTITY_FIELDS).nullable();

/** Every method: `args` validates what the renderer sends, `result` types what it gets. */
export const IPC_METHODS = {
  getAppInfo: {
    args: none,
    result: shape<{ version: string; dataDir: string; platform: string }>(),
  },

  listConnections: { args: none, result: shape<ConnectionView[]>() },
  /** Adds or edits a connection; `apiKey` omitted keeps the saved key. */
  saveConnection: {
    args: z
      .object({
        name,
        endpoint: z.string().trim().min(1).max(2048),
        apiKey: z.string().min(1).max(4096).optional(),
        previousName: name.optional(),
      })
      .strict(),
    result: shape<ConnectionView>(),
  },
  removeConnection: { args: z.object({ name }).strict(), result: shape<boolean>() },
  /** "Test connection": the dataset's name and match key, or what went wrong. */
  testConnection: {
    args: z.object({ name, datasetId }).strict(),
    result: shape<Dataset>(),
  },

  /** Opens the OS file picker in the main process; null when the user cancels. */
  chooseFile: { args: none, result: shape<string | null>() },
  /** Sniffs a file and reads its header and first rows, whatever its size. */
  openFile: { args: z.object({ path: filePath }).strict(), result: shape<FileView>() },

  /** A proposed mapping, and the one saved for these headers if there is one. */
  suggestMapping: {
    args: z.object({ path: filePath }).strict(),
    result: shape<MappingSuggestion & { saved: Mapping | null }>(),
  },
  saveMapping: {
    args: z.object({ headers: z.array(z.string()).max(2000), mapping: mappingSchema }).strict(),
    result: shape<boolean>(),
  },

  /** The first events exactly as they will be sent, each with its trace. */
  previewEvents: {
    args: z
      .object({
        path: filePath,
        mapping: mappingSchema,
        matchKey,
        limit: z.number().int().min(1).max(200),
      })
      .strict(),
    result: shape<BuiltEvent[]>(),
  },
  /** The full-file check; progress arrives as `check` messages. */
  checkFile: {
    args: z.object({ path: filePath, mapping: mappingSchema, matchKey }).strict(),
    result: shape<CheckSummary>(),
  },
  cancelCheck: { args: none, result: shape<boolean>() },

  startUpload: {
    args: z
      .object({ path: filePath, mapping: mappingSchema, datasetId, connection: name })
      .strict(),
    result: shape<UploadResultView>(),
  },
  /** `path`: where the file is now, if it moved (its content must be the same). */
  resumeUpload: {
    args: z.object({ uploadId, path: filePath.optional() }).strict(),
    result: shape<UploadResultView>(),
  },
  cancelUpload: { args: none, result: shape<boolean>() },
  /** Gives up an unfinished upload: it is no longer offered for resume. */
  discardUpload: { args: z.object({ uploadId }).strict(), result: shape<UploadView>() },
  listUploads: { args: none, result: shape<UploadView[]>() },
  /** Uploads that stopped before the end and can go on from their journal. */
  listResumableUploads: { args: none, result: shape<UploadView[]>() },
  /** Saves the rejected rows as CSV where the user picks; null when the user cancels. */
  exportRejectedRows: {
    args: z.object({ uploadId }).strict(),
    result: shape<{ path: string; rows: number } | null>(),
  },

  queryLog: {
    args: z
      .object({
        filter: logFilterSchema,
        limit: z.number().int().min(1).max(500),
        offset: z.number().int().min(0),
      })
      .strict(),
    result: shape<{ entries: LogEntrySummary[]; total: number }>(),
  },
  getLogEntry: {
    args: z.object({ id: z.number().int().min(1) }).strict(),
    result: shape<LogEntryView | null>(),
  },
  exportLog: {
    args: z.object({ filter: logFilterSchema, format: z.enum(['csv', 'json']) }).strict(),
    result: shape<{ path: string; rows: number } | null>(),
  },

  getSettings: { args: none, result: shape<SettingsView>() },
  updateSettings: { args: settingsSchema.partial().strict(), result: shape<SettingsView>() },
} as const;

export type IpcMethodName = keyof typeof IPC_METHODS;
export const IPC_METHOD_NAMES = Object.keys(IPC_METHODS) as IpcMethodName[];

export type IpcArgs<M extends IpcMethodName> = z.input<(typeof IPC_METHODS)[M]['args']>;
export type IpcValue<M extends IpcMethodName> = z.output<(typeof IPC_METHODS)[M]['result']>;

/** The IPC channel of a method; one namespace so no other channel is ever answered. */
export const channelOf = (method: IpcMethodName): string => `cadent:${method}`;
export const PROGRESS_CHANNEL = 'cadent:progress';

/**
 * Messages the main process pushes to the window: progress of the long calls, and a file
 * chosen from the native menu (File › Open CSV…) for the Import screen to open.
 */
export const progressMessageSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('open-file'), path: z.string().min(1).max(4096) }),
  z.object({
    kind: z.literal('check'),
    rowsRead: z.number(),
    rowsEstimated: z.number().nullable(),
  }),
  z.object({
    kind: z.literal('upload'),
    progress: z.object({
      uploadId: z.string(),
      phase: z.enum(['checking-file', 'connecting', 'uploading', 'finishing']),
      rowsRead: z.number(),
      rowsEstimated: z.number().nullable(),
      batchesConfirmed: z.number(),
      batchesSkipped: z.number(),
      batchesFailed: z.number(),
      eventsSent: z.number(),
      accepted: z.number(),
      duplicates: z.number(),
      rejected: z.number(),
      invalid: z.number(),
      retries: z.number(),
      eventsPerSecond: z.number(),
      secondsLeft: z.number().nullable(),
    }),
  }),
]);

export type ProgressMessage = z.infer<typeof progressMessageSchema>;

/** `window.cadent`: one async method per table entry, plus the progress subscription. */
export type CadentBridge = {
  [M in IpcMethodName]: (
    ...args: IpcArgs<M> extends undefined ? [] : [IpcArgs<M>]
  ) => Promise<Result<IpcValue<M>>>;
} & {
  /** Calls `listener` with every progress message; returns the unsubscribe function. */
  onProgress(listener: (message: ProgressMessage) => void): () => void;
  /** The path of a dropped file (the preload asks `webUtils.getPathForFile`). */
  pathForFile(file: File): string;
};
