import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';

import { createCsvDecoder } from '../../../electron/csv/decode';

import type { CsvDecoder } from '../../../electron/csv/decode';

describe('createCsvDecoder', () => {
  it('joins characters split across chunks', () => {
    const bytes = iconv.encode('Zoë,€,😀\n', 'utf-16le');
    expect(decodeInChunks(createCsvDecoder('utf-16le', false), bytes, 3)).toBe('Zoë,€,😀\n');
    const utf8 = Buffer.from('Zoë,€,😀\n'.repeat(2000));
    expect(decodeInChunks(createCsvDecoder('utf-8', true), utf8, 7)).toBe(
      'Zoë,€,😀\n'.repeat(2000),
    );
  });

  it('keeps UTF-8 when the first non-ASCII bytes, however late, are UTF-8', () => {
    const text = `${'a,b\n'.repeat(50_000)}Zoë,Müller\n`;
    const decoder = createCsvDecoder('utf-8', false);
    expect(decodeInChunks(decoder, Buffer.from(text), 65_536)).toBe(text);
    expect(decoder.encoding).toBe('utf-8');
  });

  it('turns to Windows-1252 when the first non-ASCII bytes are not UTF-8', () => {
    const text = `${'a,b\n'.repeat(50_000)}Zoë,Müller,€5\n${'c,d\n'.repeat(5000)}`;
    const decoder = createCsvDecoder('utf-8', false);
    expect(decodeInChunks(decoder, iconv.encode(text, 'windows-1252'), 65_536)).toBe(text);
    expect(decoder.encoding).toBe('windows-1252');
  });

  it('decides at the end of the file when the non-ASCII bytes come last', () => {
    const decoder = createCsvDecoder('utf-8', false);
    expect(decodeInChunks(decoder, iconv.encode('a\nMüller', 'windows-1252'), 4)).toBe('a\nMüller');
    expect(decoder.encoding).toBe('windows-1252');

    const torn = createCsvDecoder('utf-8', false);
    expect(decodeInChunks(torn, Buffer.from([0x61, 0x0a, 0xc3]), 2)).toBe('a\nÃ');
    expect(torn.encoding).toBe('windows-1252');
  });

  it('shows bytes that are not valid UTF-8 as U+FFFD once UTF-8 is settled', () => {
    const bad = Buffer.concat([Buffer.from('Zoë,'), Buffer.from([0xff]), Buffer.from(',x\n')]);
    expect(decodeInChunks(createCsvDecoder('utf-8', true), bad, 100)).toBe('Zoë,\uFFFD,x\n');

    const late = Buffer.concat([Buffer.from('Zoë\n'.repeat(2000)), bad]);
    const decoder = createCsvDecoder('utf-8', false);
    expect(decodeInChunks(decoder, late, 1000)).toBe(`${'Zoë\n'.repeat(2000)}Zoë,\uFFFD,x\n`);
    expect(decoder.encoding).toBe('utf-8');
  });
});

describe('mixed UTF-8 and Windows-1252', () => {
  const utf8 = Buffer.from('Bogotá,ok\n');
  const cp1252 = iconv.encode('Montréal,bad\n', 'windows-1252');

  it('stays UTF-8 when the first non-ASCII bytes mix the two, marking the 1252 ones', () => {
    for (const bytes of [Buffer.concat([utf8, cp1252]), Buffer.concat([cp1252, utf8])]) {
      const late = Buffer.concat([Buffer.from('a,b\n'.repeat(20_000)), bytes]);
      const decoder = createCsvDecoder('utf-8', false);
      const text = decodeInChunks(decoder, late, 65_536);
      expect(decoder.encoding).toBe('utf-8');
      expect(text).toContain('Bogotá,ok\n');
      expect(text).toContain('Montr\uFFFDal,bad\n');
    }
  });

  it('marks UTF-8 in Windows-1252 text, also when it is split across chunks', () => {
    const text = iconv.encode('José,1\n', 'windows-1252');
    const bytes = Buffer.concat([text, Buffer.from('Bogotá,€,😀,2\n'), text]);
    for (const size of [1, 2, 3, 5, 1000]) {
      expect(decodeInChunks(createCsvDecoder('windows-1252', false), bytes, size)).toBe(
        'José,1\nBogot\uFFFD,\uFFFD,\uFFFD,2\nJosé,1\n',
      );
    }
  });

  it('leaves Windows-1252 alone that only looks like the start of UTF-8', () => {
    // "Ã" then "O", an accented capital before a space, and "Ã" as the last byte of the file.
    const text = 'SÃO PAULO,É à,Ã';
    for (const size of [1, 4, 1000]) {
      const decoder = createCsvDecoder('windows-1252', false);
      expect(decodeInChunks(decoder, iconv.encode(text, 'windows-1252'), size)).toBe(text);
    }
  });
});

function decodeInChunks(decoder: CsvDecoder, bytes: Buffer, size: number): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += size) text += decoder.write(bytes.subarray(i, i + size));
  return text + decoder.end();
}
