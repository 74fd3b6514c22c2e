/** Temporary folders and files for the CSV tests, and a helper to read a file's records. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { readCsvRows } from '../../../electron/csv/read';

import type { CsvFormat, CsvProblem, CsvRow } from '../../../electron/csv/types';

/** A fresh folder under the system's temp folder, and a way to remove it. */
export async function makeTempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'cadent-csv-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Writes `content` (text as UTF-8, or exact bytes) to `dir/name` and returns the path. */
export async function writeTemp(
  dir: string,
  name: string,
  content: string | Uint8Array,
): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

export interface ReadResult {
  headers: string[];
  format: CsvFormat;
  rows: CsvRow[];
  problems: CsvProblem[];
  /** The kinds of the records in the order they came. */
  order: string[];
}

/** Every record readCsvRows yields for `filePath`, sorted by kind. */
export async function readAll(
  filePath: string,
  options: { format?: CsvFormat } = {},
): Promise<ReadResult> {
  const result: ReadResult = {
    headers: [],
    format: { encoding: 'utf-8', bom: false, delimiter: ',', sepLine: false },
    rows: [],
    problems: [],
    order: [],
  };
  for await (const record of readCsvRows(filePath, options)) {
    result.order.push(record.kind);
    if (record.kind === 'header') {
      result.headers = record.headers;
      result.format = record.format;
    } else if (record.kind === 'row') {
      result.rows.push(record.row);
    } else {
      result.problems.push(record.problem);
    }
  }
  return result;
}
