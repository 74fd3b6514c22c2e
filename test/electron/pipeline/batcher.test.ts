import { describe, expect, it } from 'vitest';

import { EventBatcher } from '../../../electron/pipeline/batcher';
import {
  cadentEventSchema,
  MAX_EVENTS_PER_REQUEST,
  MAX_REQUEST_BYTES,
} from '../../../shared/cadent-contract';

import type { Batch } from '../../../electron/pipeline/batcher';
import type { CadentEvent } from '../../../shared/cadent-contract';

const HASH = 'e'.repeat(64);

function event(index: number, note = ''): CadentEvent {
  return {
    event_id: `ord-${index}`,
    event_name: 'Purchase',
    event_time: '2026-11-14T18:35:00Z',
    conversion_type: 'online_purchase',
    user: { em: HASH },
    event_properties: { value: index, ...(note ? { note } : {}) },
  };
}

/** Feeds `events` (event i on row i + 2) through a batcher and returns every batch, flushed. */
function batchAll(batcher: EventBatcher, events: readonly CadentEvent[]): Batch[] {
  const batches: Batch[] = [];
  events.forEach((item, index) => {
    const closed = batcher.add(item, index + 2, index + 2);
    if (closed) batches.push(closed);
  });
  const last = batcher.flush();
  if (last) batches.push(last);
  return batches;
}

function range(count: number, make: (index: number) => CadentEvent = event): CadentEvent[] {
  return Array.from({ length: count }, (_, index) => make(index));
}

function bodyEvents(batch: Batch): CadentEvent[] {
  const parsed = JSON.parse(batch.body) as { events: CadentEvent[] };
  expect(Object.keys(parsed)).toEqual(['events']);
  return parsed.events;
}

/** The checks every batch must pass, whatever the limits. */
function expectWellFormed(batches: readonly Batch[], events: readonly CadentEvent[], max: number) {
  expect(batches.map((batch) => batch.seq)).toEqual(batches.map((_, index) => index));
  const sent = batches.flatMap(bodyEvents);
  expect(sent).toEqual(events);
  let index = 0;
  for (const batch of batches) {
    const inBody = bodyEvents(batch);
    expect(batch.eventCount).toBe(inBody.length);
    expect(batch.eventIds).toEqual(inBody.map((item) => item.event_id));
    expect(batch.eventRows).toEqual(inBody.map((_, offset) => index + offset + 2));
    expect(batch.firstRow).toBe(index + 2);
    expect(batch.lastRow).toBe(index + inBody.length + 1);
    expect(Buffer.byteLength(batch.body, 'utf8')).toBeLessThanOrEqual(max);
    expect(batch.eventCount).toBeGreaterThan(0);
    index += inBody.length;
  }
}

describe('EventBatcher', () => {
  it('closes a batch at 1,000 events', () => {
    const events = range(2500);
    const batches = batchAll(new EventBatcher(5000), events);
    expect(batches.map((batch) => batch.eventCount)).toEqual([1000, 1000, 500]);
    expectWellFormed(batches, events, MAX_REQUEST_BYTES);
  });

  it('returns the batch from the add that filled it', () => {
    const batcher = new EventBatcher(3);
    expect(batcher.add(event(0), 2, 2)).toBeNull();
    expect(batcher.add(event(1), 3, 3)).toBeNull();
    const closed = batcher.add(event(2), 4, 4);
    expect(closed?.eventIds).toEqual(['ord-0', 'ord-1', 'ord-2']);
    expect(batcher.flush()).toBeNull();
  });

  it('honours a smaller batch size', () => {
    const events = range(25);
    const batches = batchAll(new EventBatcher(10), events);
    expect(batches.map((batch) => batch.eventCount)).toEqual([10, 10, 5]);
    expectWellFormed(batches, events, MAX_REQUEST_BYTES);
  });

  it('takes at least one event per batch, and never more than Cadent allows', () => {
    expect(batchAll(new EventBatcher(0), range(3)).map((batch) => batch.eventCount)).toEqual([
      1, 1, 1,
    ]);
    const big = batchAll(new EventBatcher(MAX_EVENTS_PER_REQUEST * 10), range(1001));
    expect(big.map((batch) => batch.eventCount)).toEqual([1000, 1]);
    const unset = batchAll(new EventBatcher(Number.NaN), range(1001));
    expect(unset.map((batch) => batch.eventCount)).toEqual([1000, 1]);
    const fraction = batchAll(new EventBatcher(2.5), range(5));
    expect(fraction.map((batch) => batch.eventCount)).toEqual([2, 2, 1]);
  });

  it('closes a batch before it would go over the byte limit', () => {
    // Events of one size: a four-digit ID and value.
    const events = range(40, (index) => ({
      ...event(index),
      event_id: `ord-${1000 + index}`,
      event_properties: { value: 1000 + index },
    }));
    const oneEvent = Buffer.byteLength(JSON.stringify(events[0]));
    // Room for the frame and exactly three events with their commas.
    const maxBytes = '{"events":[]}'.length + oneEvent * 3 + 2;
    const batches = batchAll(new EventBatcher(1000, maxBytes), events);
    expect(batches.slice(0, -1).every((batch) => batch.eventCount === 3)).toBe(true);
    expect(Buffer.byteLength(batches[0]?.body ?? '')).toBe(maxBytes);
    expectWellFormed(batches, events, maxBytes);

    // One byte less and only two fit.
    const tighter = batchAll(new EventBatcher(1000, maxBytes - 1), events);
    expect(tighter[0]?.eventCount).toBe(2);
    expectWellFormed(tighter, events, maxBytes - 1);
  });

  it('counts UTF-8 bytes, not characters', () => {
    // "€" is one UTF-16 unit and three UTF-8 bytes; "😀" is two units and four bytes.
    const events = range(60, (index) => event(index, `${'€'.repeat(index % 7)}😀 Zoë Müller`));
    const maxBytes = 2000;
    const batches = batchAll(new EventBatcher(1000, maxBytes), events);
    expect(batches.length).toBeGreaterThan(1);
    expectWellFormed(batches, events, maxBytes);
    for (const batch of batches.slice(0, -1)) {
      // Closed because the next event would not fit in bytes, though it would in characters.
      expect(batch.body.length).toBeLessThan(Buffer.byteLength(batch.body));
    }
  });

  it('packs near 4 MiB with big property strings', () => {
    // About 300 KB per event: 13 fit under 4 MiB, the 14th does not.
    const filler = 'x'.repeat(300_000);
    const events = range(30, (index) => event(index, `${filler}${'é'.repeat(index)}`));
    const batches = batchAll(new EventBatcher(1000), events);
    expect(batches.map((batch) => batch.eventCount)).toEqual([13, 13, 4]);
    expectWellFormed(batches, events, MAX_REQUEST_BYTES);
    expect(Buffer.byteLength(batches[0]?.body ?? '')).toBeGreaterThan(MAX_REQUEST_BYTES - 300_000);
    for (const item of bodyEvents(batches[0] as Batch)) {
      expect(cadentEventSchema.safeParse(item).success).toBe(true);
    }
  });

  it('throws for an event that alone is over the limit, naming its row', () => {
    const batcher = new EventBatcher(1000, 500);
    expect(() => batcher.add(event(0, 'x'.repeat(600)), 7, 7)).toThrow(/row 7/);
    // The batcher is still usable, and the oversized event was not taken.
    expect(batcher.add(event(1), 8, 8)).toBeNull();
    expect(batcher.flush()?.eventIds).toEqual(['ord-1']);
  });

  it('takes an event that exactly fills a batch on its own', () => {
    const base = event(0, 'x');
    const frame = '{"events":[]}'.length;
    const maxBytes = frame + Buffer.byteLength(JSON.stringify(base));
    const batches = batchAll(new EventBatcher(1000, maxBytes), [base, event(1, 'x')]);
    expect(batches.map((batch) => batch.eventCount)).toEqual([1, 1]);
    expect(Buffer.byteLength(batches[0]?.body ?? '')).toBe(maxBytes);
  });

  it('returns null when flushing with nothing in it', () => {
    const batcher = new EventBatcher(10);
    expect(batcher.flush()).toBeNull();
    batcher.add(event(0), 2, 2);
    expect(batcher.flush()).not.toBeNull();
    expect(batcher.flush()).toBeNull();
  });

  it('numbers batches in order across flushes', () => {
    const batcher = new EventBatcher(2);
    const seqs: number[] = [];
    for (let index = 0; index < 5; index++) {
      const closed = batcher.add(event(index), index + 2, index + 2);
      if (closed) seqs.push(closed.seq);
    }
    seqs.push(batcher.flush()?.seq ?? -1);
    batcher.add(event(9), 20, 20);
    seqs.push(batcher.flush()?.seq ?? -1);
    expect(seqs).toEqual([0, 1, 2, 3]);
  });

  it('spans the rows of grouped events', () => {
    const batcher = new EventBatcher(2);
    batcher.add(event(0), 2, 4);
    const batch = batcher.add(event(1), 5, 9);
    expect(batch).toMatchObject({ firstRow: 2, lastRow: 9, eventRows: [2, 5] });
    const next = (batcher.add(event(2), 11, 11), batcher.flush());
    expect(next).toMatchObject({ firstRow: 11, lastRow: 11, eventRows: [11] });
  });

  it('gives each batch its own arrays', () => {
    const batcher = new EventBatcher(1);
    const first = batcher.add(event(0), 2, 2);
    const second = batcher.add(event(1), 3, 3);
    expect(first?.eventIds).toEqual(['ord-0']);
    expect(second?.eventIds).toEqual(['ord-1']);
    expect(first?.eventRows).toEqual([2]);
  });

  it('is deterministic: the same events give the same batches', () => {
    const events = range(300, (index) => event(index, 'ü'.repeat(index % 13)));
    const once = batchAll(new EventBatcher(50, 8000), events);
    const again = batchAll(new EventBatcher(50, 8000), events);
    expect(again).toEqual(once);
    expectWellFormed(once, events, 8000);
  });

  it('writes each event as JSON.stringify does, keeping its key order', () => {
    const item = event(0);
    const batch = batchAll(new EventBatcher(10), [item])[0];
    expect(batch?.body).toBe(`{"events":[${JSON.stringify(item)}]}`);
  });
});
