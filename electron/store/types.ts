/**
 * The shape of everything the app keeps on disk, in one SQLite file under the data folder.
 * No table holds an API key or a raw identity value: requests are logged as sent (hashed),
 * rejected rows are kept as row numbers and reasons, never as their cells.
 */

import type { UploadRecord, RequestLogEntry } from '../../shared/records';

export type {
  ConnectionRecord,
  RequestLogEntry,
  UploadRecord,
  UploadStatus,
} from '../../shared/records';
export { UPLOAD_STATUSES } from '../../shared/records';
export type { Settings } from '../../shared/settings';
export { DEFAULT_SETTINGS } from '../../shared/settings';

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
  /** Only entries up to this id: a snapshot that rows logged meanwhile do not shift. */
  maxId?: number;
  limit?: number;
  offset?: number;
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
