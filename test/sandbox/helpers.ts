/**
 * Helpers for the sandbox's own tests: valid events to start from, and requests over real HTTP
 * with the headers the contract asks for.
 */

import { createHash } from 'node:crypto';

import type { Sandbox } from './server';

/** The fixed clock the tests run on. */
export const NOW = new Date('2026-12-01T00:00:00Z');

/** SHA-256 in lowercase hex, as the contract wants identity values. */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** A valid event for a dataset keyed on `em`, with any field replaced or added. */
export function validEvent(eventId: string, overrides: Record<string, unknown> = {}) {
  return {
    event_id: eventId,
    event_name: 'Purchase',
    event_time: '2026-11-30T14:05:00Z',
    conversion_type: 'online_purchase',
    user: { em: sha256('ada@example.com'), 'external-id': sha256('cust-1') },
    event_properties: { value: 129.5, currency: 'USD', gift: false },
    user_properties: { loyalty_tier: 'gold' },
    ...overrides,
  };
}

/** An answer, its body parsed as JSON when it is JSON. */
export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
  text: string;
}

/** Options for a request; a header set to null is left out (fetch may then add its own). */
export interface RequestOptions {
  key?: string | null;
  headers?: Record<string, string | null>;
  body?: string | Uint8Array<ArrayBuffer>;
}

/** POSTs `{events}` (or `options.body` as is) to a dataset's events endpoint. */
export function postEvents(
  sandbox: Sandbox,
  datasetId: string,
  events: unknown[],
  options: RequestOptions = {},
): Promise<Answer> {
  const body = options.body ?? JSON.stringify({ events });
  const headers = { 'content-type': 'application/json', ...options.headers };
  return call(sandbox, 'POST', `/v1/datasets/${datasetId}/events`, { ...options, body, headers });
}

/** GETs a dataset's details. */
export function getDataset(
  sandbox: Sandbox,
  datasetId: string,
  options: RequestOptions = {},
): Promise<Answer> {
  return call(sandbox, 'GET', `/v1/datasets/${datasetId}`, options);
}

/** Sends one request with `x-api-key` (the sandbox's own unless told) and `accept`. */
export async function call(
  sandbox: Sandbox,
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = {};
  const key = options.key === undefined ? sandbox.apiKey : options.key;
  if (key !== null) headers['x-api-key'] = key;
  const wanted = { accept: 'application/json', ...options.headers };
  for (const [name, value] of Object.entries(wanted)) if (value !== null) headers[name] = value;

  const init: RequestInit = { method, headers };
  if (options.body !== undefined) init.body = options.body;
  const response = await fetch(`${sandbox.url}${path}`, init);
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // Not JSON (a 502 from the proxy fault is HTML): the test reads `text` instead.
  }
  return { status: response.status, headers: response.headers, body, text };
}
