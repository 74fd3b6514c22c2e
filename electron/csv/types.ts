/**
 * The vocabulary of reading CSV exports: how a file is encoded and delimited, the rows it holds
 * and what is wrong with it.
 *
 * "Row N" always means spreadsheet row N: the header is row 1 and the first data row is row 2.
 * A `sep=` line is not counted, and a quoted value spanning several lines is still one row.
 */

export type CsvEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type CsvDelimiter = ',' | ';' | '\t' | '|';

/** How a file is written, as sniffed from its first bytes or chosen by the user. */
export interface CsvFormat {
  /**
   * 'utf-8' without a BOM means the sniffed sample read as UTF-8 (see readsAsUtf8) or as plain
   * ASCII; the reader still falls back to Windows-1252 if the first non-ASCII bytes say so.
   */
  encoding: CsvEncoding;
  bom: boolean;
  delimiter: CsvDelimiter;
  /** A first line such as `sep=;` (written by Excel) was present and is skipped. */
  sepLine: boolean;
}

export type CsvProblemKind =
  | 'ragged_row'
  | 'duplicate_header'
  | 'empty_header'
  | 'blank_row'
  | 'unterminated_quote'
  | 'invalid_bytes';

/** Something wrong with the file, in words a marketer understands. */
export interface CsvProblem {
  kind: CsvProblemKind;
  /** The spreadsheet row; null for problems with the header's column names. */
  row: number | null;
  /** The column concerned, by its name as the reader reports it (after any renaming). */
  column?: string;
  message: string;
}

/** One data row, with exactly as many cells as the header has columns. */
export interface CsvRow {
  row: number;
  cells: string[];
}

/**
 * What `readCsvRows` yields. The header always comes first; after it, every spreadsheet row
 * yields exactly one record: a row, or a problem saying why it is not one.
 */
export type CsvRecord =
  | { kind: 'header'; headers: string[]; format: CsvFormat }
  | { kind: 'row'; row: CsvRow }
  | { kind: 'problem'; problem: CsvProblem };

/** The start of a file, read at once whatever its size. */
export interface CsvHead {
  filePath: string;
  fileName: string;
  sizeBytes: number;
  format: CsvFormat;
  /** Trimmed, and unique: a duplicate or missing name is replaced and reported in `problems`. */
  headers: string[];
  rows: CsvRow[];
  /** Header problems, then the problems of the rows read, in file order. */
  problems: CsvProblem[];
  /**
   * Data rows in the file, blank rows not counted; estimated from the byte size and the average
   * row length of the sample, exact when the whole file was read.
   */
  estimatedRowCount: number;
  rowCountExact: boolean;
}

export type CsvErrorCode =
  'not_found' | 'not_a_file' | 'empty_file' | 'binary_file' | 'no_header' | 'unreadable';

/** A file that cannot be read as CSV at all; the message names the file. */
export class CsvError extends Error {
  override readonly name = 'CsvError';

  constructor(
    readonly code: CsvErrorCode,
    readonly filePath: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
