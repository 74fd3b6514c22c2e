/**
 * The wire contract of CADENT_API.md as the sandbox enforces it: routes, headers, limits, field
 * rules, error and rejection codes. It is the only sandbox module that knows these details, so a
 * correction from an organization's onboarding papers lands here and nowhere else. It imports
 * nothing from the app on purpose: the client is tested against an independent reading.
 *
 * Where CADENT_API.md is silent the sandbox decides, always on the strict side so that a
 * drifting client fails here rather than at Cadent:
 *
 * Requests
 * - An unknown path answers 404 `not_found`; another method on a known path answers 405
 *   `method_not_allowed` with `Allow`.
 * - Checks run in this order, the first failure answering: `x-api-key` (401), dataset (404),
 *   the key's datasets (403), rate limit (429), `accept` (406), then for POST `content-type` and
 *   `content-encoding` (415), size (413), body shape (400), event count (413).
 * - An unknown dataset answers 404 even to a key limited to other datasets: the sandbox has
 *   nothing to hide, and 403 then always means "this dataset exists, your key may not use it".
 * - `accept` must list `application/json` (parameters allowed, q > 0). A bare wildcard answers
 *   406 `not_acceptable`, because the contract says every request carries that header.
 * - POST needs `content-type: application/json`, optionally `; charset=utf-8`, else 415
 *   `unsupported_media_type`. `content-encoding` may be absent, `identity` or `gzip`; any other
 *   coding answers 415 too.
 * - 4 MiB is 4,194,304 bytes of uncompressed body. Inflating stops at that size (a gzip bomb
 *   gets 413 without being expanded), and a gzip body whose compressed size alone is over the
 *   limit is refused the same way.
 * - The body must be UTF-8 JSON: an object whose only key is `events`, an array of 1 to 1,000
 *   elements. Anything else is a whole-body 400 `invalid_request`, except more than 1,000 events,
 *   which is 413.
 * - Every element must be an object with an `event_id` string of 1–128 characters, else the whole
 *   body is refused with 400 naming the index: an event without a usable ID can be neither
 *   deduplicated nor named in a rejection, and CADENT_API.md has no rejection code for it.
 * - Lengths count Unicode code points, not UTF-16 units or bytes.
 *
 * Events
 * - Deduplication comes before validation: an event whose ID the dataset has stored already
 *   (including one accepted earlier in the same batch) is a duplicate whatever its content, so a
 *   retried batch gets the same answer even after the clock has moved on. An ID repeated after an
 *   earlier event that was rejected is validated on its own, since nothing was stored.
 * - The remaining checks run in the order below; the first failure is the event's one rejection.
 *   - `missing_event_name`: absent, not a string, empty, or over 256 characters.
 *   - `invalid_event_time`: present (null included) but not `YYYY-MM-DDTHH:MM:SS[.fraction]Z`
 *     naming a real instant; later than now + 1 hour; earlier than now − 90 days. Both bounds
 *     are inclusive, "now" being the sandbox clock.
 *   - `invalid_conversion_type`: absent or not one of the ten values.
 *   - `missing_match_key`: `user` absent or not an object, or without the dataset's match key.
 *   - `invalid_hash`: a value of one of the ten identity fields that is not a string of 64
 *     lowercase hex characters (an empty string and null included).
 *   - `invalid_properties`: a `user` key outside the ten identity fields; `event_properties` or
 *     `user_properties` that is not a flat object of string, number or boolean values with keys
 *     of 1–64 characters; or an event key outside the seven the contract names (a property
 *     placed at the top level is the usual cause).
 * - A dataset's `status` is reported by GET and not enforced: the contract names no answer for
 *   posting to a paused dataset.
 */

/** At most this many events in one request. */
export const MAX_EVENTS_PER_REQUEST = 1_000;

/** At most this many bytes of uncompressed JSON in one request (4 MiB). */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/** Length bounds in Unicode code points. */
export const EVENT_ID_LENGTH = { min: 1, max: 128 } as const;
export const EVENT_NAME_LENGTH = { min: 1, max: 256 } as const;
export const PROPERTY_KEY_LENGTH = { min: 1, max: 64 } as const;

/** How far ahead of the sandbox clock an `event_time` may be. */
export const MAX_EVENT_TIME_AHEAD_MS = 60 * 60 * 1000;

/** How far behind the sandbox clock an `event_time` may be. */
export const MAX_EVENT_AGE_MS = 90 * 24 * 60 * 60 * 1000;

/** The ten identity fields of `user`; each value must be a SHA-256 hash in lowercase hex. */
export const HASHED_USER_FIELDS = [
  'em',
  'fn',
  'ln',
  'db',
  'ge',
  'ct',
  'st',
  'zp',
  'country',
  'external-id',
] as const;

export type HashedUserField = (typeof HASHED_USER_FIELDS)[number];

/** The fixed list of conversion types. */
export const CONVERSION_TYPES = [
  'email_clickthrough',
  'site_clickthrough',
  'online_purchase',
  'app_install',
  'in_app_purchase',
  'physical_store_visit',
  'offline_purchase',
  'phone_call',
  'chat_event',
  'system_generated',
] as const;

export type ConversionType = (typeof CONVERSION_TYPES)[number];

/** The keys an event may carry. */
export const EVENT_KEYS = [
  'event_id',
  'event_name',
  'event_time',
  'conversion_type',
  'user',
  'event_properties',
  'user_properties',
] as const;

/** Codes for a single rejected event in a 200 answer. */
export const REJECTION_CODES = [
  'missing_match_key',
  'invalid_hash',
  'invalid_conversion_type',
  'invalid_event_time',
  'missing_event_name',
  'invalid_properties',
] as const;

export type RejectionCode = (typeof REJECTION_CODES)[number];

/** Whole-request error codes and their statuses; the last four are the sandbox's own. */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  dataset_not_found: 404,
  payload_too_large: 413,
  rate_limited: 429,
  not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  unsupported_media_type: 415,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Statuses the contract calls transient: nothing stored, safe to retry. */
export const TRANSIENT_STATUSES = [500, 502, 503, 504] as const;

export type TransientStatus = (typeof TRANSIENT_STATUSES)[number];

export const DATASET_STATUSES = ['active', 'paused'] as const;

export type DatasetStatus = (typeof DATASET_STATUSES)[number];

/** `GET /v1/datasets/{id}` answers this. */
export interface DatasetBody {
  id: string;
  name: string;
  match_key: HashedUserField;
  status: DatasetStatus;
}

/** One rejected event in a 200 answer. */
export interface Rejection {
  index: number;
  event_id: string;
  code: RejectionCode;
  message: string;
}

/** `POST /v1/datasets/{id}/events` answers this with 200. */
export interface BatchResult {
  received: number;
  accepted: number;
  duplicates: number;
  rejected: Rejection[];
}

/** Every non-200 answer from the contract table has this body. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string };
}

/** The body of an error answer. */
export function errorBody(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}

/** Which contract endpoint a path (below the base URL) names. */
export type Route = { kind: 'dataset'; datasetId: string } | { kind: 'events'; datasetId: string };

/** The methods each route answers; the sandbox adds GET on `events` to read stored events. */
export const ROUTE_METHODS: Readonly<Record<Route['kind'], readonly string[]>> = {
  dataset: ['GET'],
  events: ['POST', 'GET'],
};

/** The route a path names, or null. The dataset ID is one percent-decoded path segment. */
export function matchRoute(path: string): Route | null {
  const match = /^\/v1\/datasets\/([^/]+)(\/events)?$/.exec(path);
  const segment = match?.[1];
  if (match === null || segment === undefined) return null;

  let datasetId: string;
  try {
    datasetId = decodeURIComponent(segment);
  } catch {
    return null;
  }
  return match[2] === undefined ? { kind: 'dataset', datasetId } : { kind: 'events', datasetId };
}

/** Whether an `accept` header lists `application/json` with a non-zero quality. */
export function acceptsJson(header: string | undefined): boolean {
  if (header === undefined) return false;

  return header.split(',').some((range) => {
    const [type = '', ...params] = range.split(';').map((part) => part.trim().toLowerCase());
    const quality = params.find((param) => param.startsWith('q='));
    return type === 'application/json' && (quality === undefined || Number(quality.slice(2)) > 0);
  });
}

/** Whether a `content-type` header is JSON in UTF-8 (the charset may be left out). */
export function isJsonContentType(header: string | undefined): boolean {
  if (header === undefined) return false;

  const [type = '', ...params] = header.split(';').map((part) => part.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((param) => param === 'charset=utf-8' || param === 'charset="utf-8"');
}

/** The body's coding from `content-encoding`, or null for one the contract does not allow. */
export function contentCoding(header: string | undefined): 'identity' | 'gzip' | null {
  const coding = (header ?? 'identity').trim().toLowerCase();
  if (coding === '' || coding === 'identity') return 'identity';
  return coding === 'gzip' ? 'gzip' : null;
}

/** An element of `events` that passed the whole-body checks. */
export interface CandidateEvent {
  index: number;
  eventId: string;
  event: Record<string, unknown>;
}

/** The outcome of the whole-body checks; `eventCount` is the length of `events` if it has one. */
export type BatchCheck =
  | { ok: true; events: CandidateEvent[]; eventCount: number }
  | {
      ok: false;
      code: 'invalid_request' | 'payload_too_large';
      message: string;
      eventCount: number;
    };

/** Parses a decoded body and applies every whole-body rule (400 and the 413 on count). */
export function parseBatch(bytes: Uint8Array): BatchCheck {
  let text: string;
  let body: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return invalid('the body is not valid UTF-8');
  }
  try {
    body = JSON.parse(text);
  } catch {
    return invalid('the body is not valid JSON');
  }

  if (!isPlainObject(body)) return invalid('the body must be a JSON object');
  const extra = Object.keys(body).find((key) => key !== 'events');
  if (extra !== undefined) return invalid(`unknown top-level field ${JSON.stringify(extra)}`);
  const list = body.events;
  if (!Array.isArray(list)) return invalid('the body must have an "events" array');

  const eventCount = list.length;
  if (eventCount === 0) return invalid('"events" is empty', eventCount);
  if (eventCount > MAX_EVENTS_PER_REQUEST) {
    const message = `${eventCount} events; a request holds at most ${MAX_EVENTS_PER_REQUEST}`;
    return { ok: false, code: 'payload_too_large', message, eventCount };
  }

  const events: CandidateEvent[] = [];
  for (const [index, event] of list.entries()) {
    if (!isPlainObject(event)) return invalid(`events[${index}] is not an object`, eventCount);
    const eventId = event.event_id;
    if (typeof eventId !== 'string' || !hasLength(eventId, EVENT_ID_LENGTH)) {
      const message = `events[${index}].event_id must be a string of ${EVENT_ID_LENGTH.min}–${EVENT_ID_LENGTH.max} characters`;
      return invalid(message, eventCount);
    }
    events.push({ index, eventId, event });
  }
  return { ok: true, events, eventCount };
}

/** The reason one event is rejected, or null if it may be stored. */
export function checkEvent(
  event: Record<string, unknown>,
  matchKey: HashedUserField,
  now: Date,
): { code: RejectionCode; message: string } | null {
  const name = event.event_name;
  if (typeof name !== 'string' || !hasLength(name, EVENT_NAME_LENGTH)) {
    return reject(
      'missing_event_name',
      `event_name must be a string of ${EVENT_NAME_LENGTH.min}–${EVENT_NAME_LENGTH.max} characters`,
    );
  }

  if (Object.hasOwn(event, 'event_time')) {
    const problem = eventTimeProblem(event.event_time, now);
    if (problem !== null) return reject('invalid_event_time', problem);
  }

  const type = event.conversion_type;
  if (typeof type !== 'string' || !(CONVERSION_TYPES as readonly string[]).includes(type)) {
    return reject(
      'invalid_conversion_type',
      `conversion_type must be one of ${CONVERSION_TYPES.join(', ')}`,
    );
  }

  const user = event.user;
  if (!isPlainObject(user)) {
    return reject('missing_match_key', `user must be an object holding the match key ${matchKey}`);
  }
  if (!Object.hasOwn(user, matchKey)) {
    return reject('missing_match_key', `user lacks the dataset's match key ${matchKey}`);
  }
  for (const [key, value] of Object.entries(user)) {
    if (!isHashedUserField(key)) {
      return reject('invalid_properties', `unknown user field ${JSON.stringify(key)}`);
    }
    if (typeof value !== 'string' || !/^[0-9a-f]{64}$/.test(value)) {
      return reject('invalid_hash', `user.${key} must be 64 lowercase hex characters (SHA-256)`);
    }
  }

  for (const field of ['event_properties', 'user_properties'] as const) {
    if (!Object.hasOwn(event, field)) continue;
    const problem = propertiesProblem(event[field]);
    if (problem !== null) return reject('invalid_properties', `${field}: ${problem}`);
  }

  const unknown = Object.keys(event).find(
    (key) => !(EVENT_KEYS as readonly string[]).includes(key),
  );
  if (unknown !== undefined) {
    return reject('invalid_properties', `unknown event field ${JSON.stringify(unknown)}`);
  }
  return null;
}

/** Whether a key is one of the ten identity fields. */
export function isHashedUserField(key: string): key is HashedUserField {
  return (HASHED_USER_FIELDS as readonly string[]).includes(key);
}

function invalid(message: string, eventCount = 0): BatchCheck {
  return { ok: false, code: 'invalid_request', message, eventCount };
}

function reject(code: RejectionCode, message: string): { code: RejectionCode; message: string } {
  return { code, message };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasLength(value: string, bounds: { min: number; max: number }): boolean {
  const length = [...value].length;
  return length >= bounds.min && length <= bounds.max;
}

function eventTimeProblem(value: unknown, now: Date): string | null {
  const time = typeof value === 'string' ? parseUtcTimestamp(value) : null;
  if (time === null) return 'event_time must be ISO 8601 in UTC ending in Z';
  if (time > now.getTime() + MAX_EVENT_TIME_AHEAD_MS) {
    return 'event_time is more than 1 hour in the future';
  }
  if (time < now.getTime() - MAX_EVENT_AGE_MS) return 'event_time is older than 90 days';
  return null;
}

/** Milliseconds since the epoch, or null unless the text names a real UTC instant. */
function parseUtcTimestamp(text: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/.exec(text);
  if (match === null) return null;

  const fields = match.slice(1, 7).map(Number);
  const [year = NaN, month = NaN, day = NaN, hour = NaN, minute = NaN, second = NaN] = fields;
  const millis = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second, millis));

  // Date.UTC rolls 31 April over to 1 May and 24:00 to the next day; a round trip catches both.
  const same =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  return same ? date.getTime() : null;
}

function propertiesProblem(value: unknown): string | null {
  if (!isPlainObject(value)) return 'must be an object';

  for (const [key, item] of Object.entries(value)) {
    if (!hasLength(key, PROPERTY_KEY_LENGTH)) {
      return `key ${JSON.stringify(key)} must be ${PROPERTY_KEY_LENGTH.min}–${PROPERTY_KEY_LENGTH.max} characters`;
    }
    if (typeof item !== 'string' && typeof item !== 'number' && typeof item !== 'boolean') {
      return `${JSON.stringify(key)} must be a string, number or boolean`;
    }
  }
  return null;
}
