/**
 * Reading a request body with bounds: at most `limit` bytes are kept, and at most `drainLimit`
 * are read at all, so neither a huge upload nor a gzip bomb costs the sandbox more than that.
 */

import { gunzip } from 'node:zlib';

import type { IncomingMessage } from 'node:http';

/** The body as received (still compressed, if it was). */
export type RawBody =
  | { kind: 'complete'; bytes: Buffer }
  | { kind: 'too_large' }
  /** The client went away, or sent more than `drainLimit`: there is no one left to answer. */
  | { kind: 'aborted' };

/** The body after `content-encoding` is undone. */
export type DecodedBody =
  | { kind: 'complete'; bytes: Buffer }
  | { kind: 'too_large' }
  | { kind: 'corrupt'; message: string };

/** Reads the body, keeping up to `limit` bytes and discarding the rest up to `drainLimit`, so the
 * client finishes sending and can read the 413 rather than meeting a reset socket. */
export function readRawBody(
  req: IncomingMessage,
  limit: number,
  drainLimit: number,
): Promise<RawBody> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;

    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else chunks.length = 0;

      if (size > drainLimit) {
        req.destroy();
        resolve({ kind: 'aborted' });
      }
    });
    req.on('end', () => {
      resolve(
        size > limit ? { kind: 'too_large' } : { kind: 'complete', bytes: Buffer.concat(chunks) },
      );
    });
    req.on('error', () => resolve({ kind: 'aborted' }));
    req.on('close', () => {
      if (!req.complete) resolve({ kind: 'aborted' });
    });
  });
}

/** Undoes `content-encoding`, stopping as soon as the output would pass `limit` bytes. */
export function decodeBody(
  bytes: Buffer,
  coding: 'identity' | 'gzip',
  limit: number,
): Promise<DecodedBody> {
  if (coding === 'identity') return Promise.resolve({ kind: 'complete', bytes });

  return new Promise((resolve) => {
    gunzip(bytes, { maxOutputLength: limit }, (error, output) => {
      if (error === null) resolve({ kind: 'complete', bytes: output });
      else if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
        resolve({ kind: 'too_large' });
      } else
        resolve({ kind: 'corrupt', message: `the gzip body cannot be inflated: ${error.message}` });
    });
  });
}
