/**
 * Reading CSV exports: the start of a file at once whatever its size, all of its rows as a
 * stream, its exact row count and its fingerprint. Files are never read whole into memory.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';

import { readError, statCsvFile } from './file-checks';
import { openRecordSource, SAMPLE_BYTES } from './record-source';
import { blankRowProblem, checkRow, isBlankRecord, nameHeaders } from './row-checks';
import { CsvError } from './types';

import type { ParsedRecord, RecordSource } from './record-source';
import type { CsvFormat, CsvHead, CsvProblem, CsvRecord, CsvRow } from './types';

/**
 * The header, format and first rows of a file, for showing at once. Reads about the first 64 KiB
 * (more only if the header or the first row is longer), whatever the file's size.
 */
export async function readCsvHead(
  filePath: string,
  options: { maxRows?: number } = {},
): Promise<CsvHead> {
  const maxRows = options.maxRows ?? 20;
  const source = await openRecordSource(filePath);
  const classifier = new RecordClassifier(source);
  const rows: CsvRow[] = [];
  const headerProblems: CsvProblem[] = [];
  const rowProblems: CsvProblem[] = [];
  let dataRows = 0;
  let recordsAfterHeader = 0;

  try {
    for (;;) {
      const batch = await source.next();
      if (!batch) break;

      for (const record of batch.flatMap((parsed) => classifier.classify(parsed))) {
        if (record.kind === 'header') continue;
        const problem = record.kind === 'problem' ? record.problem : null;
        if (problem && problem.row === null) {
          headerProblems.push(problem);
          continue;
        }
        recordsAfterHeader++;
        if (problem?.kind !== 'blank_row') dataRows++;
        // Problems are kept up to the last row shown, so the two tell one story.
        if (rows.length >= maxRows) continue;
        if (problem) rowProblems.push(problem);
        else if (record.kind === 'row') rows.push(record.row);
      }

      const enough = rows.length >= maxRows || source.bytesRead >= SAMPLE_BYTES;
      if (source.exhausted || (classifier.headers && recordsAfterHeader > 0 && enough)) break;
    }
    if (source.exhausted) classifier.finish();
  } finally {
    source.close();
  }

  const exact = source.exhausted;
  return {
    filePath,
    fileName: source.fileName,
    sizeBytes: source.sizeBytes,
    format: source.format,
    headers: classifier.headers ?? [],
    rows,
    problems: [...headerProblems, ...rowProblems],
    estimatedRowCount: exact
      ? dataRows
      : estimateRowCount(dataRows, source.sizeBytes, source.parsedBytes()),
    rowCountExact: exact,
  };
}

/**
 * Every record of a file in order: the header first, then one row or problem per spreadsheet
 * row. Pull-driven: the file is read only as fast as the caller consumes records. Throws a
 * CsvError when the file cannot be read as CSV, and the signal's reason when it is aborted.
 */
export async function* readCsvRows(
  filePath: string,
  options: { format?: CsvFormat; signal?: AbortSignal } = {},
): AsyncGenerator<CsvRecord> {
  const source = await openRecordSource(filePath, options);
  const classifier = new RecordClassifier(source);
  try {
    for (let batch = await source.next(); batch; batch = await source.next()) {
      for (const parsed of batch) {
        for (const record of classifier.classify(parsed)) {
          options.signal?.throwIfAborted();
          yield record;
        }
      }
    }
    classifier.finish();
  } finally {
    source.close();
  }
}

/** The exact row count of a file, from a full pass; blank rows are counted apart. */
export interface CsvRowCount {
  /** Data rows, blank rows not counted; includes the rows with problems. */
  rows: number;
  blankRows: number;
  /** Rows that are not readable as rows: ragged, broken quotes, invalid bytes. */
  problemRows: number;
}

export interface CsvCountProgress {
  bytesRead: number;
  sizeBytes: number;
  rows: number;
}

/** Counts the rows of a file in one streaming pass, reporting progress after each chunk. */
export async function countCsvRows(
  filePath: string,
  format?: CsvFormat,
  onProgress?: (progress: CsvCountProgress) => void,
  signal?: AbortSignal,
): Promise<CsvRowCount> {
  const source = await openRecordSource(filePath, {
    ...(format ? { format } : {}),
    ...(signal ? { signal } : {}),
  });
  const classifier = new RecordClassifier(source);
  const count: CsvRowCount = { rows: 0, blankRows: 0, problemRows: 0 };
  try {
    for (let batch = await source.next(); batch; batch = await source.next()) {
      for (const record of batch.flatMap((parsed) => classifier.classify(parsed))) {
        if (record.kind === 'row') count.rows++;
        if (record.kind !== 'problem' || record.problem.row === null) continue;
        if (record.problem.kind === 'blank_row') {
          count.blankRows++;
        } else {
          count.rows++;
          count.problemRows++;
        }
      }
      onProgress?.({ bytesRead: source.bytesRead, sizeBytes: source.sizeBytes, rows: count.rows });
    }
    classifier.finish();
  } finally {
    source.close();
  }
  return count;
}

/** The size and SHA-256 of a file's bytes, streamed, to tell whether a file is still the same. */
export async function csvFileFingerprint(
  filePath: string,
): Promise<{ size: number; sha256: string }> {
  await statCsvFile(filePath);

  const hash = createHash('sha256');
  let size = 0;
  try {
    for await (const chunk of fs.createReadStream(filePath) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
    }
  } catch (error) {
    throw readError(error, filePath);
  }
  return { size, sha256: hash.digest('hex') };
}

/**
 * Rows in the whole file from a sample: the header counts as one average row, so that a few
 * long column names do not skew a small sample.
 */
function estimateRowCount(sampleRows: number, sizeBytes: number, sampleBytes: number): number {
  if (sampleBytes <= 0 || sampleRows === 0) return sampleRows;
  return Math.max(sampleRows, Math.round(((sampleRows + 1) * sizeBytes) / sampleBytes) - 1);
}

/**
 * Turns parsed records into what the reader yields: blank rows before the header are held back
 * until the header has been yielded, which always comes first.
 */
class RecordClassifier {
  headers: string[] | null = null;
  private readonly leadingBlanks: CsvProblem[] = [];
  private recordsSeen = 0;

  constructor(private readonly source: RecordSource) {}

  classify(parsed: ParsedRecord): CsvRecord[] {
    this.recordsSeen++;
    const { source } = this;
    if (this.headers) {
      return [
        checkRow(parsed, this.headers, {
          delimiter: source.format.delimiter,
          encoding: source.encoding,
        }),
      ];
    }

    if (!parsed.quote && isBlankRecord(parsed.cells)) {
      this.leadingBlanks.push(blankRowProblem(parsed.row));
      return [];
    }
    const { headers, problems } = nameHeaders(parsed, source);
    this.headers = headers;
    return [
      { kind: 'header', headers, format: source.format },
      ...[...this.leadingBlanks, ...problems].map((problem) => ({
        kind: 'problem' as const,
        problem,
      })),
    ];
  }

  /** At the end of the file: a file without a header has nothing in it. */
  finish(): void {
    if (this.headers) return;
    const { filePath, fileName } = this.source;
    const message =
      this.recordsSeen > 0
        ? `${fileName} is empty: it has only blank lines`
        : `${fileName} is empty`;
    throw new CsvError('empty_file', filePath, message);
  }
}
