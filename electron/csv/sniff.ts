/**
 * Guesses how a CSV export is written from its first bytes: the encoding, the delimiter, and
 * whether it is a CSV file at all. Line ends need no guess: every kind is read, see line-ends.ts.
 */
import { isUtf8 } from 'node:buffer';

import type { CsvDelimiter, CsvEncoding } from './types';

/** The delimiters tried, in the order that breaks ties. */
export const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t', '|'];

/**
 * Reads the BOM, else tells UTF-16 by its NUL bytes and UTF-8 from Windows-1252 as readsAsUtf8.
 * TODO(no reliable signal): other 8-bit encodings (ISO-8859-2, Mac Roman, Shift-JIS) are read as
 * Windows-1252 without a warning.
 */
export function sniffEncoding(bytes: Buffer): { encoding: CsvEncoding; bom: boolean } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bom: true };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', bom: true };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', bom: true };

  const utf16 = sniffUtf16ByNuls(bytes);
  if (utf16) return { encoding: utf16, bom: false };

  return { encoding: readsAsUtf8(bytes) ? 'utf-8' : 'windows-1252', bom: false };
}

/**
 * Whether bytes without a BOM are UTF-8 rather than Windows-1252: valid UTF-8 (plain ASCII
 * included), or valid multi-byte UTF-8 sequences mixed with bytes that are not UTF-8, as when
 * rows from two exports end up in one file. Only bytes with no valid multi-byte sequence at all
 * are Windows-1252.
 *
 * A mixed file has to lose some rows either way, and this way the loss is loud: read as UTF-8,
 * its Windows-1252 bytes show as U+FFFD and their rows are reported; read as Windows-1252,
 * "Bogotá" would become "BogotÃ¡" without a trace and be hashed and sent as such.
 *
 * TODO(no reliable signal): a Windows-1252 file where an accented capital happens to precede a
 * byte such as ’ or ° ("É’" is C9 92, a valid UTF-8 pair) reads as UTF-8, and its other accented
 * rows are reported as invalid.
 *
 * A sample is cut at an arbitrary byte, and a torn last character says nothing about the file,
 * unless `complete`: the bytes run to the end of the file.
 */
export function readsAsUtf8(bytes: Buffer, options: { complete?: boolean } = {}): boolean {
  const whole = options.complete ? bytes : withoutTornTail(bytes);
  return isUtf8(whole) || hasUtf8MultiByte(whole);
}

/**
 * What kind of binary file `bytes` starts, e.g. 'zip/Excel', or null when it looks like text.
 * Known formats by their magic numbers; anything else by NUL bytes (outside UTF-16) or a high
 * share of control characters, which exports never contain.
 */
export function sniffBinary(bytes: Buffer): string | null {
  for (const [label, magic] of MAGIC_NUMBERS) {
    if (startsWith(bytes, magic)) return label;
  }
  const { encoding } = sniffEncoding(bytes);
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return null;

  if (bytes.includes(0)) return 'it contains NUL bytes';

  let controls = 0;
  for (const byte of bytes) {
    if (byte < 0x20 && !TEXT_CONTROLS.has(byte)) controls++;
  }
  return controls > bytes.length * 0.01 ? 'it contains control characters' : null;
}

/** A first line `sep=X` as Excel writes it (and as other tools re-save it), or null. */
export function matchSepLine(text: string): { delimiter: CsvDelimiter; length: number } | null {
  const match = /^"?sep=([,;\t|])"?\1*(\r\n|\n|\r|$)/i.exec(text);
  if (!match) return null;
  return { delimiter: match[1] as CsvDelimiter, length: match[0].length };
}

/**
 * The delimiter of a CSV text: a `sep=` first line wins; otherwise the candidate whose count
 * outside quotes is the same on every record as on the header, comma when nothing fits.
 */
export function sniffDelimiter(text: string): { delimiter: CsvDelimiter; sepLine: boolean } {
  const sep = matchSepLine(text);
  if (sep) return { delimiter: sep.delimiter, sepLine: true };

  const counts = countDelimitersPerRecord(text, SNIFF_RECORDS);
  const header = counts[0];
  if (!header) return { delimiter: ',', sepLine: false };

  let best: { delimiter: CsvDelimiter; agreement: number; columns: number } | null = null;
  for (const [i, delimiter] of CSV_DELIMITERS.entries()) {
    const columns = header[i] ?? 0;
    if (columns === 0) continue;

    const agreement = counts.filter((record) => record[i] === columns).length / counts.length;
    const better =
      !best ||
      agreement > best.agreement ||
      (agreement === best.agreement && columns > best.columns);
    if (better) best = { delimiter, agreement, columns };
  }
  return { delimiter: best?.delimiter ?? ',', sepLine: false };
}

const SNIFF_RECORDS = 50;

/** Control bytes plain text does have: tab, LF, VT, FF, CR, and the DOS end-of-file mark. */
const TEXT_CONTROLS = new Set([0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1a]);

const EXCEL_HINT = 'zip/Excel';

const MAGIC_NUMBERS: ReadonlyArray<readonly [string, readonly number[]]> = [
  [EXCEL_HINT, [0x50, 0x4b, 0x03, 0x04]],
  [EXCEL_HINT, [0x50, 0x4b, 0x05, 0x06]],
  ['Excel 97-2003', [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]],
  ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d]],
  ['gzip', [0x1f, 0x8b]],
  ['7-Zip', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['RAR', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
  ['SQLite database', [...Buffer.from('SQLite format 3\0', 'latin1')]],
  ['Parquet', [0x50, 0x41, 0x52, 0x31]],
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
];

function startsWith(bytes: Buffer, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);
}

/**
 * UTF-16 without a BOM: CSV text is mostly ASCII (delimiters, digits, line ends), whose high byte
 * is NUL, so NULs crowd the odd bytes (little-endian) or the even bytes (big-endian) and not the
 * other. Binary data has NULs on both.
 */
function sniffUtf16ByNuls(bytes: Buffer): 'utf-16le' | 'utf-16be' | null {
  const units = Math.floor(bytes.length / 2);
  if (units === 0) return null;

  let even = 0;
  let odd = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  if (odd >= units * 0.1 && even <= units * 0.01) return 'utf-16le';
  if (even >= units * 0.1 && odd <= units * 0.01) return 'utf-16be';
  return null;
}

/**
 * Whether `bytes` holds a valid multi-byte UTF-8 sequence. Node decodes every invalid byte to
 * U+FFFD, so any other character past ASCII came from a valid sequence.
 */
function hasUtf8MultiByte(bytes: Buffer): boolean {
  return /[\u0080-\ufffc\ufffe\uffff]/.test(bytes.toString('utf8'));
}

/** `bytes` without a last character whose continuation bytes were cut off. */
function withoutTornTail(bytes: Buffer): Buffer {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const needed = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return needed > back ? bytes.subarray(0, bytes.length - back) : bytes;
  }
  return bytes;
}

/**
 * For each record of `text` (blank ones skipped), how often each of CSV_DELIMITERS occurs
 * outside quotes. A last record without its line end may be cut short, so it is left out.
 */
function countDelimitersPerRecord(text: string, maxRecords: number): number[][] {
  const records: number[][] = [];
  let counts = CSV_DELIMITERS.map(() => 0);
  let hasContent = false;
  let inQuotes = false;
  let i = 0;

  for (; i < text.length && records.length < maxRecords; i++) {
    const char = text[i] ?? '';
    if (char === '"') inQuotes = !inQuotes;
    if (inQuotes) {
      hasContent = true;
      continue;
    }
    if (char === '\n' || char === '\r') {
      if (hasContent) records.push(counts);
      counts = CSV_DELIMITERS.map(() => 0);
      hasContent = false;
      continue;
    }
    const index = CSV_DELIMITERS.indexOf(char as CsvDelimiter);
    if (index >= 0) counts[index] = (counts[index] ?? 0) + 1;
    if (char.trim() !== '') hasContent = true;
  }
  // The whole text read and no line end after the last record: the sample may have cut it.
  if (hasContent && i >= text.length && records.length === 0) records.push(counts);
  return records;
}
