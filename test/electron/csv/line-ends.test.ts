import { describe, expect, it } from 'vitest';

import { LineEndNormalizer } from '../../../electron/csv/line-ends';

describe('LineEndNormalizer', () => {
  const text = 'a\r\nb\nc\rd\r\r\ne\n\rf\r';
  const expected = 'a\nb\nc\nd\n\ne\n\nf\n';

  it('turns CRLF, LF and lone CR, mixed in one text, into one LF each', () => {
    expect(normalizeInChunks([text])).toBe(expected);
  });

  it('reads a CRLF split between two chunks as one line end, wherever the chunks are cut', () => {
    for (let cut = 0; cut <= text.length; cut++) {
      expect(normalizeInChunks([text.slice(0, cut), text.slice(cut)])).toBe(expected);
    }
    expect(normalizeInChunks([...text])).toBe(expected);
    expect(normalizeInChunks(['a\r', '', '\nb'])).toBe('a\nb');
  });

  it('ends a text whose last chunk ends in a CR with a line end', () => {
    expect(normalizeInChunks(['a,b\r'])).toBe('a,b\n');
    expect(normalizeInChunks(['a,b', '\r', ''])).toBe('a,b\n');
  });
});

function normalizeInChunks(chunks: string[]): string {
  const normalizer = new LineEndNormalizer();
  return chunks.map((chunk) => normalizer.write(chunk)).join('') + normalizer.end();
}
