/**
 * Large generated files: the head of a big file is read without reading the file, and streaming
 * keeps memory flat. Files are generated into a temp folder, never committed.
 */
import fs from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { readCsvHead, readCsvRows } from '../../../electron/csv/read';

import { makeTempDir } from './temp-files';

const MiB = 1024 * 1024;

let dir: string;
let removeDir: () => Promise<void>;

beforeAll(async () => {
  ({ dir, remove: removeDir } = await makeTempDir());
});

afterAll(async () => {
  await removeDir();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('readCsvHead on a 50 MB file', () => {
  it('reads a bounded part of it and estimates the row count', async () => {
    const path = join(dir, 'big.csv');
    const rowCount = await writeGeneratedCsv(path, 50 * MiB, 'ragged,row,at,the,very,end\n');
    const streams = spyOnReadStreams();

    const head = await readCsvHead(path);

    expect(head.headers).toEqual(HEADERS);
    expect(head.rows).toHaveLength(20);
    expect(head.rows[0]?.cells[3]).toBe('02134');
    expect(head.rowCountExact).toBe(false);
    // The ragged last row is far past what the head reads.
    expect(head.problems).toEqual([]);
    expect(Math.abs(head.estimatedRowCount - rowCount) / rowCount).toBeLessThan(0.05);

    expect(streams.length).toBeGreaterThan(0);
    const bytesRead = streams.reduce((sum, stream) => sum + stream.bytesRead, 0);
    expect(bytesRead).toBeLessThan(MiB);
  });
});

describe('readCsvRows on a 200,000-row file', () => {
  it('reads no faster than the caller consumes', async () => {
    const path = join(dir, 'backpressure.csv');
    await writeGeneratedCsv(path, 20 * MiB);
    const streams = spyOnReadStreams();

    const records = readCsvRows(path);
    for (let i = 0; i < 10; i++) await records.next();
    // Give a stream that ignored backpressure every chance to run ahead through the file.
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setTimeout(resolve, 5));

    const bytesRead = streams.reduce((sum, stream) => sum + stream.bytesRead, 0);
    expect(bytesRead).toBeGreaterThan(0);
    expect(bytesRead).toBeLessThan(MiB);
    await records.return(undefined);
    expect(streams.every((stream) => stream.destroyed)).toBe(true);
  });

  it('keeps the heap flat while streaming every row', async () => {
    const path = join(dir, 'heap.csv');
    const rowCount = await writeGeneratedCsv(path, 200_000 * ROW_BYTES_ESTIMATE);
    expect(rowCount).toBeGreaterThanOrEqual(200_000);
    const gc = exposeGc();

    gc();
    const baseline = process.memoryUsage().heapUsed;
    let peak = 0;
    let rows = 0;
    let lastEmail = '';
    for await (const record of readCsvRows(path)) {
      if (record.kind !== 'row') continue;
      rows++;
      lastEmail = record.row.cells[0] ?? '';
      if (rows % 20_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - baseline);
      }
    }

    expect(rows).toBe(rowCount);
    expect(lastEmail).toBe(`user${rowCount - 1}@example.com`);
    // Holding all rows would take well over 50 MB; streaming holds a few chunks.
    expect(peak).toBeLessThan(16 * MiB);
  });
});

const HEADERS = ['Email', 'First Name', 'Last Name', 'Zip', 'Order ID', 'Total', 'Note'];

/** About how long a generated row is, to size a file by its row count. */
const ROW_BYTES_ESTIMATE = 110;

/**
 * Writes a CSV of about `sizeBytes` with varied row lengths, plus an optional last line, and
 * returns how many data rows it holds (the last line counted).
 */
async function writeGeneratedCsv(path: string, sizeBytes: number, lastLine = ''): Promise<number> {
  const file = await open(path, 'w');
  try {
    await file.write(`${HEADERS.join(',')}\n`);
    let written = 0;
    let row = 0;
    while (written < sizeBytes) {
      const lines: string[] = [];
      for (let i = 0; i < 5000; i++, row++) {
        const note = 'x'.repeat(row % 40);
        lines.push(
          `user${row}@example.com,First${row % 97},Last${row % 89},02134,` +
            `9000000000${String(row).padStart(8, '0')},${(row % 1000) + 0.5},"${note}, ok"`,
        );
      }
      const block = `${lines.join('\n')}\n`;
      await file.write(block);
      written += block.length;
    }
    if (lastLine) await file.write(lastLine);
    return row + (lastLine ? 1 : 0);
  } finally {
    await file.close();
  }
}

/** Records every read stream the reader opens, to check how much of a file it read. */
function spyOnReadStreams(): fs.ReadStream[] {
  const streams: fs.ReadStream[] = [];
  const original = fs.createReadStream;
  vi.spyOn(fs, 'createReadStream').mockImplementation((...args) => {
    const stream = original(...args);
    streams.push(stream);
    return stream;
  });
  return streams;
}

/** V8's gc(), so that heap measurements count what is kept rather than what is garbage. */
function exposeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}
