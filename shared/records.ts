/**
 * The records the app keeps and shows: saved connections, the request log, uploads. Defined
 * here so the main process's store and the renderer's screens use one shape.
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
