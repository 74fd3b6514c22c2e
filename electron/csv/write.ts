/**
 * Writing CSV exports (rejected rows, the request log) that open safely in a spreadsheet: cells
 * that would run as formulas are defused, and a file appears whole or not at all.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * `cell` with a leading apostrophe if a spreadsheet would run it as a formula: it starts with
 * `=`, `+`, `-` or `@` (also after leading spaces), or with a tab or CR. A plain number such as
 * "-12.50" or "+15550100" is left alone, as a spreadsheet reads it as a number, not a formula.
 */
export function neutralizeFormula(cell: string): string {
  if (!FORMULA_START.test(cell) || PLAIN_NUMBER.test(cell)) return cell;
  return `'${cell}`;
}

/**
 * One CSV line (without its line end) of comma-separated cells, each defused by
 * neutralizeFormula and quoted when it holds a comma, a quote or a line break.
 */
export function toCsvLine(cells: readonly string[]): string {
  return cells.map((cell) => quoteCell(neutralizeFormula(cell))).join(',');
}

export interface CsvWriter {
  /** Writes one row; resolves once the file can take more, so a fast producer waits. */
  write(cells: readonly string[]): Promise<void>;
  /** Finishes the file and puts it in place, replacing any file of that name. */
  close(): Promise<void>;
  /** Gives up: removes the unfinished file and leaves any existing file untouched. */
  abort(): Promise<void>;
}

/**
 * Starts a CSV export at `filePath` with a header line. The file is UTF-8 with a BOM (so Excel
 * opens it as UTF-8) and CRLF line ends. It is written under a temporary name beside the target
 * and renamed on close, so a failed or aborted export leaves no partial file behind.
 */
export async function createCsvWriter(
  filePath: string,
  headers: readonly string[],
): Promise<CsvWriter> {
  const tempPath = join(
    dirname(filePath),
    `.${basename(filePath)}.${randomBytes(4).toString('hex')}.partial`,
  );
  // 'wx': never reuse a leftover file; flush: the data is on disk before the rename makes it
  // visible.
  const stream = fs.createWriteStream(tempPath, { flags: 'wx', flush: true });
  await new Promise<void>((resolve, reject) => {
    stream.once('ready', resolve);
    stream.once('error', reject);
  });

  let failure: unknown = null;
  let state: 'open' | 'closing' | 'closed' = 'open';
  stream.on('error', (error) => {
    failure ??= error;
  });

  const discard = async () => {
    state = 'closed';
    stream.destroy();
    await waitForClose(stream);
    await rm(tempPath, { force: true });
  };

  const writeLine = async (cells: readonly string[]) => {
    if (state !== 'open') throw new Error(`${basename(filePath)} is already closed`);
    if (failure) throw failure;
    if (!stream.write(`${toCsvLine(cells)}\r\n`)) await waitForDrain(stream);
    if (failure) throw failure;
  };

  try {
    stream.write('\uFEFF');
    await writeLine(headers);
  } catch (error) {
    await discard();
    throw error;
  }

  return {
    async write(cells) {
      if (cells.length !== headers.length) {
        throw new Error(`a row of ${cells.length} cells for ${headers.length} columns`);
      }
      try {
        await writeLine(cells);
      } catch (error) {
        if (state === 'open') await discard();
        throw error;
      }
    },

    async close() {
      if (state !== 'open') throw new Error(`${basename(filePath)} is already closed`);
      state = 'closing';
      try {
        await new Promise<void>((resolve, reject) => {
          stream.end((error?: Error | null) => (error ? reject(error) : resolve()));
        });
        await waitForClose(stream);
        if (failure) throw failure;
        await rename(tempPath, filePath);
        state = 'closed';
      } catch (error) {
        await discard();
        throw error;
      }
    },

    async abort() {
      if (state === 'closed') return;
      await discard();
    },
  };
}

const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@])/;

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function quoteCell(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

function waitForDrain(stream: fs.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
  });
}

function waitForClose(stream: fs.WriteStream): Promise<void> {
  if (stream.closed) return Promise.resolve();
  return new Promise((resolve) => stream.once('close', () => resolve()));
}
