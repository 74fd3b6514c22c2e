/**
 * The shape of everything the app keeps on disk, in one SQLite file under the data folder.
 * No table holds an API key or a raw identity value: requests are logged as sent (hashed),
 * rejected rows are kept as row numbers and reasons, never as their cells.
 */

export interface ConnectionRecord {
  name: string;
  endpoint: string;
  /** The last four characters of the key, shown as "••••1a2b"; the key is in the keychain. */
  keyHint: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface RequestLogEntry {
  id: number;
  /** ISO 8601 UTC, when the attempt started. */
  time: string;
  connection: string | null;
  datasetId: string | null;
  uploadId: string | null;
  batchSeq: number | null;
  method: string;
  url: string;
  /** HTTP status, or null when no response came (timeout, dropped connection). */
  status: number | null;
  durationMs: number;
  /** 1 for the first try of a request, 2 for its first retry, ... */
  attempt: number;
  eventCount: number;
  /** The body exactly as sent, before compression; identity values are already hashed. */
  requestBody: string | null;
  responseBody: string | null;
  /** Transport error ("timeout after 30000 ms", "socket hang up"), null when a response came. */
  error: string | null;
}

export type NewRequestLogEntry = Omit<RequestLogEntry, 'id'>;

export interface RequestLogQuery {
  uploadId?: string;
  datasetId?: string;
  connection?: string;
  /** 'ok' = 2xx, 'error' = anything else including no response, or an exact status code. */
  status?: 'ok' | 'error' | number;
  /** ISO 8601 bounds on `time`, inclusive. */
  since?: string;
  until?: string;
  limit?: number;
  offset?: number;
}

export const UPLOAD_STATUSES = [
  'running',
  'interrupted',
  'completed',
  'failed',
  'cancelled',
] as const;

export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

export interface UploadRecord {
  id: string;
  createdAt: string;
  updatedAt: string;
  status: UploadStatus;
  filePath: string;
  /** Size and SHA-256 of the file, so a resume can check it reads the same file. */
  fileSize: number;
  fileSha256: string;
  connection: string | null;
  endpoint: string;
  datasetId: string;
  /** The mapping as JSON, so a resume builds exactly the same events. */
  mappingJson: string;
  rowCount: number | null;
  eventCount: number | null;
  accepted: number;
  duplicates: number;
  /** Rejected by Cadent. */
  rejected: number;
  /** Rows never sent because they could not become a valid event. */
  invalid: number;
  error: string | null;
}

export type NewUpload = Pick<
  UploadRecord,
  | 'id'
  | 'filePath'
  | 'fileSize'
  | 'fileSha256'
  | 'connection'
  | 'endpoint'
  | 'datasetId'
  | 'mappingJson'
>;

export const BATCH_STATUSES = ['pending', 'sent', 'confirmed', 'failed'] as const;

export type BatchStatus = (typeof BATCH_STATUSES)[number];

export interface BatchRecord {
  uploadId: string;
  /** 0, 1, 2, ... in file order. */
  seq: number;
  /** Row numbers (spreadsheet numbering, header = row 1) of the first and last row covered. */
  firstRow: number;
  lastRow: number;
  eventCount: number;
  status: BatchStatus;
  accepted: number;
  duplicates: number;
  rejected: number;
  error: string | null;
  updatedAt: string;
}

/** What an upload's progress may be patched with; the file and its target never change. */
export type UploadPatch = Partial<
  Pick<
    UploadRecord,
    | 'status'
    | 'rowCount'
    | 'eventCount'
    | 'accepted'
    | 'duplicates'
    | 'rejected'
    | 'invalid'
    | 'error'
  >
>;

/** A batch as planned, before it is sent. */
export type NewBatch = Pick<
  BatchRecord,
  'uploadId' | 'seq' | 'firstRow' | 'lastRow' | 'eventCount'
>;

/** Cadent's answer to one batch. */
export interface BatchResult {
  accepted: number;
  duplicates: number;
  /** One record per rejected event, `source: 'cadent'`. */
  rejected: RowProblemRecord[];
}

/** 'local': the row could not become a valid event; 'cadent': Cadent rejected its event. */
export type RowProblemSource = 'local' | 'cadent';

/** One row that did not arrive: invalid here, or rejected by Cadent. No cell values. */
export interface RowProblemRecord {
  uploadId: string;
  row: number;
  eventId: string | null;
  source: RowProblemSource;
  code: string;
  message: string;
}

export interface SavedMappingRecord {
  headerSignature: string;
  name: string;
  mappingJson: string;
  updatedAt: string;
}

export interface Settings {
  /** IANA zone used for timestamps without an offset when a mapping does not name one. */
  defaultTimeZone: string;
  /** Days to keep request-log rows; 0 keeps them forever. */
  logRetentionDays: number;
  batchSize: number;
  concurrency: number;
}

export const DEFAULT_SETTINGS: Settings = {
  defaultTimeZone: 'UTC',
  logRetentionDays: 90,
  batchSize: 1000,
  concurrency: 2,
};
