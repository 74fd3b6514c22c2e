/**
 * A local Cadent server for tests and demos. It enforces the contract in `contract.ts`, stores
 * what it accepts in SQLite, injects faults on demand and records every request it sees. It
 * listens on 127.0.0.1 only.
 *
 * Faults strike once the body is read and before any check, as an overloaded server or a proxy
 * in front of the API would: a faulted request is never authenticated, validated or stored. The
 * sandbox-only read-back (`GET .../events`) is never faulted or rate limited, so tests can always
 * see what arrived.
 *
 * TODO(no TLS): plain HTTP only, so a client's certificate handling is not exercised here.
 * TODO(no Retry-After on 5xx): injected 503s never carry Retry-After, as a real gateway may.
 */

import { createServer } from 'node:http';

import {
  acceptsJson,
  checkEvent,
  contentCoding,
  DATASET_STATUSES,
  ERROR_STATUS,
  errorBody,
  isHashedUserField,
  isJsonContentType,
  MAX_BODY_BYTES,
  matchRoute,
  parseBatch,
  ROUTE_METHODS,
} from './contract';
import { openEventStore } from './event-store';
import { createFaultInjector } from './faults';
import { createRateLimiter } from './rate-limiter';
import { decodeBody, readRawBody } from './request-body';

import type {
  BatchResult,
  CandidateEvent,
  DatasetBody,
  DatasetStatus,
  ErrorCode,
  HashedUserField,
  Route,
} from './contract';
import type { EventStore } from './event-store';
import type { Fault, FaultConfig, FaultInjector } from './faults';
import type { RateLimit, RateLimiter } from './rate-limiter';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** A dataset the sandbox serves; `status` defaults to `active`. */
export interface SandboxDataset {
  id: string;
  name: string;
  match_key: HashedUserField;
  status?: DatasetStatus;
}

/** An API key and the datasets it may use (`'*'`: all of them). */
export interface SandboxApiKey {
  key: string;
  datasets: string[] | '*';
}

/** How to start a sandbox; every field has a default. */
export interface SandboxOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** SQLite file to keep stored events across restarts; in memory without one. */
  dataFile?: string;
  datasets?: SandboxDataset[];
  /** The first key becomes `Sandbox.apiKey`. By default `DEFAULT_API_KEYS`, less any limited to
   * datasets that `datasets` leaves out. */
  apiKeys?: SandboxApiKey[];
  /** The clock that `event_time` is checked against; real time by default. */
  now?: () => Date;
  faults?: Partial<FaultConfig>;
  /** Seeds the fault PRNG; the same seed and settings give the same faults. */
  seed?: number;
  /** A token bucket per API key, answering 429 with `Retry-After` when empty. */
  rateLimit?: RateLimit;
  /** A path the API sits under, such as `/cadent`, to catch clients that drop the base path. */
  basePath?: string;
  /** Called after each request is answered (or dropped). */
  onRequest?: (request: SandboxRequest) => void;
}

/** One request as the sandbox saw it. */
export interface SandboxRequest {
  method: string;
  /** The path without the query string. */
  path: string;
  /** 0 when no answer was sent (a drop fault, or the client went away). */
  status: number;
  /** The length of the body's `events` array, or 0 if the body never got as far as having one
   * (not a POST, refused headers, too large, not JSON). */
  eventCount: number;
  fault?: Fault['kind'] | 'slow';
}

/** A running sandbox. */
export interface Sandbox {
  /** `http://127.0.0.1:PORT` plus the base path: what a client is given as its endpoint. */
  readonly url: string;
  readonly apiKey: string;
  readonly datasets: readonly Required<SandboxDataset>[];
  /** Every request so far, oldest first; the same array throughout, emptied by `reset`. */
  readonly requests: SandboxRequest[];
  /** Merges fault settings; setting `failFirst` restarts its count. */
  setFaults(faults: Partial<FaultConfig>): void;
  /** Fixes the clock at `date`. */
  setNow(date: Date): void;
  /** The dataset's stored events as received (parsed and re-serialized, so equal in value though
   * not byte for byte), in arrival order. */
  storedEvents(datasetId: string): unknown[];
  /** Back to the state at start: no stored events (in the file too), no requests, the starting
   * faults, clock, PRNG sequence and rate-limit buckets. */
  reset(): void;
  /** Stops listening and ends every open connection, keep-alive ones included. */
  close(): Promise<void>;
}

/** Two datasets keyed on email and one on external ID. */
export const DEFAULT_DATASETS: readonly Required<SandboxDataset>[] = [
  { id: 'ds_crm', name: 'CRM conversions', match_key: 'em', status: 'active' },
  { id: 'ds_shop', name: 'Online shop orders', match_key: 'em', status: 'active' },
  { id: 'ds_stores', name: 'Store visits', match_key: 'external-id', status: 'active' },
];

/** A key for every dataset, and one limited to `ds_crm` to try a 403 by hand. */
export const DEFAULT_API_KEYS: readonly SandboxApiKey[] = [
  { key: 'sk_test_sandbox_4f8a2c91d7e3b605', datasets: '*' },
  { key: 'sk_test_crm_only_9b1e6d0a3c7f2854', datasets: ['ds_crm'] },
];

export const DEFAULT_SEED = 1;

/** Starts a sandbox on 127.0.0.1 and resolves once it listens. */
export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const datasets = (options.datasets ?? DEFAULT_DATASETS).map((dataset) => ({
    status: 'active' as const,
    ...dataset,
  }));
  // Default keys limited to datasets that a caller's own list lacks would make no sense.
  const apiKeys =
    options.apiKeys ??
    DEFAULT_API_KEYS.filter(
      ({ datasets: allowed }) =>
        allowed === '*' || allowed.every((id) => datasets.some((dataset) => dataset.id === id)),
    );
  const basePath = options.basePath ?? '';
  const firstKey = checkOptions(datasets, apiKeys, basePath);

  const initialClock = options.now ?? (() => new Date());
  const state: HandlerState = {
    datasets: new Map(datasets.map((dataset) => [dataset.id, dataset])),
    keys: new Map(apiKeys.map(({ key, datasets: allowed }) => [key, allowed])),
    store: openEventStore(options.dataFile),
    faults: createFaultInjector(options.seed ?? DEFAULT_SEED, options.faults),
    limiter: options.rateLimit === undefined ? null : createRateLimiter(options.rateLimit),
    clock: initialClock,
    basePath,
    requests: [],
    onRequest: options.onRequest,
    sleeps: new Set(),
    closing: false,
  };

  const server = createServer((req, res) => {
    handle(state, req, res).catch((error: unknown) => answerSandboxBug(res, error));
  });
  const port = await listen(server, options.port ?? 0);
  let closed: Promise<void> | null = null;

  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    apiKey: firstKey,
    datasets,
    requests: state.requests,
    setFaults: (faults) => state.faults.set(faults),
    setNow: (date) => {
      const fixed = date.getTime();
      state.clock = () => new Date(fixed);
    },
    storedEvents: (datasetId) => state.store.list(datasetId),
    reset: () => {
      state.store.clear();
      state.requests.length = 0;
      state.faults.reset();
      state.limiter?.reset();
      state.clock = initialClock;
    },
    close: () => {
      closed ??= closeServer(server, state);
      return closed;
    },
  };
}

/** An oversized body is read and discarded up to this many bytes, then the socket is reset. */
const DRAIN_LIMIT_BYTES = 4 * MAX_BODY_BYTES;

interface HandlerState {
  datasets: Map<string, Required<SandboxDataset>>;
  keys: Map<string, string[] | '*'>;
  store: EventStore;
  faults: FaultInjector;
  limiter: RateLimiter | null;
  clock: () => Date;
  basePath: string;
  requests: SandboxRequest[];
  onRequest: ((request: SandboxRequest) => void) | undefined;
  /** Pending slow-fault delays, ended early by close(). */
  sleeps: Set<() => void>;
  closing: boolean;
}

interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** What a POST body came to before anyone looked at the request's headers or key. */
type BodyOutcome =
  | { kind: 'batch'; events: CandidateEvent[]; eventCount: number }
  | { kind: 'refused'; reply: Reply; eventCount: number };

async function handle(state: HandlerState, req: IncomingMessage, res: ServerResponse) {
  const method = req.method ?? 'GET';
  const [path = '/', query = ''] = splitOnce(req.url ?? '/', '?');
  const record = (status: number, eventCount: number, fault?: SandboxRequest['fault']) => {
    const entry: SandboxRequest = { method, path, status, eventCount };
    if (fault !== undefined) entry.fault = fault;
    state.requests.push(entry);
    state.onRequest?.(entry);
  };

  const route = path.startsWith(state.basePath)
    ? matchRoute(path.slice(state.basePath.length))
    : null;
  if (route === null) {
    send(res, error('not_found', `no such path: ${path}`));
    return record(404, 0);
  }
  const methods = ROUTE_METHODS[route.kind];
  if (!methods.includes(method)) {
    const reply = error('method_not_allowed', `${path} answers ${methods.join(', ')}`);
    send(res, { ...reply, headers: { allow: methods.join(', ') } });
    return record(405, 0);
  }

  // The body is read whole first: a client still sending could not read an early answer.
  let body: BodyOutcome | null = null;
  if (method === 'POST') {
    const raw = await readRawBody(req, MAX_BODY_BYTES, DRAIN_LIMIT_BYTES);
    if (raw.kind === 'aborted') return record(0, 0);
    body = await examineBody(req, raw);
    if (state.closing) return record(0, body.eventCount);
  }
  const eventCount = body?.eventCount ?? 0;

  const faultable =
    (route.kind === 'events' && method === 'POST') ||
    (route.kind === 'dataset' && state.faults.config.faultGets);
  const { fault, delayMs } = faultable ? state.faults.next() : { fault: null, delayMs: 0 };
  if (fault?.kind === 'drop') {
    req.socket.destroy();
    return record(0, eventCount, 'drop');
  }

  const reply = fault === null ? answer(state, req, route, query, body) : faultReply(fault);
  if (delayMs > 0) await sleep(state, delayMs);
  if (state.closing) return record(0, eventCount, fault?.kind ?? 'slow');

  send(res, reply);
  record(reply.status, eventCount, fault?.kind ?? (delayMs > 0 ? 'slow' : undefined));
}

function answer(
  state: HandlerState,
  req: IncomingMessage,
  route: Route,
  query: string,
  body: BodyOutcome | null,
): Reply {
  const key = header(req, 'x-api-key');
  const allowed = key === undefined ? undefined : state.keys.get(key);
  if (key === undefined || allowed === undefined) {
    return error('unauthorized', key === undefined ? 'x-api-key is missing' : 'unknown API key');
  }
  const dataset = state.datasets.get(route.datasetId);
  if (dataset === undefined) {
    return error('dataset_not_found', `no dataset ${JSON.stringify(route.datasetId)}`);
  }
  if (allowed !== '*' && !allowed.includes(dataset.id)) {
    return error('forbidden', `this key may not use dataset ${dataset.id}`);
  }

  const readBack = route.kind === 'events' && req.method === 'GET';
  const wait = readBack ? null : (state.limiter?.take(key) ?? null);
  if (wait !== null) return rateLimited(wait);
  if (!acceptsJson(header(req, 'accept'))) {
    return error('not_acceptable', 'send accept: application/json');
  }

  if (route.kind === 'dataset') {
    const { id, name, match_key, status } = dataset;
    return json(200, { id, name, match_key, status } satisfies DatasetBody);
  }
  if (readBack) return readBackReply(state.store, dataset.id, new URLSearchParams(query));
  if (body === null) throw new Error('a POST reached answer() without its body');
  if (body.kind === 'refused') return body.reply;
  return json(200, storeBatch(state, dataset, body.events));
}

/** Stores a batch: duplicates first, then the contract's checks, all in one transaction. */
function storeBatch(
  state: HandlerState,
  dataset: Required<SandboxDataset>,
  events: CandidateEvent[],
): BatchResult {
  const now = state.clock();

  return state.store.transaction(() => {
    const result: BatchResult = {
      received: events.length,
      accepted: 0,
      duplicates: 0,
      rejected: [],
    };
    for (const { index, eventId, event } of events) {
      // Within the transaction an event accepted earlier in this batch is visible here too.
      if (state.store.has(dataset.id, eventId)) {
        result.duplicates += 1;
        continue;
      }
      const problem = checkEvent(event, dataset.match_key, now);
      if (problem !== null) {
        result.rejected.push({ index, event_id: eventId, ...problem });
        continue;
      }
      state.store.insert(dataset.id, eventId, event, now);
      result.accepted += 1;
    }
    return result;
  });
}

/** The sandbox-only read-back: `{events, total}` for `?limit=1..1000&offset=0..`. */
function readBackReply(store: EventStore, datasetId: string, query: URLSearchParams): Reply {
  const limit = wholeNumber(query.get('limit'), 100);
  const offset = wholeNumber(query.get('offset'), 0);
  if (limit === null || limit < 1 || limit > 1_000 || offset === null) {
    return error('invalid_request', 'limit must be 1..1000 and offset a whole number >= 0');
  }
  return json(200, { events: store.list(datasetId, limit, offset), total: store.count(datasetId) });
}

async function examineBody(
  req: IncomingMessage,
  raw: { kind: 'complete'; bytes: Buffer } | { kind: 'too_large' },
): Promise<BodyOutcome> {
  const refuse = (reply: Reply, eventCount = 0): BodyOutcome => ({
    kind: 'refused',
    reply,
    eventCount,
  });

  if (!isJsonContentType(header(req, 'content-type'))) {
    return refuse(error('unsupported_media_type', 'send content-type: application/json'));
  }
  const coding = contentCoding(header(req, 'content-encoding'));
  if (coding === null) {
    return refuse(error('unsupported_media_type', 'content-encoding must be gzip or absent'));
  }
  if (raw.kind === 'too_large') return refuse(tooLarge());

  const decoded = await decodeBody(raw.bytes, coding, MAX_BODY_BYTES);
  if (decoded.kind === 'too_large') return refuse(tooLarge());
  if (decoded.kind === 'corrupt') return refuse(error('invalid_request', decoded.message));

  const batch = parseBatch(decoded.bytes);
  if (!batch.ok) return refuse(error(batch.code, batch.message), batch.eventCount);
  return { kind: 'batch', events: batch.events, eventCount: batch.eventCount };
}

function faultReply(fault: Exclude<Fault, { kind: 'drop' }>): Reply {
  if (fault.kind === 'rate_limit') return rateLimited(fault.retryAfterSeconds);

  // A 502 usually comes from a proxy in front of the API, so it is HTML: clients must cope.
  if (fault.status === 502) {
    const body = '<html><body><h1>502 Bad Gateway</h1></body></html>';
    return { status: 502, body, headers: { 'content-type': 'text/html' } };
  }
  return json(fault.status, { error: { code: 'transient', message: 'injected fault' } });
}

function rateLimited(retryAfterSeconds: number): Reply {
  const reply = error('rate_limited', `slow down; retry after ${retryAfterSeconds} s`);
  return { ...reply, headers: { 'retry-after': String(retryAfterSeconds) } };
}

function tooLarge(): Reply {
  return error('payload_too_large', `the uncompressed body is over ${MAX_BODY_BYTES} bytes`);
}

function error(code: ErrorCode, message: string): Reply {
  return json(ERROR_STATUS[code], errorBody(code, message));
}

function json(status: number, value: unknown): Reply {
  return { status, body: JSON.stringify(value) };
}

function send(res: ServerResponse, reply: Reply) {
  res.writeHead(reply.status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(reply.body),
    ...reply.headers,
  });
  res.end(reply.body);
}

/** A bug in the sandbox answers 500 loudly rather than hanging the client's test. */
function answerSandboxBug(res: ServerResponse, cause: unknown) {
  console.error('cadent sandbox: internal error', cause);
  if (res.headersSent) return void res.destroy();
  send(res, json(500, { error: { code: 'sandbox_bug', message: String(cause) } }));
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at === -1 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}

function wholeNumber(text: string | null, fallback: number): number | null {
  if (text === null) return fallback;
  return /^\d{1,9}$/.test(text) ? Number(text) : null;
}

function sleep(state: HandlerState, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      state.sleeps.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    state.sleeps.add(wake);
  });
}

function checkOptions(
  datasets: Required<SandboxDataset>[],
  apiKeys: readonly SandboxApiKey[],
  basePath: string,
): string {
  const ids = new Set<string>();
  for (const dataset of datasets) {
    if (ids.has(dataset.id)) throw new Error(`dataset ${dataset.id} is listed twice`);
    if (!isHashedUserField(dataset.match_key)) {
      throw new Error(`dataset ${dataset.id}: ${dataset.match_key} is not an identity field`);
    }
    if (!DATASET_STATUSES.includes(dataset.status)) {
      throw new Error(`dataset ${dataset.id}: unknown status ${dataset.status}`);
    }
    ids.add(dataset.id);
  }
  for (const { key, datasets: allowed } of apiKeys) {
    const unknown = allowed === '*' ? undefined : allowed.find((id) => !ids.has(id));
    if (unknown !== undefined) throw new Error(`API key ${key} names unknown dataset ${unknown}`);
  }
  if (basePath !== '' && !/^\/[^?#]*[^/?#]$/.test(basePath)) {
    throw new Error('basePath must start with / and not end with one');
  }

  const first = apiKeys[0];
  if (first === undefined) throw new Error('the sandbox needs at least one API key');
  return first.key;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, host: '127.0.0.1' }, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('no TCP address'));
      else resolve(address.port);
    });
  });
}

async function closeServer(server: Server, state: HandlerState): Promise<void> {
  state.closing = true;
  for (const wake of [...state.sleeps]) wake();

  const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
  // server.close() alone waits for idle keep-alive sockets to time out.
  server.closeAllConnections();
  await stopped;
  state.store.close();
}
