import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import {
  matchSepLine,
  readsAsUtf8,
  sniffBinary,
  sniffDelimiter,
  sniffEncoding,
} from '../../../electron/csv/sniff';

describe('sniffEncoding', () => {
  it('reads the byte order marks', () => {
    expect(sniffEncoding(Buffer.from('\uFEFFa,b\n', 'utf8'))).toEqual({
      encoding: 'utf-8',
      bom: true,
    });
    expect(sniffEncoding(iconv.encode('\uFEFFa\tb\r\n', 'utf-16le'))).toEqual({
      encoding: 'utf-16le',
      bom: true,
    });
    expect(sniffEncoding(iconv.encode('\uFEFFa\tb\r\n', 'utf-16be'))).toEqual({
      encoding: 'utf-16be',
      bom: true,
    });
  });

  it('tells UTF-16 without a BOM by where its NUL bytes fall', () => {
    const text = 'Email,Name\nzoë@example.com,Zoë\n';
    expect(sniffEncoding(iconv.encode(text, 'utf-16le'))).toEqual({
      encoding: 'utf-16le',
      bom: false,
    });
    expect(sniffEncoding(iconv.encode(text, 'utf-16be'))).toEqual({
      encoding: 'utf-16be',
      bom: false,
    });
  });

  it('takes valid UTF-8 as UTF-8 and anything else as Windows-1252', () => {
    expect(sniffEncoding(Buffer.from('Name\nMüller €5\n', 'utf8')).encoding).toBe('utf-8');
    expect(sniffEncoding(Buffer.from('Name\nplain ascii\n', 'utf8')).encoding).toBe('utf-8');
    const cp1252 = iconv.encode('Name\nMüller, José, €5\n', 'windows-1252');
    expect(sniffEncoding(cp1252)).toEqual({ encoding: 'windows-1252', bom: false });
  });

  it('takes a sample mixing UTF-8 and Windows-1252 as UTF-8', () => {
    const mixed = Buffer.concat([
      Buffer.from('City\nBogotá\n'),
      iconv.encode('Montréal\n', 'windows-1252'),
    ]);
    expect(sniffEncoding(mixed)).toEqual({ encoding: 'utf-8', bom: false });
  });

  it('is not fooled by a sample cut in the middle of a character', () => {
    const whole = Buffer.from('Name\nJosé €\n😀', 'utf8');
    for (let cut = 1; cut <= 4; cut++) {
      expect(sniffEncoding(whole.subarray(0, whole.length - cut)).encoding).toBe('utf-8');
    }
  });
});

describe('readsAsUtf8', () => {
  it('forgives only a torn last character, and that only in a sample', () => {
    expect(readsAsUtf8(Buffer.from([0x61, 0xe2, 0x82]))).toBe(true);
    expect(readsAsUtf8(Buffer.from([0x61, 0xf0, 0x9f, 0x98]))).toBe(true);
    expect(readsAsUtf8(Buffer.from([0x61, 0xe9, 0x61]))).toBe(false);
    expect(readsAsUtf8(Buffer.from([0x61, 0x80]))).toBe(false);
    expect(readsAsUtf8(Buffer.from([0x61, 0xe9]))).toBe(true);
    expect(readsAsUtf8(Buffer.from([0x61, 0xe9]), { complete: true })).toBe(false);
  });

  it('takes valid multi-byte UTF-8 mixed with invalid bytes as UTF-8, whichever comes first', () => {
    const utf8 = Buffer.from('Bogotá');
    const cp1252 = iconv.encode('José', 'windows-1252');
    expect(readsAsUtf8(Buffer.concat([utf8, cp1252]))).toBe(true);
    expect(readsAsUtf8(Buffer.concat([cp1252, utf8]))).toBe(true);
    expect(readsAsUtf8(Buffer.concat([cp1252, Buffer.from('😀')]))).toBe(true);
  });

  it('does not take invalid forms of UTF-8 as evidence of it', () => {
    // Overlong "/", a surrogate, past U+10FFFF, a lone continuation byte: all Windows-1252.
    for (const bytes of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xa9]]) {
      expect(readsAsUtf8(Buffer.from([0x61, ...bytes, 0x61]))).toBe(false);
    }
  });
});

describe('sniffBinary', () => {
  it('recognises zip (xlsx), old Excel and PDF by their magic numbers', () => {
    expect(sniffBinary(Buffer.from('PK\x03\x04\x14\x00\x06\x00', 'latin1'))).toBe('zip/Excel');
    const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(sniffBinary(ole)).toBe('Excel 97-2003');
    expect(sniffBinary(Buffer.from('%PDF-1.7\n%\xe2\xe3', 'latin1'))).toBe('PDF');
  });

  it('flags random bytes with NULs and text full of control characters', () => {
    expect(sniffBinary(pseudoRandomBytes(4096))).toMatch(/NUL/);
    const controls = Buffer.from('a,b\n\x01\x02\x03,\x04\x05\n'.repeat(20), 'latin1');
    expect(sniffBinary(controls)).toMatch(/control characters/);
  });

  it('lets text through, UTF-16 included', () => {
    expect(sniffBinary(Buffer.from('Email,Name\na@example.com,Ann\n'))).toBeNull();
    expect(
      sniffBinary(iconv.encode('Email\tName\r\na@example.com\tAnn\r\n', 'utf-16le')),
    ).toBeNull();
    expect(sniffBinary(iconv.encode('Name\nMüller\n', 'windows-1252'))).toBeNull();
  });
});

describe('sniffDelimiter', () => {
  it.each([
    [',', 'Email,Name,Zip\na@example.com,Ann,02134\nb@example.com,Bob,94105\n'],
    [';', 'Email;Name;Total\na@example.com;Ann;1.234,56\nb@example.com;Bob;7,00\n'],
    ['\t', 'Email\tName\tCity\na@example.com\tAnn\tPortland, OR\nb@x.com\tBob\tAustin, TX\n'],
    ['|', 'Email|Name|Zip\na@example.com|Ann|02134\nb@example.com|Bob|94105\n'],
  ])('finds %j', (delimiter, text) => {
    expect(sniffDelimiter(text)).toEqual({ delimiter, sepLine: false });
  });

  it('ignores delimiters inside quotes, also across lines', () => {
    const text = 'Name;Note\n"Jones, Ann";"line one,\nline two, three"\n"Lee, Bo";ok\n';
    expect(sniffDelimiter(text).delimiter).toBe(';');
  });

  it('lets a sep= first line win', () => {
    expect(sniffDelimiter('sep=|\r\nA,B,C\r\n1,2,3\r\n')).toEqual({
      delimiter: '|',
      sepLine: true,
    });
  });

  it('falls back to a comma for a single column', () => {
    expect(sniffDelimiter('Email\na@example.com\nb@example.com\n')).toEqual({
      delimiter: ',',
      sepLine: false,
    });
  });

  it('does not trust a last line the sample may have cut', () => {
    const text = 'a;b;c\n1;2;3\n4;5;6\n7;8,9,10,11,12';
    expect(sniffDelimiter(text).delimiter).toBe(';');
  });
});

describe('matchSepLine', () => {
  it('accepts Excel’s line and re-saved variants', () => {
    expect(matchSepLine('sep=;\r\nA;B')).toEqual({ delimiter: ';', length: 7 });
    expect(matchSepLine('"sep=;";;;\nA;B;C;D')).toEqual({ delimiter: ';', length: 11 });
    expect(matchSepLine('SEP=\t\nA')).toEqual({ delimiter: '\t', length: 6 });
  });

  it('refuses anything else', () => {
    expect(matchSepLine('sep=:\nA:B')).toBeNull();
    expect(matchSepLine('separator,other\n')).toBeNull();
    expect(matchSepLine('A,B\nsep=;\n')).toBeNull();
  });
});

/** Deterministic noise with plenty of NULs, like any binary file. */
function pseudoRandomBytes(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = 12345;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    bytes[i] = i % 7 === 0 ? 0 : state >> 23;
  }
  return bytes;
}
