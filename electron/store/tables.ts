import type {
  BatchRecord,
  ConnectionRecord,
  RequestLogEntry,
  RowProblemRecord,
  SavedMappingRecord,
  UploadRecord,
} from './types';

/**
 * How one record type is laid out in SQL. This is the only row → record mapping in the store:
 * every SELECT uses `select`, which renames snake_case columns to the record's fields, so rows
 * come back from better-sqlite3 already shaped as records.
 */
export interface RecordTable<T> {
  readonly table: string;
  /** The column behind each field; a field added to the record type must be added here. */
  readonly columns: { readonly [K in keyof T]-?: string };
  readonly select: string;
}

export const CONNECTIONS = defineTable<ConnectionRecord>('connections', {
  name: 'name',
  endpoint: 'endpoint',
  keyHint: 'key_hint',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
});

export const REQUEST_LOG = defineTable<RequestLogEntry>('request_log', {
  id: 'id',
  time: 'time',
  connection: 'connection',
  datasetId: 'dataset_id',
  uploadId: 'upload_id',
  batchSeq: 'batch_seq',
  method: 'method',
  url: 'url',
  status: 'status',
  durationMs: 'duration_ms',
  attempt: 'attempt',
  eventCount: 'event_count',
  requestBody: 'request_body',
  responseBody: 'response_body',
  error: 'error',
});

export const UPLOADS = defineTable<UploadRecord>('uploads', {
  id: 'id',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  status: 'status',
  filePath: 'file_path',
  fileSize: 'file_size',
  fileSha256: 'file_sha256',
  connection: 'connection',
  endpoint: 'endpoint',
  datasetId: 'dataset_id',
  mappingJson: 'mapping_json',
  rowCount: 'row_count',
  eventCount: 'event_count',
  accepted: 'accepted',
  duplicates: 'duplicates',
  rejected: 'rejected',
  invalid: 'invalid',
  error: 'error',
});

export const BATCHES = defineTable<BatchRecord>('batches', {
  uploadId: 'upload_id',
  seq: 'seq',
  firstRow: 'first_row',
  lastRow: 'last_row',
  eventCount: 'event_count',
  status: 'status',
  accepted: 'accepted',
  duplicates: 'duplicates',
  rejected: 'rejected',
  error: 'error',
  updatedAt: 'updated_at',
});

export const ROW_PROBLEMS = defineTable<RowProblemRecord>('row_problems', {
  uploadId: 'upload_id',
  row: 'row',
  eventId: 'event_id',
  source: 'source',
  code: 'code',
  message: 'message',
});

export const SAVED_MAPPINGS = defineTable<SavedMappingRecord>('saved_mappings', {
  headerSignature: 'header_signature',
  name: 'name',
  mappingJson: 'mapping_json',
  updatedAt: 'updated_at',
});

function defineTable<T>(table: string, columns: RecordTable<T>['columns']): RecordTable<T> {
  const select = Object.entries<string>(columns)
    .map(([field, column]) => `${column} AS "${field}"`)
    .join(', ');
  return { table, columns, select };
}
