import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { MAX_BODY_BYTES, MAX_EVENTS_PER_REQUEST } from './contract';
import { call, getDataset, NOW, postEvents, sha256, validEvent } from './helpers';
import { DEFAULT_API_KEYS, startSandbox } from './server';

import type { BatchResult, RejectionCode } from './contract';
import type { Sandbox, SandboxOptions } from './server';

let sandbox: Sandbox;
const opened: Sandbox[] = [];

async function open(options: SandboxOptions = {}): Promise<Sandbox> {
  const started = await startSandbox({ now: () => NOW, ...options });
  opened.push(started);
  return started;
}

beforeEach(async () => {
  sandbox = await open();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((each) => each.close()));
});

describe('GET /v1/datasets/{id}', () => {
  it('answers the dataset with its match key', async () => {
    const answer = await getDataset(sandbox, 'ds_stores');

    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.body).toEqual({
      id: 'ds_stores',
      name: 'Store visits',
      match_key: 'external-id',
      status: 'active',
    });
  });

  it('reports a paused dataset as paused', async () => {
    const paused = await open({
      datasets: [{ id: 'ds_old', name: 'Old', match_key: 'em', status: 'paused' }],
    });

    expect((await getDataset(paused, 'ds_old')).body).toMatchObject({ status: 'paused' });
  });
});

describe('POST /v1/datasets/{id}/events', () => {
  it('stores the valid events and lists the rejected ones (partial success)', async () => {
    const good = [validEvent('ord-1'), validEvent('ord-3')];
    const bad = validEvent('ord-2', { conversion_type: 'purchase' });

    const answer = await postEvents(sandbox, 'ds_crm', [good[0], bad, good[1]]);

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      received: 3,
      accepted: 2,
      duplicates: 0,
      rejected: [
        {
          index: 1,
          event_id: 'ord-2',
          code: 'invalid_conversion_type',
          message: expect.any(String),
        },
      ],
    });
    expect(sandbox.storedEvents('ds_crm')).toEqual(good);
    expect(sandbox.storedEvents('ds_shop')).toEqual([]);
  });

  it('accepts an event without event_time', async () => {
    const untimed = validEvent('ord-1', { event_time: undefined });

    const answer = await postEvents(sandbox, 'ds_crm', [untimed]);

    expect(answer.body).toMatchObject({ accepted: 1, rejected: [] });
  });

  it('accepts a gzip body', async () => {
    const events = [validEvent('ord-1'), validEvent('ord-2')];
    const body = new Uint8Array(gzipSync(JSON.stringify({ events })));

    const answer = await postEvents(sandbox, 'ds_crm', [], {
      body,
      headers: { 'content-encoding': 'gzip' },
    });

    expect(answer.body).toMatchObject({ received: 2, accepted: 2 });
    expect(sandbox.storedEvents('ds_crm')).toEqual(events);
  });

  it('accepts exactly 1,000 events and exactly 4 MiB', async () => {
    const many = Array.from({ length: MAX_EVENTS_PER_REQUEST }, (_, i) => validEvent(`e-${i}`));
    expect((await postEvents(sandbox, 'ds_crm', many)).body).toMatchObject({ accepted: 1_000 });

    const answer = await postEvents(sandbox, 'ds_shop', [], { body: bodyOfSize(MAX_BODY_BYTES) });
    expect(answer.body).toMatchObject({ accepted: 1 });
  });
});

describe('whole-body refusals store nothing', () => {
  const cases: Array<[string, string | Uint8Array<ArrayBuffer>, RegExp]> = [
    ['not JSON', '{"events": [', /not valid JSON/],
    ['not UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), /UTF-8/],
    ['an array', JSON.stringify([validEvent('a')]), /JSON object/],
    ['no events', JSON.stringify({ data: [] }), /unknown top-level field "data"/],
    ['events not an array', JSON.stringify({ events: {} }), /"events" array/],
    ['events empty', JSON.stringify({ events: [] }), /empty/],
    ['an extra field', JSON.stringify({ events: [validEvent('a')], x: 1 }), /"x"/],
    ['an event not an object', JSON.stringify({ events: [validEvent('a'), 'b'] }), /events\[1\]/],
    ['event_id missing', bodyWith({ event_id: undefined }), /events\[1\]\.event_id/],
    ['event_id a number', bodyWith({ event_id: 42 }), /events\[1\]\.event_id/],
    ['event_id empty', bodyWith({ event_id: '' }), /events\[1\]\.event_id/],
    ['event_id 129 characters', bodyWith({ event_id: 'x'.repeat(129) }), /events\[1\]/],
    ['corrupt gzip', new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x01]), /gzip/],
  ];

  it.each(cases)('%s → 400 invalid_request', async (_name, body, message) => {
    const gzip = body instanceof Uint8Array && body[0] === 0x1f;
    const headers: Record<string, string> = gzip ? { 'content-encoding': 'gzip' } : {};

    const answer = await postEvents(sandbox, 'ds_crm', [], { body, headers });

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      error: { code: 'invalid_request', message: expect.any(String) },
    });
    expect((answer.body as { error: { message: string } }).error.message).toMatch(message);
    expect(sandbox.storedEvents('ds_crm')).toEqual([]);
  });

  it('accepts an event_id of 128 characters', async () => {
    const answer = await postEvents(sandbox, 'ds_crm', [validEvent('é'.repeat(128))]);

    expect(answer.body).toMatchObject({ accepted: 1 });
  });

  it('answers 413 for more than 1,000 events', async () => {
    const events = Array.from({ length: MAX_EVENTS_PER_REQUEST + 1 }, (_, i) => validEvent(`${i}`));

    const answer = await postEvents(sandbox, 'ds_crm', events);

    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(sandbox.storedEvents('ds_crm')).toEqual([]);
  });

  it('answers 413 for one byte over 4 MiB', async () => {
    const answer = await postEvents(sandbox, 'ds_crm', [], {
      body: bodyOfSize(MAX_BODY_BYTES + 1),
    });

    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ error: { code: 'payload_too_large' } });
    expect(sandbox.storedEvents('ds_crm')).toEqual([]);
  });

  it('answers 413 to a gzip bomb without inflating it whole', async () => {
    const bomb = gzipSync(`{"events":[${' '.repeat(4 * MAX_BODY_BYTES)}]}`);
    expect(bomb.length).toBeLessThan(MAX_BODY_BYTES / 100);

    const answer = await postEvents(sandbox, 'ds_crm', [], {
      body: new Uint8Array(bomb),
      headers: { 'content-encoding': 'gzip' },
    });

    expect(answer.status).toBe(413);
    expect(answer.body).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('refuses a body whose uncompressed size is over 4 MiB even if gzip makes it small', async () => {
    const body = new Uint8Array(gzipSync(bodyOfSize(MAX_BODY_BYTES + 1)));

    const answer = await postEvents(sandbox, 'ds_crm', [], {
      body,
      headers: { 'content-encoding': 'gzip' },
    });

    expect(answer.status).toBe(413);
  });
});

describe('headers', () => {
  it('answers 406 unless accept lists application/json', async () => {
    for (const accept of ['*/*', 'text/html', 'application/json;q=0']) {
      const answer = await postEvents(sandbox, 'ds_crm', [validEvent('a')], {
        headers: { accept },
      });
      expect(answer.status).toBe(406);
      expect(answer.body).toMatchObject({ error: { code: 'not_acceptable' } });
    }
    const listed = await getDataset(sandbox, 'ds_crm', {
      headers: { accept: 'text/html, application/json; q=0.9' },
    });
    expect(listed.status).toBe(200);
  });

  it('answers 415 for another content-type or content-encoding', async () => {
    const refused: Array<Record<string, string>> = [
      { 'content-type': 'text/plain' },
      { 'content-type': 'application/json; charset=latin1' },
      { 'content-encoding': 'br' },
      { 'content-encoding': 'deflate' },
    ];
    for (const headers of refused) {
      const answer = await postEvents(sandbox, 'ds_crm', [validEvent('a')], { headers });
      expect(answer.status).toBe(415);
      expect(answer.body).toMatchObject({ error: { code: 'unsupported_media_type' } });
    }

    const charset = { 'content-type': 'application/json; charset=UTF-8' };
    expect(
      (await postEvents(sandbox, 'ds_crm', [validEvent('a')], { headers: charset })).status,
    ).toBe(200);
    expect(sandbox.storedEvents('ds_crm')).toHaveLength(1);
  });
});

describe('authentication and routing', () => {
  it('answers 401 for a missing or unknown key', async () => {
    for (const key of [null, 'sk_test_nope']) {
      for (const answer of [
        await getDataset(sandbox, 'ds_crm', { key }),
        await postEvents(sandbox, 'ds_crm', [validEvent('a')], { key }),
      ]) {
        expect(answer.status).toBe(401);
        expect(answer.body).toMatchObject({ error: { code: 'unauthorized' } });
      }
    }
    expect(sandbox.storedEvents('ds_crm')).toEqual([]);
  });

  it('answers 403 for a key not allowed on the dataset', async () => {
    const limited = await open({
      apiKeys: [
        { key: 'sk_all', datasets: '*' },
        { key: 'sk_crm', datasets: ['ds_crm'] },
      ],
    });

    const refused = await postEvents(limited, 'ds_shop', [validEvent('a')], { key: 'sk_crm' });
    const allowed = await postEvents(limited, 'ds_crm', [validEvent('a')], { key: 'sk_crm' });

    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: { code: 'forbidden' } });
    expect((await getDataset(limited, 'ds_shop', { key: 'sk_crm' })).status).toBe(403);
    expect(allowed.status).toBe(200);
    expect(limited.storedEvents('ds_shop')).toEqual([]);
  });

  it('answers 404 dataset_not_found for an unknown dataset, whatever the key may use', async () => {
    const limited = DEFAULT_API_KEYS.find((key) => key.datasets !== '*')?.key;
    for (const key of [sandbox.apiKey, limited]) {
      for (const answer of [
        await getDataset(sandbox, 'ds_nope', { key }),
        await postEvents(sandbox, 'ds_nope', [validEvent('a')], { key }),
      ]) {
        expect(answer.status).toBe(404);
        expect(answer.body).toMatchObject({ error: { code: 'dataset_not_found' } });
      }
    }
  });

  it('answers 404 not_found for another path and 405 for another method', async () => {
    expect((await call(sandbox, 'GET', '/v1/datasets')).body).toMatchObject({
      error: { code: 'not_found' },
    });
    expect((await call(sandbox, 'GET', '/v1/datasets/ds_crm/')).status).toBe(404);

    const put = await call(sandbox, 'PUT', '/v1/datasets/ds_crm/events', { body: '{}' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('POST, GET');
  });

  it('serves the API under a base path when given one', async () => {
    const based = await open({ basePath: '/cadent' });

    expect(based.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cadent$/);
    expect((await getDataset(based, 'ds_crm')).status).toBe(200);
    const root = based.url.replace(/\/cadent$/, '');
    const missed = await fetch(`${root}/v1/datasets/ds_crm`, {
      headers: { 'x-api-key': based.apiKey, accept: 'application/json' },
    });
    expect(missed.status).toBe(404);
  });
});

describe('per-event rejections', () => {
  const noUser = { user: undefined };
  const cases: Array<[string, Record<string, unknown>, RejectionCode]> = [
    ['event_name missing', { event_name: undefined }, 'missing_event_name'],
    ['event_name empty', { event_name: '' }, 'missing_event_name'],
    ['event_name 257 characters', { event_name: 'n'.repeat(257) }, 'missing_event_name'],
    ['event_name a number', { event_name: 7 }, 'missing_event_name'],
    [
      'event_time with an offset',
      { event_time: '2026-11-30T14:05:00+00:00' },
      'invalid_event_time',
    ],
    ['event_time with lowercase z', { event_time: '2026-11-30T14:05:00z' }, 'invalid_event_time'],
    ['event_time without seconds', { event_time: '2026-11-30T14:05Z' }, 'invalid_event_time'],
    ['event_time on 31 November', { event_time: '2026-11-31T14:05:00Z' }, 'invalid_event_time'],
    ['event_time at 24:00', { event_time: '2026-11-30T24:00:00Z' }, 'invalid_event_time'],
    ['event_time as epoch seconds', { event_time: 1_796_000_000 }, 'invalid_event_time'],
    ['event_time null', { event_time: null }, 'invalid_event_time'],
    ['conversion_type missing', { conversion_type: undefined }, 'invalid_conversion_type'],
    ['conversion_type unknown', { conversion_type: 'Online_Purchase' }, 'invalid_conversion_type'],
    ['user missing', noUser, 'missing_match_key'],
    ['user an array', { user: [sha256('a')] }, 'missing_match_key'],
    ['match key missing', { user: { fn: sha256('ada') } }, 'missing_match_key'],
    ['hash in uppercase', { user: { em: sha256('a').toUpperCase() } }, 'invalid_hash'],
    ['hash too short', { user: { em: sha256('a').slice(1) } }, 'invalid_hash'],
    ['raw email', { user: { em: 'ada@example.com' } }, 'invalid_hash'],
    ['empty match key', { user: { em: '' } }, 'invalid_hash'],
    ['another field unhashed', { user: { em: sha256('a'), zp: '02134' } }, 'invalid_hash'],
    ['unknown user field', { user: { em: sha256('a'), email: sha256('a') } }, 'invalid_properties'],
    ['nested property', { event_properties: { items: [1, 2] } }, 'invalid_properties'],
    ['null property', { user_properties: { tier: null } }, 'invalid_properties'],
    [
      'property key 65 characters',
      { event_properties: { ['k'.repeat(65)]: 1 } },
      'invalid_properties',
    ],
    ['property key empty', { event_properties: { '': 1 } }, 'invalid_properties'],
    ['properties an array', { user_properties: ['gold'] }, 'invalid_properties'],
    ['unknown event field', { value: 129.5 }, 'invalid_properties'],
  ];

  it.each(cases)('%s → %s', async (_name, overrides, code) => {
    const bad = validEvent('bad', overrides);

    const answer = await postEvents(sandbox, 'ds_crm', [validEvent('ok'), bad]);

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      received: 2,
      accepted: 1,
      duplicates: 0,
      rejected: [{ index: 1, event_id: 'bad', code, message: expect.any(String) }],
    });
    expect(sandbox.storedEvents('ds_crm')).toEqual([validEvent('ok')]);
  });

  it("checks each dataset's own match key", async () => {
    const emailOnly = validEvent('a', { user: { em: sha256('ada@example.com') } });

    const answer = await postEvents(sandbox, 'ds_stores', [emailOnly, validEvent('b')]);

    expect(answer.body).toMatchObject({
      accepted: 1,
      rejected: [{ index: 0, event_id: 'a', code: 'missing_match_key' }],
    });
  });

  it('accepts flat properties of every allowed type and 64-character keys', async () => {
    const properties = { s: 'x', n: -1.5e3, t: true, f: false, ['k'.repeat(64)]: 0 };
    const answer = await postEvents(sandbox, 'ds_crm', [
      validEvent('a', { event_properties: properties, user_properties: {} }),
    ]);

    expect(answer.body).toMatchObject({ accepted: 1 });
  });
});

describe('event_time bounds on the sandbox clock', () => {
  const at = (iso: string, id: string) => validEvent(id, { event_time: iso });

  it('allows up to 1 hour ahead and 90 days back, both inclusive', async () => {
    const answer = await postEvents(sandbox, 'ds_crm', [
      at('2026-12-01T01:00:00Z', 'ahead-1h'),
      at('2026-12-01T01:00:01Z', 'ahead-1h-1s'),
      at('2026-09-02T00:00:00Z', 'back-90d'),
      at('2026-09-01T23:59:59Z', 'back-90d-1s'),
      at('2026-12-01T00:30:00.250Z', 'fraction'),
    ]);

    expect(answer.body).toMatchObject({ accepted: 3 });
    const rejected = (answer.body as BatchResult).rejected;
    expect(rejected.map(({ event_id, code }) => [event_id, code])).toEqual([
      ['ahead-1h-1s', 'invalid_event_time'],
      ['back-90d-1s', 'invalid_event_time'],
    ]);
  });

  it('follows setNow', async () => {
    const event = at('2026-01-15T12:00:00Z', 'jan');
    expect((await postEvents(sandbox, 'ds_crm', [event])).body).toMatchObject({ accepted: 0 });

    sandbox.setNow(new Date('2026-02-01T00:00:00Z'));

    expect((await postEvents(sandbox, 'ds_crm', [event])).body).toMatchObject({ accepted: 1 });
  });
});

describe('deduplication on (dataset, event_id)', () => {
  it('counts a resent batch as duplicates', async () => {
    const batch = [validEvent('a'), validEvent('b')];
    await postEvents(sandbox, 'ds_crm', batch);

    const again = await postEvents(sandbox, 'ds_crm', [...batch, validEvent('c')]);

    expect(again.body).toEqual({ received: 3, accepted: 1, duplicates: 2, rejected: [] });
    expect(sandbox.storedEvents('ds_crm')).toHaveLength(3);
  });

  it('counts a repeat within one batch as a duplicate', async () => {
    const first = validEvent('a');
    const answer = await postEvents(sandbox, 'ds_crm', [
      first,
      validEvent('a', { event_name: 'x' }),
    ]);

    expect(answer.body).toEqual({ received: 2, accepted: 1, duplicates: 1, rejected: [] });
    expect(sandbox.storedEvents('ds_crm')).toEqual([first]);
  });

  it('does not count a repeat of a rejected event as a duplicate', async () => {
    const answer = await postEvents(sandbox, 'ds_crm', [
      validEvent('a', { conversion_type: 'nope' }),
      validEvent('a'),
    ]);

    expect(answer.body).toMatchObject({ accepted: 1, duplicates: 0, rejected: [{ index: 0 }] });
  });

  it('ignores the content of a stored ID, so a retry answers the same after the clock moves', async () => {
    await postEvents(sandbox, 'ds_crm', [validEvent('a')]);
    sandbox.setNow(new Date('2027-06-01T00:00:00Z'));

    const retry = await postEvents(sandbox, 'ds_crm', [validEvent('a')]);

    expect(retry.body).toEqual({ received: 1, accepted: 0, duplicates: 1, rejected: [] });
  });

  it('keeps datasets apart', async () => {
    await postEvents(sandbox, 'ds_crm', [validEvent('a')]);

    expect((await postEvents(sandbox, 'ds_shop', [validEvent('a')])).body).toMatchObject({
      accepted: 1,
    });
  });
});

describe('read-back endpoint', () => {
  it('pages through stored events in arrival order', async () => {
    const events = ['e1', 'e2', 'e3', 'e4', 'e5'].map((id) => validEvent(id));
    await postEvents(sandbox, 'ds_crm', events.slice(0, 3));
    await postEvents(sandbox, 'ds_crm', events.slice(3));

    const page = await call(sandbox, 'GET', '/v1/datasets/ds_crm/events?limit=2&offset=2');
    const all = await call(sandbox, 'GET', '/v1/datasets/ds_crm/events');

    expect(page.body).toEqual({ events: events.slice(2, 4), total: 5 });
    expect(all.body).toEqual({ events, total: 5 });
  });

  it('needs the same key and refuses a bad limit', async () => {
    expect((await call(sandbox, 'GET', '/v1/datasets/ds_crm/events', { key: null })).status).toBe(
      401,
    );
    for (const query of ['limit=0', 'limit=1001', 'limit=x', 'offset=-1']) {
      const answer = await call(sandbox, 'GET', `/v1/datasets/ds_crm/events?${query}`);
      expect(answer.status).toBe(400);
    }
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After once the token bucket is empty', async () => {
    const limited = await open({ rateLimit: { requestsPerSecond: 0.001, burst: 2 } });

    const statuses: number[] = [];
    for (const id of ['a', 'b', 'c']) {
      statuses.push((await postEvents(limited, 'ds_crm', [validEvent(id)])).status);
    }
    const last = await postEvents(limited, 'ds_crm', [validEvent('d')]);

    expect(statuses).toEqual([200, 200, 429]);
    expect(last.body).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.storedEvents('ds_crm')).toHaveLength(2);

    const otherKey = await open({
      rateLimit: { requestsPerSecond: 0.001, burst: 1 },
      apiKeys: [
        { key: 'k1', datasets: '*' },
        { key: 'k2', datasets: '*' },
      ],
    });
    await postEvents(otherKey, 'ds_crm', [validEvent('a')], { key: 'k1' });
    expect((await postEvents(otherKey, 'ds_crm', [validEvent('b')], { key: 'k2' })).status).toBe(
      200,
    );
  });

  it('injects 429 with the configured Retry-After', async () => {
    sandbox.setFaults({ rateLimitRate: 1, retryAfterSeconds: 7 });

    const answer = await postEvents(sandbox, 'ds_crm', [validEvent('a')]);

    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('7');
    expect(sandbox.storedEvents('ds_crm')).toEqual([]);
  });
});

describe('faults', () => {
  it('fails the first N POSTs with 503 and stores nothing from them', async () => {
    sandbox.setFaults({ failFirst: 2 });

    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      statuses.push((await postEvents(sandbox, 'ds_crm', [validEvent('a')])).status);
    }

    expect(statuses).toEqual([503, 503, 200]);
    expect(sandbox.requests.map((request) => request.fault)).toEqual([
      'fail_first',
      'fail_first',
      undefined,
    ]);
    expect(sandbox.storedEvents('ds_crm')).toHaveLength(1);
    expect((await getDataset(sandbox, 'ds_crm')).status).toBe(200);
  });

  it('answers 500, 502, 503 or 504 at serverErrorRate 1, the 502 as HTML', async () => {
    const faulty = await open({ faults: { serverErrorRate: 1 }, seed: 7 });

    const answers = [];
    for (let attempt = 0; attempt < 40; attempt += 1) {
      answers.push(await postEvents(faulty, 'ds_crm', [validEvent(`e${attempt}`)]));
    }

    const statuses = new Set(answers.map((answer) => answer.status));
    expect([...statuses].sort()).toEqual([500, 502, 503, 504]);
    for (const answer of answers) {
      const html = answer.status === 502;
      expect(answer.headers.get('content-type')).toMatch(
        html ? /^text\/html/ : /^application\/json/,
      );
    }
    expect(faulty.storedEvents('ds_crm')).toEqual([]);
  });

  it('repeats the same faults for the same seed, and again after reset', async () => {
    const faults = { serverErrorRate: 0.4, rateLimitRate: 0.3 };
    const run = async (target: Sandbox) => {
      const statuses: number[] = [];
      for (let attempt = 0; attempt < 16; attempt += 1) {
        statuses.push((await postEvents(target, 'ds_crm', [validEvent(`e${attempt}`)])).status);
      }
      return statuses;
    };
    const first = await open({ faults, seed: 42 });
    const second = await open({ faults, seed: 42 });

    const statuses = await run(first);

    expect(await run(second)).toEqual(statuses);
    expect(statuses).toContain(200);
    expect(statuses).toContain(429);
    expect(statuses.some((status) => status >= 500)).toBe(true);
    first.reset();
    expect(await run(first)).toEqual(statuses);
  });

  it('drops the socket without an answer and stores nothing', async () => {
    sandbox.setFaults({ dropRate: 1 });

    await expect(postEvents(sandbox, 'ds_crm', [validEvent('a')])).rejects.toThrow();

    expect(sandbox.requests.at(-1)).toMatchObject({ status: 0, eventCount: 1, fault: 'drop' });
    expect(sandbox.storedEvents('ds_crm')).toEqual([]);
  });

  it('fault GETs only when asked', async () => {
    sandbox.setFaults({ serverErrorRate: 1 });
    expect((await getDataset(sandbox, 'ds_crm')).status).toBe(200);

    sandbox.setFaults({ faultGets: true });
    expect((await getDataset(sandbox, 'ds_crm')).status).toBeGreaterThanOrEqual(500);
  });

  it('stores a slow request before its delayed answer, and close() ends it', async () => {
    sandbox.setFaults({ slowRate: 1, slowMs: 60_000 });
    const pending = postEvents(sandbox, 'ds_crm', [validEvent('a')]).then(
      () => 'answered',
      () => 'failed',
    );

    await vi.waitFor(() => expect(sandbox.storedEvents('ds_crm')).toHaveLength(1));
    await sandbox.close();

    expect(await pending).toBe('failed');
    expect(sandbox.requests.at(-1)).toMatchObject({ status: 0, fault: 'slow' });
  });
});

describe('the sandbox handle', () => {
  it('records what it saw', async () => {
    await getDataset(sandbox, 'ds_crm');
    await postEvents(sandbox, 'ds_crm', [validEvent('a'), validEvent('b')]);
    await postEvents(sandbox, 'ds_crm', [], { key: null });

    expect(sandbox.requests).toEqual([
      { method: 'GET', path: '/v1/datasets/ds_crm', status: 200, eventCount: 0 },
      { method: 'POST', path: '/v1/datasets/ds_crm/events', status: 200, eventCount: 2 },
      { method: 'POST', path: '/v1/datasets/ds_crm/events', status: 401, eventCount: 0 },
    ]);
  });

  it('reset() forgets events, requests, faults and the clock', async () => {
    await postEvents(sandbox, 'ds_crm', [validEvent('a')]);
    sandbox.setFaults({ serverErrorRate: 1 });

    sandbox.reset();

    expect(sandbox.storedEvents('ds_crm')).toEqual([]);
    expect(sandbox.requests).toEqual([]);
    expect((await postEvents(sandbox, 'ds_crm', [validEvent('a')])).body).toMatchObject({
      accepted: 1,
    });
  });

  it('keeps stored events in a data file across a restart', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'cadent-sandbox-'));
    try {
      const dataFile = join(folder, 'events.db');
      const before = await open({ dataFile });
      await postEvents(before, 'ds_crm', [validEvent('a'), validEvent('b')]);
      await before.close();

      const after = await open({ dataFile });
      const resent = await postEvents(after, 'ds_crm', [validEvent('a'), validEvent('c')]);

      expect(resent.body).toMatchObject({ accepted: 1, duplicates: 1 });
      expect(
        after.storedEvents('ds_crm').map((event) => (event as { event_id: string }).event_id),
      ).toEqual(['a', 'b', 'c']);
      await after.close();
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses options that make no sense', async () => {
    await expect(
      startSandbox({ datasets: [{ id: 'x', name: 'X', match_key: 'email' as 'em' }] }),
    ).rejects.toThrow(/identity field/);
    await expect(startSandbox({ apiKeys: [{ key: 'k', datasets: ['ds_nope'] }] })).rejects.toThrow(
      /unknown dataset/,
    );
    await expect(startSandbox({ apiKeys: [] })).rejects.toThrow(/at least one/);
  });
});

/** A body of one event for `ds_crm` with one bad event (`overrides`) at index 1. */
function bodyWith(overrides: Record<string, unknown>): string {
  return JSON.stringify({ events: [validEvent('a'), validEvent('b', overrides)] });
}

/** A valid one-event body padded to exactly `bytes` bytes of JSON. */
function bodyOfSize(bytes: number): string {
  const shell = (pad: string) =>
    JSON.stringify({ events: [validEvent('big', { event_properties: { pad } })] });
  const body = shell('x'.repeat(bytes - shell('').length));
  expect(Buffer.byteLength(body)).toBe(bytes);
  return body;
}
