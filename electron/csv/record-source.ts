/**
 * The bottom of the reader: a file's bytes, decoded and split into records (arrays of cells) one
 * chunk at a time, pulled by the consumer so that a slow consumer holds the file back instead of
 * letting it pile up in memory.
 */
import fs from 'node:fs';
import { basename } from 'node:path';

import Papa from 'papaparse';

import { createCsvDecoder } from './decode';
import { readError, statCsvFile } from './file-checks';
import { LineEndNormalizer } from './line-ends';
import { isBlankRecord } from './row-checks';
import { matchSepLine, sniffBinary, sniffDelimiter, sniffEncoding } from './sniff';
import { CsvError } from './types';

import type { CsvDecoder } from './decode';
import type { CsvEncoding, CsvFormat } from './types';

/** Bytes read at a time, and the sample the format is sniffed from. */
export const SAMPLE_BYTES = 64 * 1024;

/**
 * The longest record the reader accepts. A quote that is never closed turns the rest of the file
 * into one cell; past this the reader gives up instead of buffering the whole file.
 */
export const MAX_RECORD_CHARS = 4 * 1024 * 1024;

/** One record as parsed, with its spreadsheet row and whether its quotes were broken. */
export interface ParsedRecord {
  row: number;
  cells: string[];
  /** 'unterminated': a quote never closed (the rest of the file is in the last cell). */
  quote: 'unterminated' | 'misplaced' | null;
}

export interface RecordSource {
  readonly filePath: string;
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly format: CsvFormat;
  /** The encoding being decoded now (a 'utf-8' format may turn out Windows-1252 later on). */
  readonly encoding: CsvEncoding;
  readonly bytesRead: number;
  /** True once the last record of the file has been returned. */
  readonly exhausted: boolean;
  /** About how many bytes of the file the records returned so far came from. */
  parsedBytes(): number;
  /** The records of the next chunk (possibly none), or null after the last one. */
  next(): Promise<ParsedRecord[] | null>;
  close(): void;
}

/**
 * Opens `filePath` for reading records, sniffing its format unless one is given. Throws a
 * CsvError when it is missing, a folder, empty or binary.
 */
export async function openRecordSource(
  filePath: string,
  options: { format?: CsvFormat; signal?: AbortSignal } = {},
): Promise<RecordSource> {
  const stats = await statCsvFile(filePath);
  const fileName = basename(filePath);
  if (stats.size === 0) throw new CsvError('empty_file', filePath, `${fileName} is empty`);

  options.signal?.throwIfAborted();
  const stream = fs.createReadStream(filePath, { highWaterMark: SAMPLE_BYTES });
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  try {
    const { sample, ended } = await readSample(chunks);
    if (sample.length === 0) throw new CsvError('empty_file', filePath, `${fileName} is empty`);

    const binary = sniffBinary(sample);
    if (binary) throw binaryFileError(filePath, fileName, binary);

    const { encoding, bom } = options.format ?? sniffEncoding(sample);
    const decoder = createCsvDecoder(encoding, bom);
    const lineEnds = new LineEndNormalizer();
    let text = lineEnds.write(stripBom(decoder.write(sample) + (ended ? decoder.end() : '')));
    if (ended) text += lineEnds.end();

    const delimiting = options.format ?? sniffDelimiter(text);
    const sep = delimiting.sepLine ? matchSepLine(text) : null;
    if (sep) text = text.slice(sep.length);

    const format: CsvFormat = { encoding, bom, delimiter: delimiting.delimiter, sepLine: !!sep };
    return new FileRecordSource({
      filePath,
      fileName,
      sizeBytes: stats.size,
      format,
      stream,
      chunks,
      decoder,
      lineEnds,
      firstText: text,
      bytesRead: sample.length,
      ended,
      signal: options.signal,
    });
  } catch (error) {
    stream.destroy();
    throw readError(error, filePath);
  }
}

interface SourceState {
  filePath: string;
  fileName: string;
  sizeBytes: number;
  format: CsvFormat;
  stream: fs.ReadStream;
  chunks: AsyncIterator<Buffer>;
  decoder: CsvDecoder;
  lineEnds: LineEndNormalizer;
  /** The decoded text of the sample, line ends already normalized and any sep= line dropped. */
  firstText: string;
  bytesRead: number;
  ended: boolean;
  signal: AbortSignal | undefined;
}

class FileRecordSource implements RecordSource {
  readonly filePath: string;
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly format: CsvFormat;
  bytesRead: number;

  private readonly state: SourceState;
  private readonly parser: Papa.Parser;
  private firstText: string | null;
  private partial = '';
  private charsDecoded = 0;
  private lastRow = 0;
  private sawContent = false;
  private done = false;
  private reachedEnd = false;
  private tooLong: CsvError | null = null;

  constructor(state: SourceState) {
    this.state = state;
    this.filePath = state.filePath;
    this.fileName = state.fileName;
    this.sizeBytes = state.sizeBytes;
    this.format = state.format;
    this.bytesRead = state.bytesRead;
    this.firstText = state.firstText;
    // Cells stay strings: the low-level parser never types values (no dynamicTyping here).
    // Every line end reaches it as LF, see LineEndNormalizer.
    this.parser = new Papa.Parser({
      delimiter: state.format.delimiter,
      newline: '\n',
      quoteChar: '"',
    });
  }

  get exhausted(): boolean {
    return this.reachedEnd;
  }

  get encoding(): CsvEncoding {
    return this.state.decoder.encoding;
  }

  parsedBytes(): number {
    if (this.charsDecoded === 0) return 0;
    const parsedChars = this.charsDecoded - this.partial.length;
    return Math.round((this.bytesRead * parsedChars) / this.charsDecoded);
  }

  async next(): Promise<ParsedRecord[] | null> {
    if (this.tooLong) throw this.tooLong;
    if (this.done) return null;
    this.state.signal?.throwIfAborted();

    let text: string;
    let final: boolean;
    if (this.firstText !== null) {
      text = this.firstText;
      final = this.state.ended;
      this.firstText = null;
    } else {
      const chunk = await this.readChunk();
      this.state.signal?.throwIfAborted();
      const { decoder, lineEnds } = this.state;
      text = chunk
        ? lineEnds.write(decoder.write(chunk))
        : lineEnds.write(decoder.end()) + lineEnds.end();
      final = chunk === null;
    }
    this.charsDecoded += text.length;
    if (final) {
      this.reachedEnd = true;
      this.close();
    }
    return this.parse(text, final);
  }

  close(): void {
    this.done = true;
    this.state.stream.destroy();
  }

  private async readChunk(): Promise<Buffer | null> {
    try {
      const result = await this.state.chunks.next();
      if (result.done) return null;
      this.bytesRead += result.value.length;
      return result.value;
    } catch (error) {
      this.close();
      throw readError(error, this.filePath);
    }
  }

  private parse(text: string, final: boolean): ParsedRecord[] {
    const records = this.parseComplete(this.partial + text);
    // Parsed on its own so that a file ending in a line break has no empty record after it.
    if (final && this.partial !== '') records.push(...this.parseRest(this.partial));
    if (final) this.partial = '';
    // The complete records before the runaway one still go out; the error comes next time.
    if (this.partial.length > MAX_RECORD_CHARS) this.tooLong = this.recordTooLong();
    return records;
  }

  /** The complete records of `input`; the unfinished last one is kept for the next chunk. */
  private parseComplete(input: string): ParsedRecord[] {
    const result = this.parser.parse(input, 0, true) as Papa.ParseResult<string[]>;
    this.partial = input.slice(result.meta.cursor);
    return this.toRecords(result);
  }

  private parseRest(input: string): ParsedRecord[] {
    return this.toRecords(this.parser.parse(input, 0, false) as Papa.ParseResult<string[]>);
  }

  private toRecords(result: Papa.ParseResult<string[]>): ParsedRecord[] {
    // Errors can also name the unfinished last record, which is parsed again with the next chunk.
    const quotes = new Map<number, 'unterminated' | 'misplaced'>();
    for (const error of result.errors) {
      const index = error.row ?? -1;
      if (index < 0 || index >= result.data.length) continue;
      if (error.code === 'MissingQuotes') quotes.set(index, 'unterminated');
      else if (error.code === 'InvalidQuotes' && !quotes.has(index)) quotes.set(index, 'misplaced');
    }

    return result.data.map((cells, index) => {
      if (!this.sawContent && !isBlankRecord(cells)) this.sawContent = true;
      return { row: ++this.lastRow, cells, quote: quotes.get(index) ?? null };
    });
  }

  private recordTooLong(): CsvError {
    this.close();
    const row = this.lastRow + 1;
    const limit = `${MAX_RECORD_CHARS / 1024 / 1024} MB`;
    const why = this.partial.includes('"')
      ? ', most likely because a quote in it is never closed'
      : ' without a line break';
    if (!this.sawContent) {
      const message = `${this.fileName} has no header row: its first row is longer than ${limit}${why}`;
      return new CsvError('no_header', this.filePath, message);
    }
    const message = `${this.fileName} cannot be read from row ${row} on: that row is longer than ${limit}${why}`;
    return new CsvError('unreadable', this.filePath, message);
  }
}

async function readSample(
  chunks: AsyncIterator<Buffer>,
): Promise<{ sample: Buffer; ended: boolean }> {
  const parts: Buffer[] = [];
  let length = 0;
  while (length < SAMPLE_BYTES) {
    const result = await chunks.next();
    if (result.done) return { sample: Buffer.concat(parts), ended: true };
    parts.push(result.value);
    length += result.value.length;
  }
  return { sample: Buffer.concat(parts), ended: false };
}

function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

function binaryFileError(filePath: string, fileName: string, kind: string): CsvError {
  const excel = kind.startsWith('zip/Excel') || kind.startsWith('Excel');
  const hint = excel ? '. In Excel, use File › Save As and choose "CSV UTF-8"' : '';
  const message = `${fileName} is not a CSV file: it looks like a binary file (${kind})${hint}`;
  return new CsvError('binary_file', filePath, message);
}
