/**
 * The Cadent client: the two requests of CADENT_API.md, each attempt reported to the caller
 * (who logs it), retried with exponential backoff and jitter on 429, 5xx, timeouts and
 * dropped connections, and never on another 4xx.
 */
import { gzipSync } from 'node:zlib';

import {
  apiErrorSchema,
  datasetPath,
  datasetSchema,
  eventsPath,
  ingestResponseSchema,
  isRetryableStatus,
} from '../../shared/cadent-contract';
import { onAbort } from '../on-abort';
import { redactSecrets } from '../store/redact';

import { parseEndpoint } from './endpoint';

import type { Dataset, IngestResponse } from '../../shared/cadent-contract';
import type { RequestLogEntry } from '../../shared/records';

/** One HTTP attempt as the request log keeps it; the API key is never part of it. */
export type AttemptRecord = Omit<
  RequestLogEntry,
  'id' | 'connection' | 'datasetId' | 'uploadId' | 'batchSeq'
> & { method: 'GET' | 'POST' };

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

export interface CadentClientOptions {
  endpoint: string;
  apiKey: string;
  timeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /** Gzip request bodies above this many bytes; Infinity sends them plain. */
  gzipAboveBytes?: number;
  /** Every attempt, with the `tag` the caller passed to the request (its batch, say). */
  onAttempt?: (attempt: AttemptRecord, tag: unknown) => void;
  /** Notified before each wait, so progress can show retries. */
  onRetry?: (info: { attempt: number; delayMs: number; reason: string }) => void;
  /** Stand-ins for tests that must not wait for real backoff. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  random?: () => number;
  now?: () => Date;
}

/** A request that failed for good; `status` is null when no response ever came. */
export class CadentApiError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly code: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'CadentApiError';
  }
}

export class CadentClient {
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly retry: RetryPolicy;
  private readonly gzipAboveBytes: number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly now: () => Date;
  private readonly secrets: readonly string[];

  constructor(private readonly options: CadentClientOptions) {
    const endpoint = parseEndpoint(options.endpoint);
    if (!endpoint.ok) throw new CadentApiError(endpoint.message, null, 'invalid_endpoint', false);
    if (!options.apiKey) throw new CadentApiError('no API key', null, 'unauthorized', false);
    this.base = endpoint.url;
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.retry = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    this.gzipAboveBytes = options.gzipAboveBytes ?? 64 * 1024;
    this.sleep = options.sleep ?? sleepFor;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => new Date());
    this.secrets = [options.apiKey];
  }

  /** GET the dataset: its name and match key ("Test connection"). */
  async getDataset(datasetId: string, signal?: AbortSignal, tag?: unknown): Promise<Dataset> {
    const response = await this.request('GET', datasetPath(datasetId), null, 0, signal, tag);
    const parsed = datasetSchema.safeParse(response.json);
    if (!parsed.success) {
      throw new CadentApiError(
        'Cadent answered with a dataset this app cannot read',
        200,
        'unexpected_response',
        false,
      );
    }
    return parsed.data;
  }

  /** POST one batch; `body` is the `{"events":[...]}` text the batcher built. */
  async sendEvents(
    datasetId: string,
    body: string,
    eventCount: number,
    signal?: AbortSignal,
    tag?: unknown,
  ): Promise<IngestResponse> {
    const path = eventsPath(datasetId);
    const response = await this.request('POST', path, body, eventCount, signal, tag);
    const parsed = ingestResponseSchema.safeParse(response.json);
    if (!parsed.success) {
      throw new CadentApiError(
        'Cadent accepted the batch but its answer could not be read',
        response.status,
        'unexpected_response',
        false,
      );
    }
    return parsed.data;
  }

  private async request(
    method: 'GET' | 'POST',
    path: string,
    body: string | null,
    eventCount: number,
    signal: AbortSignal | undefined,
    tag: unknown,
  ): Promise<{ status: number; json: unknown }> {
    // The endpoint may carry a path prefix (https://host/cadent); keep it, without doubling '/'.
    const prefix = this.base.pathname.replace(/\/+$/, '');
    const url = new URL(prefix + path, this.base.origin).toString();
    const headers: Record<string, string> = {
      'x-api-key': this.options.apiKey,
      accept: 'application/json',
    };
    let payload: Buffer | null = null;
    if (body !== null) {
      headers['content-type'] = 'application/json';
      payload = Buffer.from(body);
      if (payload.length > this.gzipAboveBytes) {
        payload = gzipSync(payload);
        headers['content-encoding'] = 'gzip';
      }
    }

    for (let attempt = 1; ; attempt += 1) {
      signal?.throwIfAborted();
      const outcome = await this.attempt(method, url, headers, payload, signal);
      this.options.onAttempt?.(
        {
          time: outcome.startedAt,
          method,
          url,
          status: outcome.status,
          durationMs: outcome.durationMs,
          attempt,
          eventCount,
          // A server that echoes the key back (an error page, say) must not get it logged.
          requestBody: redactSecrets(body, this.secrets),
          responseBody: redactSecrets(outcome.text, this.secrets),
          error: redactSecrets(outcome.error, this.secrets),
        },
        tag,
      );
      if (outcome.status !== null && outcome.status >= 200 && outcome.status < 300) {
        return { status: outcome.status, json: parseJson(outcome.text) };
      }
      if (signal?.aborted) signal.throwIfAborted();

      const failure = describeFailure(outcome);
      if (!failure.retryable || attempt >= this.retry.maxAttempts) {
        const tries = attempt > 1 ? ` (after ${attempt} attempts)` : '';
        throw new CadentApiError(
          failure.message + tries,
          outcome.status,
          failure.code,
          failure.retryable,
        );
      }
      const delayMs = this.delayBefore(attempt + 1, outcome.retryAfter);
      this.options.onRetry?.({ attempt: attempt + 1, delayMs, reason: failure.message });
      await this.sleep(delayMs, signal);
    }
  }

  private async attempt(
    method: string,
    url: string,
    headers: Record<string, string>,
    payload: Buffer | null,
    signal?: AbortSignal,
  ): Promise<AttemptOutcome> {
    const startedAt = this.now().toISOString();
    const started = performance.now();
    // One controller per attempt, unhooked from the caller's signal when the attempt ends, so a
    // long upload does not pile listeners onto its cancel signal.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.timeoutMs);
    const unhook = onAbort(signal, () => controller.abort(signal?.reason));
    const elapsed = (): number => Math.round(performance.now() - started);
    try {
      const response = await fetch(url, {
        method,
        headers,
        ...(payload ? { body: new Uint8Array(payload) } : {}),
        signal: controller.signal,
        redirect: 'error',
      });
      const text = await response.text();
      return {
        startedAt,
        durationMs: elapsed(),
        status: response.status,
        text,
        error: null,
        retryAfter: response.headers.get('retry-after'),
      };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      const message = timedOut ? `no answer within ${this.timeoutMs} ms` : transportMessage(error);
      return {
        startedAt,
        durationMs: elapsed(),
        status: null,
        text: null,
        error: message,
        retryAfter: null,
      };
    } finally {
      clearTimeout(timer);
      unhook();
    }
  }

  /** Full jitter on an exponential base, or what Retry-After asks when it asks more. */
  private delayBefore(attempt: number, retryAfter: string | null): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** (attempt - 2));
    const jittered = Math.round(ceiling / 2 + (this.random() * ceiling) / 2);
    const asked = parseRetryAfter(retryAfter, this.now());
    return asked === null ? jittered : Math.max(asked, jittered);
  }
}

interface AttemptOutcome {
  startedAt: string;
  durationMs: number;
  status: number | null;
  text: string | null;
  error: string | null;
  retryAfter: string | null;
}

/** Longest wait honoured from Retry-After; a server asking for more is treated as down. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;

/** Retry-After as seconds or an HTTP date, in ms; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: Date): number | null {
  if (value === null || value.trim() === '') return null;
  const seconds = Number(value.trim());
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now.getTime();
  if (!Number.isFinite(ms)) return null;
  return Math.min(Math.max(0, Math.round(ms)), MAX_RETRY_AFTER_MS);
}

function describeFailure(outcome: AttemptOutcome): {
  message: string;
  code: string;
  retryable: boolean;
} {
  if (outcome.status === null) {
    return { message: outcome.error ?? 'no answer', code: 'network_error', retryable: true };
  }
  const body = apiErrorSchema.safeParse(parseJson(outcome.text));
  const code = body.success ? body.data.error.code : `http_${outcome.status}`;
  const detail = body.success && body.data.error.message ? `: ${body.data.error.message}` : '';
  const meaning = STATUS_MEANINGS[outcome.status] ?? `Cadent answered ${outcome.status}`;
  return {
    message: `${meaning}${detail}`,
    code,
    retryable: isRetryableStatus(outcome.status),
  };
}

const STATUS_MEANINGS: Record<number, string> = {
  400: 'Cadent refused the request as malformed (400)',
  401: 'the API key was refused (401): check the API key for this endpoint',
  403: 'this API key is not allowed on this dataset (403)',
  404: 'no such dataset (404): check the dataset ID on its Dataset Details page',
  413: 'the batch is too large for Cadent (413)',
  429: 'Cadent is rate limiting (429)',
  500: 'Cadent had an internal error (500)',
  502: 'Cadent is unreachable behind its gateway (502)',
  503: 'Cadent is unavailable (503)',
  504: 'Cadent timed out behind its gateway (504)',
};

function parseJson(text: string | null): unknown {
  if (text === null || text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function transportMessage(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : null;
  const code = cause && 'code' in cause ? String(cause.code) : null;
  if (code === 'ECONNREFUSED') return 'connection refused: is the endpoint right and reachable?';
  if (code === 'ENOTFOUND') return 'host not found: check the endpoint';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'connection dropped';
  if (cause) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unhook();
      resolve();
    }, ms);
    const unhook = onAbort(signal, () => {
      clearTimeout(timer);
      reject(signal?.reason);
    });
  });
}
