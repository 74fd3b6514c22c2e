import { createServer } from 'node:http';

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

import { CadentApiError, CadentClient, parseRetryAfter } from '../../../electron/cadent/client';
import { parseEndpoint } from '../../../electron/cadent/endpoint';
import { sha256Hex } from '../../../electron/pipeline/sha256';
import { startSandbox } from '../../sandbox/server';

import type { AttemptRecord } from '../../../electron/cadent/client';
import type { Sandbox } from '../../sandbox/server';
import type { AddressInfo } from 'node:net';

const NOW = new Date('2026-12-01T00:00:00Z');

let sandbox: Sandbox;

beforeAll(async () => {
  sandbox = await startSandbox({ now: () => NOW, seed: 7 });
});
afterAll(async () => {
  await sandbox.close();
});
afterEach(() => {
  sandbox.reset();
  sandbox.setNow(NOW);
});

/** A client whose waits are recorded instead of slept, so retries run at once. */
function client(overrides: Partial<ConstructorParameters<typeof CadentClient>[0]> = {}) {
  const attempts: AttemptRecord[] = [];
  const waits: number[] = [];
  const instance = new CadentClient({
    endpoint: sandbox.url,
    apiKey: sandbox.apiKey,
    now: () => NOW,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
    },
    onAttempt: (attempt) => attempts.push(attempt),
    ...overrides,
  });
  return { instance, attempts, waits };
}

function body(ids: string[]): string {
  return JSON.stringify({
    events: ids.map((id) => ({
      event_id: id,
      event_name: 'Purchase',
      event_time: '2026-11-30T14:05:00Z',
      conversion_type: 'online_purchase',
      user: { em: sha256Hex('ada@example.com') },
    })),
  });
}

describe('CadentClient', () => {
  it('reads a dataset and its match key', async () => {
    const { instance, attempts } = client();
    const dataset = await instance.getDataset('ds_crm');
    expect(dataset).toMatchObject({ id: 'ds_crm', match_key: 'em' });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ method: 'GET', status: 200, attempt: 1, error: null });
  });

  it('sends a batch and keeps per-event rejections', async () => {
    const { instance } = client();
    const events = JSON.parse(body(['a', 'b'])) as { events: Array<Record<string, unknown>> };
    events.events[1] = { ...events.events[1], conversion_type: 'bogus' };
    const response = await instance.sendEvents('ds_crm', JSON.stringify(events), 2);
    expect(response).toMatchObject({ received: 2, accepted: 1, duplicates: 0 });
    expect(response.rejected).toEqual([
      expect.objectContaining({ index: 1, event_id: 'b', code: 'invalid_conversion_type' }),
    ]);
  });

  it('gzips large bodies and the sandbox stores them', async () => {
    const { instance, attempts } = client({ gzipAboveBytes: 10 });
    await instance.sendEvents('ds_crm', body(['g1', 'g2']), 2);
    expect(sandbox.storedEvents('ds_crm')).toHaveLength(2);
    // The log keeps the body as sent before compression, readable.
    expect(JSON.parse(attempts[0]?.requestBody ?? '')).toHaveProperty('events');
  });

  it('retries 5xx with growing waits, logging every attempt', async () => {
    sandbox.setFaults({ failFirst: 3 });
    const { instance, attempts, waits } = client({ retry: { baseDelayMs: 100 } });
    const response = await instance.sendEvents('ds_crm', body(['r1']), 1);
    expect(response.accepted).toBe(1);
    expect(attempts.map((a) => a.status)).toEqual([503, 503, 503, 200]);
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
    // Full jitter at random() = 0.5 is three quarters of each doubling ceiling.
    expect(waits).toEqual([75, 150, 300]);
  });

  it('honours Retry-After on 429', async () => {
    sandbox.setFaults({ rateLimitRate: 1, retryAfterSeconds: 7 });
    const { instance, attempts, waits } = client({ retry: { maxAttempts: 2 } });
    await expect(instance.sendEvents('ds_crm', body(['x']), 1)).rejects.toMatchObject({
      status: 429,
      retryable: true,
    });
    expect(attempts).toHaveLength(2);
    expect(waits).toEqual([7000]);
  });

  it('retries dropped connections and timeouts', async () => {
    sandbox.setFaults({ dropRate: 1 });
    const dropped = client({ retry: { maxAttempts: 2 } });
    await expect(dropped.instance.sendEvents('ds_crm', body(['d']), 1)).rejects.toMatchObject({
      status: null,
      code: 'network_error',
    });
    expect(dropped.attempts.map((a) => a.status)).toEqual([null, null]);

    sandbox.setFaults({ dropRate: 0, slowRate: 1, slowMs: 2000 });
    const slow = client({ timeoutMs: 100, retry: { maxAttempts: 2 } });
    await expect(slow.instance.sendEvents('ds_crm', body(['t']), 1)).rejects.toThrow(
      /no answer within 100 ms/,
    );
    expect(slow.attempts).toHaveLength(2);
  });

  it('never retries another 4xx, and says what went wrong', async () => {
    const wrongKey = client({ apiKey: 'sk_wrong' });
    await expect(wrongKey.instance.getDataset('ds_crm')).rejects.toThrow(/API key was refused/);
    expect(wrongKey.attempts).toHaveLength(1);

    const missing = client();
    await expect(missing.instance.getDataset('ds_nope')).rejects.toMatchObject({
      status: 404,
      retryable: false,
    });
    const malformed = client();
    await expect(malformed.instance.sendEvents('ds_crm', '{"events":5}', 0)).rejects.toMatchObject({
      status: 400,
    });
    expect(malformed.attempts).toHaveLength(1);
  });

  it('never logs the API key', async () => {
    const { instance, attempts } = client();
    await instance.sendEvents('ds_crm', body(['k']), 1);
    expect(JSON.stringify(attempts)).not.toContain(sandbox.apiKey);
  });

  it('redacts the key when a server echoes it back', async () => {
    const echo = createServer((request, response) => {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({
          error: {
            code: 'invalid_request',
            message: `bad key ${String(request.headers['x-api-key'])}`,
          },
        }),
      );
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    const { port } = echo.address() as AddressInfo;
    try {
      const { instance, attempts } = client({ endpoint: `http://127.0.0.1:${port}` });
      await expect(instance.getDataset('ds_crm')).rejects.toThrow(CadentApiError);
      expect(attempts[0]?.responseBody).toContain('[REDACTED]');
      expect(JSON.stringify(attempts)).not.toContain(sandbox.apiKey);
    } finally {
      await new Promise((resolve) => echo.close(resolve));
    }
  });

  it('stops waiting when cancelled', async () => {
    sandbox.setFaults({ failFirst: 100 });
    const abort = new AbortController();
    const { instance } = client({
      sleep: async () => {
        abort.abort(new Error('stop'));
      },
    });
    await expect(instance.sendEvents('ds_crm', body(['c']), 1, abort.signal)).rejects.toThrow(
      'stop',
    );
  });

  it('refuses an endpoint without https unless it is this machine', () => {
    expect(parseEndpoint('http://cadent.example.com').ok).toBe(false);
    expect(parseEndpoint('ftp://127.0.0.1').ok).toBe(false);
    expect(parseEndpoint('not a url').ok).toBe(false);
    expect(parseEndpoint('https://user:pw@cadent.example.com').ok).toBe(false);
    expect(parseEndpoint('http://127.0.0.1:4010/').ok).toBe(true);
    expect(() => new CadentClient({ endpoint: 'http://example.com', apiKey: 'k' })).toThrow(
      CadentApiError,
    );
  });

  it('keeps a path prefix in the endpoint', async () => {
    const prefixed = await startSandbox({ now: () => NOW, basePath: '/cadent' });
    try {
      const { instance } = client({ endpoint: `${prefixed.url}/` });
      await expect(instance.getDataset('ds_crm')).resolves.toMatchObject({ id: 'ds_crm' });
    } finally {
      await prefixed.close();
    }
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, and caps long waits', () => {
    expect(parseRetryAfter('3', NOW)).toBe(3000);
    expect(parseRetryAfter(new Date(NOW.getTime() + 5000).toUTCString(), NOW)).toBe(5000);
    expect(parseRetryAfter('99999', NOW)).toBe(300_000);
    expect(parseRetryAfter('soon', NOW)).toBeNull();
    expect(parseRetryAfter(null, NOW)).toBeNull();
  });
});
