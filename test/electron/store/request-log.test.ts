import { describe, expect, it } from 'vitest';

import { StoreError } from '../../../electron/store';
import { REDACTED } from '../../../electron/store/redact';

import { newLogEntry, testStore } from './test-store';

import type { Store } from '../../../electron/store';
import type { RequestLogEntry } from '../../../electron/store/types';

/** Five attempts over two days, two uploads, two datasets, every kind of status. */
function seed(store: Store): Record<string, number> {
  return {
    ok: store.requestLog.insert(
      newLogEntry({ time: '2025-03-01T09:00:00.000Z', uploadId: 'u1', batchSeq: 0, status: 200 }),
    ),
    limited: store.requestLog.insert(
      newLogEntry({ time: '2025-03-01T10:00:00.000Z', uploadId: 'u1', batchSeq: 1, status: 429 }),
    ),
    timeout: store.requestLog.insert(
      newLogEntry({
        time: '2025-03-01T10:00:05.000Z',
        uploadId: 'u1',
        batchSeq: 1,
        attempt: 2,
        status: null,
        responseBody: null,
        error: 'timeout after 30000 ms',
      }),
    ),
    otherDataset: store.requestLog.insert(
      newLogEntry({
        time: '2025-03-02T08:00:00.000Z',
        uploadId: 'u2',
        datasetId: 'ds_999',
        connection: 'Globex',
        status: 204,
      }),
    ),
    notFound: store.requestLog.insert(
      newLogEntry({
        time: '2025-03-02T09:00:00.000Z',
        method: 'GET',
        datasetId: 'ds_404',
        status: 404,
        eventCount: 0,
        requestBody: null,
      }),
    ),
  };
}

function ids(entries: RequestLogEntry[]): number[] {
  return entries.map((entry) => entry.id);
}

describe('request log', () => {
  it('bounds a query to the entries up to an id, so a paged export is a snapshot', () => {
    const { store } = testStore();
    expect(store.requestLog.lastId()).toBe(0);
    const first = store.requestLog.insert(newLogEntry());
    const second = store.requestLog.insert(newLogEntry());
    const snapshot = store.requestLog.lastId();
    expect(snapshot).toBe(second);
    // Logged while the export pages through: not part of it, and shifts no page.
    store.requestLog.insert(newLogEntry());
    expect(ids(store.requestLog.query({ maxId: snapshot }))).toEqual([second, first]);
    expect(store.requestLog.count({ maxId: snapshot })).toBe(2);
  });

  it('stores an attempt as given and returns its id', () => {
    const { store } = testStore();
    const entry = newLogEntry({ uploadId: 'u1', batchSeq: 3 });

    const id = store.requestLog.insert(entry);

    expect(store.requestLog.get(id)).toEqual({ ...entry, id });
    expect(store.requestLog.get(id + 1)).toBeNull();
  });

  it('stores times as UTC with a Z and rounds durations to the millisecond', () => {
    const { store } = testStore();

    const id = store.requestLog.insert(
      newLogEntry({ time: '2025-03-01T13:00:00+01:00', durationMs: 12.6 }),
    );

    expect(store.requestLog.get(id)).toMatchObject({
      time: '2025-03-01T12:00:00.000Z',
      durationMs: 13,
    });
  });

  it('never stores an x-api-key header, wherever a caller left one', () => {
    const { store } = testStore();

    const id = store.requestLog.insert(
      newLogEntry({
        url: 'https://events.cadent.example/v1/datasets/ds_123/events?x-api-key=sk_live_123',
        requestBody: 'POST /v1/events\r\nx-api-key: sk_live_123\r\naccept: application/json',
        responseBody: '{"echo":{"headers":{"X-API-Key":"sk_live_123"}}}',
        error: "request failed with headers { 'x-api-key': 'sk_live_123' }",
      }),
    );

    const stored = store.requestLog.get(id);
    expect(JSON.stringify(stored)).not.toContain('sk_live_123');
    expect(stored?.requestBody).toBe(
      `POST /v1/events\r\nx-api-key: ${REDACTED}\r\naccept: application/json`,
    );
  });

  it('drops fields it does not know instead of storing them', () => {
    const { store } = testStore();
    const entry = { ...newLogEntry(), headers: { 'x-api-key': 'sk_live_123' } };

    const id = store.requestLog.insert(entry);

    expect(store.requestLog.get(id)).not.toHaveProperty('headers');
  });

  it.each([
    [{ time: 'yesterday' }, /time: must be an ISO 8601 date-time/],
    [{ time: '2025-03-01T12:00:00' }, /time: must be an ISO 8601 date-time with an offset/],
    [{ attempt: 0 }, /attempt: starts at 1/],
    [{ method: 'post' }, /method: must be an HTTP method/],
    [{ eventCount: -1 }, /eventCount: must not be negative/],
    [{ status: 42 }, /status/],
  ])('refuses an entry with %o', (overrides, message) => {
    const { store } = testStore();

    expect(() => store.requestLog.insert(newLogEntry(overrides))).toThrow(StoreError);
    expect(() => store.requestLog.insert(newLogEntry(overrides))).toThrow(message);
    expect(store.requestLog.count()).toBe(0);
  });

  it('lists entries newest first, the later insert first when times are equal', () => {
    const { store } = testStore();
    const e = seed(store);
    const sameTime = store.requestLog.insert(newLogEntry({ time: '2025-03-02T09:00:00.000Z' }));

    expect(ids(store.requestLog.query())).toEqual([
      sameTime,
      e.notFound,
      e.otherDataset,
      e.timeout,
      e.limited,
      e.ok,
    ]);
  });

  it('filters by status: 2xx, anything else including no response, or one code', () => {
    const { store } = testStore();
    const e = seed(store);

    expect(ids(store.requestLog.query({ status: 'ok' }))).toEqual([e.otherDataset, e.ok]);
    expect(ids(store.requestLog.query({ status: 'error' }))).toEqual([
      e.notFound,
      e.timeout,
      e.limited,
    ]);
    expect(ids(store.requestLog.query({ status: 429 }))).toEqual([e.limited]);
  });

  it('filters by upload, dataset and connection', () => {
    const { store } = testStore();
    const e = seed(store);

    expect(ids(store.requestLog.query({ uploadId: 'u1' }))).toEqual([e.timeout, e.limited, e.ok]);
    expect(ids(store.requestLog.query({ datasetId: 'ds_999' }))).toEqual([e.otherDataset]);
    expect(ids(store.requestLog.query({ connection: 'Globex' }))).toEqual([e.otherDataset]);
    expect(store.requestLog.query({ uploadId: 'nope' })).toEqual([]);
  });

  it('filters by a time range with both bounds included', () => {
    const { store } = testStore();
    const e = seed(store);

    expect(
      ids(
        store.requestLog.query({
          since: '2025-03-01T10:00:00.000Z',
          until: '2025-03-02T08:00:00Z',
        }),
      ),
    ).toEqual([e.otherDataset, e.timeout, e.limited]);
    // Bounds with an offset mean the same instant as in UTC.
    expect(ids(store.requestLog.query({ since: '2025-03-02T10:00:00+01:00' }))).toEqual([
      e.notFound,
    ]);
  });

  it('combines filters', () => {
    const { store } = testStore();
    const e = seed(store);

    expect(
      ids(
        store.requestLog.query({ uploadId: 'u1', status: 'error', until: '2025-03-01T10:00:00Z' }),
      ),
    ).toEqual([e.limited]);
  });

  it('pages through matches, counting all of them', () => {
    const { store } = testStore();
    const e = seed(store);

    expect(ids(store.requestLog.query({ limit: 2 }))).toEqual([e.notFound, e.otherDataset]);
    expect(ids(store.requestLog.query({ limit: 2, offset: 2 }))).toEqual([e.timeout, e.limited]);
    expect(ids(store.requestLog.query({ limit: 2, offset: 4 }))).toEqual([e.ok]);
    expect(ids(store.requestLog.query({ offset: 3 }))).toEqual([e.limited, e.ok]);
    expect(store.requestLog.count({ limit: 2 })).toBe(5);
    expect(store.requestLog.count({ status: 'error' })).toBe(3);
    expect(store.requestLog.count({ uploadId: 'u1', status: 'ok' })).toBe(1);
  });

  it('iterates the same entries as a query returns', () => {
    const { store } = testStore();
    seed(store);
    const query = { status: 'error' as const, limit: 2 };

    expect([...store.requestLog.iterate(query)]).toEqual(store.requestLog.query(query));
  });

  it('refuses a query it cannot run as asked', () => {
    const { store } = testStore();

    expect(() => store.requestLog.query({ since: 'last week' })).toThrow(/since: must be an ISO/);
    expect(() => store.requestLog.query({ limit: -1 })).toThrow(/limit: must not be negative/);
    expect(() => store.requestLog.count({ status: 'failed' as 'error' })).toThrow(StoreError);
    expect(() => store.requestLog.query({ dataset: 'ds_123' } as object)).toThrow(/dataset/);
  });

  describe('prune', () => {
    it('deletes entries older than the retention, by the store clock', () => {
      const { store, clock } = testStore();
      clock.set('2025-06-30T12:00:00.000Z');
      const old = store.requestLog.insert(newLogEntry({ time: '2025-05-31T11:59:59.999Z' }));
      const edge = store.requestLog.insert(newLogEntry({ time: '2025-05-31T12:00:00.000Z' }));
      const recent = store.requestLog.insert(newLogEntry({ time: '2025-06-29T00:00:00.000Z' }));

      expect(store.requestLog.prune(30)).toBe(1);

      expect(store.requestLog.get(old)).toBeNull();
      expect(ids(store.requestLog.query())).toEqual([recent, edge]);
      expect(store.requestLog.prune(30)).toBe(0);
    });

    it('keeps everything with a retention of 0 days', () => {
      const { store, clock } = testStore();
      clock.set('2030-01-01T00:00:00.000Z');
      seed(store);

      expect(store.requestLog.prune(0)).toBe(0);
      expect(store.requestLog.count()).toBe(5);
    });

    it('refuses a retention that is not a whole number of days', () => {
      const { store } = testStore();

      expect(() => store.requestLog.prune(-1)).toThrow(/must not be negative/);
      expect(() => store.requestLog.prune(1.5)).toThrow(/must be a whole number/);
    });
  });
});
