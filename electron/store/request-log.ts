import { gunzipSync, gzipSync } from 'node:zlib';

import { z } from 'zod';

import { redactApiKeyHeaders } from './redact';
import { REQUEST_LOG } from './tables';
import { countSchema, isoTimeSchema, parseInput } from './validation';

import type { StoreContext } from './context';
import type { NewRequestLogEntry, RequestLogEntry, RequestLogQuery } from './types';
import type Database from 'better-sqlite3';

/** Every HTTP attempt made to Cadent, as sent and as answered: the log the user reviews. */
export interface RequestLogRepository {
  /** Adds one attempt and returns its id. */
  insert(entry: NewRequestLogEntry): number;
  /** Matching entries, newest first. Without a limit, all of them. */
  query(query?: RequestLogQuery): RequestLogEntry[];
  /** Like `query`, one entry at a time, so an export of a long log keeps memory flat. */
  iterate(query?: RequestLogQuery): IterableIterator<RequestLogEntry>;
  /** How many entries match, ignoring `limit` and `offset`. */
  count(query?: RequestLogQuery): number;
  get(id: number): RequestLogEntry | null;
  /** The id of the newest entry, 0 when the log is empty; bounds a paged export. */
  lastId(): number;
  /** Deletes entries older than `retentionDays` days and returns how many; 0 keeps all. */
  prune(retentionDays: number): number;
}

/** Builds the request-log repository over an open store. */
export function createRequestLogRepository(context: StoreContext): RequestLogRepository {
  const { db } = context;
  const insert = db.prepare<StoredEntry>(
    `INSERT INTO request_log (time, connection, dataset_id, upload_id, batch_seq, method, url,
       status, duration_ms, attempt, event_count, request_body, response_body, error)
     VALUES (@time, @connection, @datasetId, @uploadId, @batchSeq, @method, @url,
       @status, @durationMs, @attempt, @eventCount, @requestBody, @responseBody, @error)`,
  );
  const byId = db.prepare<[number], RequestLogEntry>(
    `SELECT ${REQUEST_LOG.select} FROM request_log WHERE id = ?`,
  );
  const olderThan = db.prepare<[string]>('DELETE FROM request_log WHERE time < ?');
  const maxId = db.prepare<[], number>('SELECT coalesce(max(id), 0) FROM request_log').pluck();
  const filtered = filteredStatements(db);

  return {
    insert(entry) {
      const parsed = parseInput(newEntrySchema, entry, 'request-log entry');
      // The client redacts the key it sent; this catches a header that slipped into a body.
      return Number(
        insert.run({
          ...parsed,
          url: redactApiKeyHeaders(parsed.url),
          requestBody: packBody(redactApiKeyHeaders(parsed.requestBody)),
          responseBody: packBody(redactApiKeyHeaders(parsed.responseBody)),
          error: redactApiKeyHeaders(parsed.error),
        }).lastInsertRowid,
      );
    },

    query: (query = {}) => {
      const { statement, params } = filtered.select(query);
      return statement.all(params).map(unpackBodies);
    },

    *iterate(query = {}) {
      const { statement, params } = filtered.select(query);
      for (const entry of statement.iterate(params)) yield unpackBodies(entry);
    },

    count: (query = {}) => {
      const { statement, params } = filtered.count(query);
      return statement.get(params) ?? 0;
    },

    get: (id) => {
      const entry = byId.get(id);
      return entry ? unpackBodies(entry) : null;
    },

    lastId: () => maxId.get() ?? 0,

    prune(retentionDays) {
      const days = parseInput(countSchema, retentionDays, 'log retention (days)');
      if (days === 0) return 0;

      const cutoff = new Date(Date.parse(context.now()) - days * DAY_MS).toISOString();
      return olderThan.run(cutoff).changes;
    },
  };
}

const DAY_MS = 86_400_000;

// Not strict: a field the client adds later is dropped, never stored, and does not stop an upload.
const newEntrySchema = z.object({
  time: isoTimeSchema,
  connection: z.string().nullable(),
  datasetId: z.string().nullable(),
  uploadId: z.string().nullable(),
  batchSeq: countSchema.nullable(),
  method: z.string().regex(/^[A-Z]+$/, 'must be an HTTP method such as POST'),
  url: z.string().min(1, 'must not be empty'),
  status: z.number().int().min(100).max(599).nullable(),
  // performance.now() differences are fractional; a millisecond is precise enough for the log.
  durationMs: z.number().nonnegative().transform(Math.round),
  attempt: z.number().int().min(1, 'starts at 1'),
  eventCount: countSchema,
  requestBody: z.string().nullable(),
  responseBody: z.string().nullable(),
  error: z.string().nullable(),
});

const querySchema = z.strictObject({
  uploadId: z.string().optional(),
  datasetId: z.string().optional(),
  connection: z.string().optional(),
  status: z
    .union([z.literal('ok'), z.literal('error'), z.number().int().min(100).max(599)])
    .optional(),
  since: isoTimeSchema.optional(),
  until: isoTimeSchema.optional(),
  maxId: countSchema.optional(),
  limit: countSchema.optional(),
  offset: countSchema.optional(),
});

type Params = Record<string, string | number>;

/**
 * The log's filters combine freely, so each combination gets its own statement, prepared the
 * first time it is used: one catch-all statement with `(@x IS NULL OR ...)` would keep SQLite
 * from using the indexes.
 */
function filteredStatements(db: Database.Database) {
  const cache = new Map<string, Database.Statement<[Params], unknown>>();

  function prepared<R>(sql: string): Database.Statement<[Params], R> {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare<[Params], unknown>(sql);
      cache.set(sql, statement);
    }
    return statement as Database.Statement<[Params], R>;
  }

  return {
    select(query: RequestLogQuery) {
      const q = parseInput(querySchema, query, 'request-log query');
      const { where, params } = whereClause(q);
      const statement = prepared<RequestLogEntry>(
        `SELECT ${REQUEST_LOG.select} FROM request_log ${where}
         ORDER BY time DESC, id DESC LIMIT @limit OFFSET @offset`,
      );
      // LIMIT -1 is SQLite for "no limit".
      return { statement, params: { ...params, limit: q.limit ?? -1, offset: q.offset ?? 0 } };
    },

    count(query: RequestLogQuery) {
      const { where, params } = whereClause(parseInput(querySchema, query, 'request-log query'));
      const sql = `SELECT count(*) FROM request_log ${where}`;
      // pluck() sets a mode on the statement itself, so setting it again on reuse is harmless.
      const statement = prepared<number>(sql).pluck();
      return { statement, params };
    },
  };
}

function whereClause(q: z.output<typeof querySchema>): { where: string; params: Params } {
  const conditions: string[] = [];
  const params: Params = {};

  function equals(column: string, name: string, value: string | number | undefined) {
    if (value === undefined) return;
    conditions.push(`${column} = @${name}`);
    params[name] = value;
  }

  equals('upload_id', 'uploadId', q.uploadId);
  equals('dataset_id', 'datasetId', q.datasetId);
  equals('connection', 'connection', q.connection);
  if (q.status === 'ok') conditions.push('status BETWEEN 200 AND 299');
  else if (q.status === 'error')
    conditions.push('(status IS NULL OR status NOT BETWEEN 200 AND 299)');
  else equals('status', 'status', q.status);
  if (q.since !== undefined) {
    conditions.push('time >= @since');
    params.since = q.since;
  }
  if (q.until !== undefined) {
    conditions.push('time <= @until');
    params.until = q.until;
  }
  if (q.maxId !== undefined) {
    conditions.push('id <= @maxId');
    params.maxId = q.maxId;
  }

  return { where: conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '', params };
}

/**
 * Bodies above this size are kept gzipped: a batch of 1,000 hashed events is about 600 KB of
 * JSON and shrinks several times, and the log keeps every attempt of every batch.
 */
const PACK_ABOVE_BYTES = 2048;

/** A log entry as written: its bodies packed. */
type StoredEntry = Omit<NewRequestLogEntry, 'requestBody' | 'responseBody'> & {
  requestBody: string | Buffer | null;
  responseBody: string | Buffer | null;
};

/** A body as stored: the text itself, or its gzip as a blob (SQLite columns take either). */
function packBody(text: string | null): string | Buffer | null {
  if (text === null || text.length < PACK_ABOVE_BYTES) return text;
  return gzipSync(text);
}

function unpackBodies(entry: RequestLogEntry): RequestLogEntry {
  const request = entry.requestBody as unknown;
  const response = entry.responseBody as unknown;
  if (!Buffer.isBuffer(request) && !Buffer.isBuffer(response)) return entry;
  return { ...entry, requestBody: unpackBody(request), responseBody: unpackBody(response) };
}

function unpackBody(value: unknown): string | null {
  if (Buffer.isBuffer(value)) return gunzipSync(value).toString('utf8');
  return typeof value === 'string' ? value : null;
}
