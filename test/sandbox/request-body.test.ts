import { createServer, request } from 'node:http';

import { afterEach, describe, expect, it } from 'vitest';

import { readRawBody } from './request-body';

import type { RawBody } from './request-body';
import type { Server } from 'node:http';

let server: Server | null = null;

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = null;
});

/** Sends `bytes` to a server that reads with limit 10 and drain limit 100. */
async function send(bytes: number): Promise<{ seen: RawBody; answered: boolean }> {
  let seen: Promise<RawBody> = Promise.resolve({ kind: 'aborted' });
  server = createServer((req, res) => {
    seen = readRawBody(req, 10, 100);
    void seen.then((body) => {
      if (body.kind !== 'aborted') res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  const answered = await new Promise<boolean>((resolve) => {
    const req = request({ port, host: '127.0.0.1', method: 'POST' }, (res) => {
      res.resume();
      res.on('end', () => resolve(true));
    });
    req.on('error', () => resolve(false));
    req.end(Buffer.alloc(bytes, 'x'));
  });
  return { seen: await seen, answered };
}

describe('readRawBody', () => {
  it('keeps a body up to the limit', async () => {
    const { seen, answered } = await send(10);

    expect(seen).toEqual({ kind: 'complete', bytes: Buffer.alloc(10, 'x') });
    expect(answered).toBe(true);
  });

  it('drains a body over the limit so the client can read the answer', async () => {
    const { seen, answered } = await send(100);

    expect(seen).toEqual({ kind: 'too_large' });
    expect(answered).toBe(true);
  });

  it('gives up on a body over the drain limit', async () => {
    const { seen } = await send(10_000);

    expect(seen).toEqual({ kind: 'aborted' });
  });
});
