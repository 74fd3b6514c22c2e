/**
 * Packs events into request bodies within Cadent's limits: at most `batchSize` events
 * (never over 1,000) and at most 4 MiB of uncompressed JSON. The same events in the same
 * order always give the same batches, which is what lets a resume skip confirmed ones.
 */
import { MAX_EVENTS_PER_REQUEST, MAX_REQUEST_BYTES } from '../../shared/cadent-contract';

import type { CadentEvent } from '../../shared/cadent-contract';

export interface Batch {
  seq: number;
  firstRow: number;
  lastRow: number;
  eventCount: number;
  /** `{"events":[...]}` exactly as it goes on the wire. */
  body: string;
  /** The first row of each event, by its index in the batch, to place Cadent's rejections. */
  eventRows: number[];
  eventIds: string[];
}

/** An event as JSON, with its size in UTF-8 bytes. */
export interface SerializedEvent {
  json: string;
  bytes: number;
}

export function serializeEvent(event: CadentEvent): SerializedEvent {
  const json = JSON.stringify(event);
  return { json, bytes: Buffer.byteLength(json) };
}

/** Whether the event fits in a request on its own; one that does not can never be sent. */
export function fitsOneRequest(event: SerializedEvent, maxBytes = MAX_REQUEST_BYTES): boolean {
  return FRAME_BYTES + event.bytes <= maxBytes;
}

const PREFIX = '{"events":[';
const SUFFIX = ']}';
const FRAME_BYTES = Buffer.byteLength(PREFIX) + Buffer.byteLength(SUFFIX);

export class EventBatcher {
  private readonly limit: number;
  private seq = 0;
  private parts: string[] = [];
  private bytes = FRAME_BYTES;
  private eventRows: number[] = [];
  private eventIds: string[] = [];
  private firstRow = 0;
  private lastRow = 0;

  constructor(
    batchSize: number,
    private readonly maxBytes = MAX_REQUEST_BYTES,
  ) {
    // A size that is not a whole number (NaN from a bad setting) must not lift the cap.
    this.limit = Number.isFinite(batchSize)
      ? Math.max(1, Math.min(Math.floor(batchSize), MAX_EVENTS_PER_REQUEST))
      : MAX_EVENTS_PER_REQUEST;
  }

  /** Adds one event; returns the batch it closed, if adding it closed one. */
  add(
    event: CadentEvent,
    firstRow: number,
    lastRow: number,
    serialized: SerializedEvent = serializeEvent(event),
  ): Batch | null {
    const { json, bytes: jsonBytes } = serialized;
    if (!fitsOneRequest(serialized, this.maxBytes)) {
      throw new RangeError(`the event of row ${firstRow} alone is over the request size limit`);
    }
    // One comma between events.
    const closed = this.bytes + jsonBytes + 1 > this.maxBytes ? this.flush() : null;
    if (this.parts.length === 0) this.firstRow = firstRow;
    this.bytes += jsonBytes + (this.parts.length > 0 ? 1 : 0);
    this.parts.push(json);
    this.eventRows.push(firstRow);
    this.eventIds.push(event.event_id);
    this.lastRow = lastRow;
    if (closed) return closed;
    return this.parts.length >= this.limit ? this.flush() : null;
  }

  /** Closes the batch being filled, if it holds any event. */
  flush(): Batch | null {
    if (this.parts.length === 0) return null;
    const batch: Batch = {
      seq: this.seq,
      firstRow: this.firstRow,
      lastRow: this.lastRow,
      eventCount: this.parts.length,
      body: PREFIX + this.parts.join(',') + SUFFIX,
      eventRows: this.eventRows,
      eventIds: this.eventIds,
    };
    this.seq += 1;
    this.parts = [];
    this.bytes = FRAME_BYTES;
    this.eventRows = [];
    this.eventIds = [];
    return batch;
  }
}
