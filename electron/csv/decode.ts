/**
 * Turns a file's bytes into text chunk by chunk, in any of the four encodings an export comes in.
 */
import { isUtf8 } from 'node:buffer';

import iconv from 'iconv-lite';

import { isUtf8Sample } from './sniff';

import type { CsvEncoding } from './types';

/** A streaming decoder: characters split across chunks come out whole. */
export interface CsvDecoder {
  write(bytes: Buffer): string;
  end(): string;
  /** The encoding in use; 'utf-8' may turn into 'windows-1252', see createCsvDecoder. */
  readonly encoding: CsvEncoding;
}

/**
 * A decoder for `encoding`. The BOM is left in the text for the caller to drop.
 *
 * A UTF-8 file without a BOM is only known to be UTF-8 once a non-ASCII byte shows up, which in a
 * large export may be megabytes past the sniffed sample ("Müller" in row 50,000). So until then
 * the decoder passes ASCII through, which reads the same in both encodings, and decides at the
 * first non-ASCII bytes: valid UTF-8 stays UTF-8, anything else is Windows-1252.
 */
export function createCsvDecoder(encoding: CsvEncoding, bom: boolean): CsvDecoder {
  if (encoding === 'utf-8' && !bom) return new AsciiThenDecide();

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
  private decided: iconv.DecoderStream | null = null;
  private held: Buffer | null = null;
  encoding: CsvEncoding = 'utf-8';

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
    const valid = atEnd ? isUtf8(held) : isUtf8Sample(held);
    this.encoding = valid ? 'utf-8' : 'windows-1252';
    this.decided = iconv.getDecoder(this.encoding, { stripBOM: false });
    this.held = null;
    return this.decided.write(held);
  }
}
