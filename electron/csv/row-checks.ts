/**
 * What the reader makes of each parsed record: the header's column names, and for every later
 * record either a row or the problem that keeps it from being one.
 */
import { CsvError } from './types';

import type { ParsedRecord } from './record-source';
import type { CsvDelimiter, CsvEncoding, CsvProblem, CsvRecord } from './types';

/** A record with nothing in it: an empty line, or only delimiters and spaces (",,,"). */
export function isBlankRecord(cells: readonly string[]): boolean {
  return cells.every((cell) => cell.trim() === '');
}

/** The problem of a blank row, which the caller counts as skipped rather than invalid. */
export function blankRowProblem(row: number): CsvProblem {
  return { kind: 'blank_row', row, message: `row ${row} is blank` };
}

/**
 * The header's column names: trimmed, a missing name replaced by "Column N" and a repeated one
 * suffixed "Email (2)", so that every column can be mapped unambiguously. Each replacement is
 * reported. Throws a CsvError when the header's quotes are broken, as nothing after it can be
 * trusted then.
 */
export function nameHeaders(
  record: ParsedRecord,
  context: { filePath: string; fileName: string; encoding: CsvEncoding },
): { headers: string[]; problems: CsvProblem[] } {
  if (record.quote) {
    const message = `${context.fileName} has no readable header row: a quote in row ${record.row} is ${
      record.quote === 'unterminated' ? 'never closed' : 'misplaced'
    }`;
    throw new CsvError('no_header', context.filePath, message);
  }

  const names = record.cells.map((cell) => cell.trim());
  const inFile = new Set(names.filter((name) => name !== ''));
  const firstColumn = new Map<string, number>();
  const headers: string[] = [];
  const problems: CsvProblem[] = [];

  names.forEach((name, index) => {
    const column = index + 1;
    const taken = (candidate: string) => headers.includes(candidate) || inFile.has(candidate);

    if (name === '') {
      const placeholder = uniqueName(`Column ${column}`, taken, true);
      headers.push(placeholder);
      problems.push({
        kind: 'empty_header',
        row: null,
        column: placeholder,
        message: `column ${describeColumn(column)} has no name in the header; it is called "${placeholder}" here`,
      });
      return;
    }

    const first = firstColumn.get(name);
    if (first === undefined) {
      firstColumn.set(name, column);
      headers.push(name);
      return;
    }
    const renamed = uniqueName(name, taken, false);
    headers.push(renamed);
    problems.push({
      kind: 'duplicate_header',
      row: null,
      column: renamed,
      message:
        `columns ${describeColumn(first)} and ${describeColumn(column)} are both named "${name}"; ` +
        `column ${column} is called "${renamed}" here`,
    });
  });

  headers.forEach((header, index) => {
    if (!header.includes(REPLACEMENT)) return;
    problems.push({
      kind: 'invalid_bytes',
      row: null,
      column: header,
      message: `the name of column ${describeColumn(index + 1)} ${notValidIn(context.encoding)}`,
    });
  });
  return { headers, problems };
}

/** A data record as a row, or as the one problem that keeps it from being one. */
export function checkRow(
  record: ParsedRecord,
  headers: readonly string[],
  context: { delimiter: CsvDelimiter; encoding: CsvEncoding },
): CsvRecord {
  const { row, cells } = record;

  if (record.quote === 'unterminated') {
    const column = headers[cells.length - 1];
    const lines = (cells.at(-1) ?? '').split(/\r\n|\n|\r/).length - 1;
    const rest =
      lines > 0 ? `, so the rest of the file (${plural(lines, 'more line')}) was read into it` : '';
    const where = column === undefined ? '' : ` in column "${column}"`;
    return problem({
      kind: 'unterminated_quote',
      row,
      ...(column === undefined ? {} : { column }),
      message: `row ${row}: a quote that opens a value${where} is never closed${rest}`,
    });
  }
  if (record.quote === 'misplaced') {
    return problem({
      kind: 'unterminated_quote',
      row,
      message:
        `row ${row} has a misplaced quote: a quoted value must end with a quote followed by ` +
        `${DELIMITER_NAMES[context.delimiter]} or the end of the line`,
    });
  }
  if (isBlankRecord(cells)) return problem(blankRowProblem(row));

  if (cells.length !== headers.length) {
    const hint =
      cells.length > headers.length
        ? ` (a value may contain ${DELIMITER_NAMES[context.delimiter]} without quotes around it)`
        : '';
    return problem({
      kind: 'ragged_row',
      row,
      message:
        `row ${row} has ${cells.length} ${cells.length === 1 ? 'field' : 'fields'}, ` +
        `the header has ${headers.length}${hint}`,
    });
  }

  const bad = cells.findIndex((cell) => cell.includes(REPLACEMENT));
  if (bad >= 0) {
    const column = headers[bad] ?? `Column ${bad + 1}`;
    return problem({
      kind: 'invalid_bytes',
      row,
      column,
      message: `row ${row}, column "${column}": the value ${notValidIn(context.encoding)}`,
    });
  }
  return { kind: 'row', row: { row, cells } };
}

/** "4 (D)": the column's number and its letter in a spreadsheet. */
export function describeColumn(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return `${column} (${letters})`;
}

/**
 * What decoders put in place of bytes that are not valid in the file's encoding.
 * TODO(decoders do not flag them): a U+FFFD already in a UTF-8 file is reported as invalid too,
 * and a lone UTF-16 surrogate is not reported at all.
 */
const REPLACEMENT = '\uFFFD';

const DELIMITER_NAMES: Readonly<Record<CsvDelimiter, string>> = {
  ',': 'a comma',
  ';': 'a semicolon',
  '\t': 'a tab',
  '|': 'a pipe (|)',
};

const ENCODING_NAMES: Readonly<Record<CsvEncoding, string>> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16',
  'utf-16be': 'UTF-16',
  'windows-1252': 'Windows-1252',
};

function notValidIn(encoding: CsvEncoding): string {
  // The Windows-1252 decoder also marks UTF-8 it finds, see createCsvDecoder.
  const mixed = encoding === 'windows-1252' ? ', or UTF-8 in a Windows-1252 file' : '';
  return `has bytes that are not valid ${ENCODING_NAMES[encoding]} text${mixed} (shown as ${REPLACEMENT})`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function problem(value: CsvProblem): CsvRecord {
  return { kind: 'problem', problem: value };
}

/** `base` itself if allowed and free, else "base (2)", "base (3)", ... */
function uniqueName(base: string, taken: (name: string) => boolean, tryBase: boolean): string {
  if (tryBase && !taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!taken(candidate)) return candidate;
  }
}
