/**
 * Turns a file's bytes into text chunk by chunk, in any of the four encodings an export comes in.
 */
import iconv from 'iconv-lite';

import { readsAsUtf8 } from './sniff';

import type { CsvEncoding } from './types';

/** A streaming decoder: characters split across chunks come out whole. */
export interface CsvDecoder {
  write(bytes: Buffer): string;
  end(): string;
  /** The encoding in use; 'utf-8' may turn into 'windows-1252', see createCsvDecoder. */
  readonly encoding: CsvEncoding;
}

/**
 * A decoder for `encoding`. The BOM is left in the text for the caller to drop. Bytes that are
 * not text in the encoding come out as U+FFFD, for the reader to report the rows they are in.
 *
 * A UTF-8 file without a BOM is only known to be UTF-8 once a non-ASCII byte shows up, which in a
 * large export may be megabytes past the sniffed sample ("Müller" in row 50,000). So until then
 * the decoder passes ASCII through, which reads the same in both encodings, and decides at the
 * first non-ASCII bytes as the sniffer does (readsAsUtf8): UTF-8, mixed with other bytes or not,
 * stays UTF-8; anything else is Windows-1252.
 */
export function createCsvDecoder(encoding: CsvEncoding, bom: boolean): CsvDecoder {
  if (encoding === 'utf-8' && !bom) return new AsciiThenDecide();
  return fixedDecoder(encoding);
}

function fixedDecoder(encoding: CsvEncoding): CsvDecoder {
  if (encoding === 'windows-1252') return new Windows1252Decoder();

  const decoder = iconv.getDecoder(encoding, { stripBOM: false });
  return {
    encoding,
    write: (bytes) => decoder.write(bytes),
    end: () => decoder.end() ?? '',
  };
}

/** Bytes looked at after the first non-ASCII byte before choosing between UTF-8 and 1252. */
const DECIDE_BYTES = 4096;

class AsciiThenDecide implements CsvDecoder {
  private decided: CsvDecoder | null = null;
  private held: Buffer | null = null;

  get encoding(): CsvEncoding {
    return this.decided?.encoding ?? 'utf-8';
  }

  write(bytes: Buffer): string {
    if (this.decided) return this.decided.write(bytes);

    if (this.held) {
      this.held = Buffer.concat([this.held, bytes]);
      return this.held.length >= DECIDE_BYTES ? this.decide(false) : '';
    }

    const firstNonAscii = bytes.findIndex((byte) => byte >= 0x80);
    if (firstNonAscii < 0) return bytes.toString('latin1');

    const ascii = bytes.subarray(0, firstNonAscii).toString('latin1');
    this.held = bytes.subarray(firstNonAscii);
    return ascii + (this.held.length >= DECIDE_BYTES ? this.decide(false) : '');
  }

  end(): string {
    const rest = this.held && !this.decided ? this.decide(true) : '';
    return rest + (this.decided?.end() ?? '');
  }

  private decide(atEnd: boolean): string {
    const held = this.held ?? Buffer.alloc(0);
    // Mid-file the held bytes may end inside a character; at the end of the file they may not.
    const utf8 = readsAsUtf8(held, { complete: atEnd });
    this.decided = fixedDecoder(utf8 ? 'utf-8' : 'windows-1252');
    this.held = null;
    return this.decided.write(held);
  }
}

/**
 * Windows-1252, except that a valid multi-byte UTF-8 sequence comes out as U+FFFD. Every byte is
 * some character in Windows-1252, so a file read as such that turns to UTF-8 further on (rows
 * from another export appended) would otherwise give "BogotÃ¡" for "Bogotá" without a trace and
 * have it hashed; this way the rows are reported instead. See readsAsUtf8 for the reverse case.
 */
class Windows1252Decoder implements CsvDecoder {
  readonly encoding = 'windows-1252';
  /** The start of a UTF-8 sequence that the chunk ended in, completed or not by the next one. */
  private held: Buffer = Buffer.alloc(0);

  write(bytes: Buffer): string {
    const input = this.held.length > 0 ? Buffer.concat([this.held, bytes]) : bytes;
    this.held = Buffer.alloc(0);
    let text = '';
    let start = 0;
    for (let i = 0; i < input.length; i++) {
      if ((input[i] ?? 0) < 0xc2) continue;
      const length = utf8SequenceAt(input, i);
      if (length === 0) continue;

      text += iconv.decode(input.subarray(start, i), 'windows-1252');
      if (length < 0) {
        this.held = Buffer.from(input.subarray(i));
        return text;
      }
      text += '\uFFFD';
      i += length - 1;
      start = i + 1;
    }
    return text + iconv.decode(input.subarray(start), 'windows-1252');
  }

  end(): string {
    // Cut short by the end of the file, the held bytes are no UTF-8 character after all.
    const rest = iconv.decode(this.held, 'windows-1252');
    this.held = Buffer.alloc(0);
    return rest;
  }
}

/**
 * The length of the valid multi-byte UTF-8 sequence at `bytes[i]`, 0 if there is none, or -1 if
 * `bytes` ends before telling. Overlong forms, surrogates and code points past U+10FFFF are not
 * valid, as in Node's own decoder.
 */
function utf8SequenceAt(bytes: Buffer, i: number): number {
  const lead = bytes[i] ?? 0;
  const form = UTF8_LEADS.find(([first, last]) => lead >= first && lead <= last);
  if (!form) return 0;

  const [, , length, low, high] = form;
  for (let k = 1; k < length; k++) {
    const byte = bytes[i + k];
    if (byte === undefined) return -1;
    const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
    if (byte < min || byte > max) return 0;
  }
  return length;
}

/** The lead bytes of multi-byte UTF-8: first, last, length, and the range of the next byte. */
const UTF8_LEADS = [
  [0xc2, 0xdf, 2, 0x80, 0xbf],
  [0xe0, 0xe0, 3, 0xa0, 0xbf],
  [0xe1, 0xec, 3, 0x80, 0xbf],
  [0xed, 0xed, 3, 0x80, 0x9f],
  [0xee, 0xef, 3, 0x80, 0xbf],
  [0xf0, 0xf0, 4, 0x90, 0xbf],
  [0xf1, 0xf3, 4, 0x80, 0xbf],
  [0xf4, 0xf4, 4, 0x80, 0x8f],
] as const;
