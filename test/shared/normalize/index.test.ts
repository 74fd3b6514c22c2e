import { describe, expect, it } from 'vitest';

import { IDENTITY_FIELDS } from '../../../shared/cadent-fields';
import { EMPTY_STRING_SHA256, normalizeCountry } from '../../../shared/normalize';

import { normalize, normalizedOrNull, omission } from './support';

const HASH = 'b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514';

describe('normalizeField: steps 1–5, the same for every field', () => {
  it.each(IDENTITY_FIELDS)('%s: a missing cell is left out as missing', (field) => {
    expect(omission(field, undefined)?.reason).toBe('missing');
  });

  it.each(IDENTITY_FIELDS)('%s: blank and whitespace-only cells are left out as blank', (field) => {
    for (const raw of ['', '   ', '\t\n', '\u00a0', '\u200b', '\ufeff', ' \u00a0\u200b\ufeff ']) {
      expect(omission(field, raw)?.reason).toBe('blank');
    }
  });

  it.each(['n/a', 'N/A', 'na', 'NA', 'null', 'NULL', 'none', 'None', 'nan', 'NaN', '-', '--'])(
    'the placeholder %j is left out in every field',
    (placeholder) => {
      for (const field of IDENTITY_FIELDS) {
        expect(omission(field, ` ${placeholder}\u00a0`)?.reason).toBe('placeholder');
      }
    },
  );

  it.each(IDENTITY_FIELDS)('%s: 64 hex characters pass through lowercased', (field) => {
    expect(normalize(field, ` ${HASH.toUpperCase()} `)).toEqual({
      kind: 'prehashed',
      normalized: HASH,
    });
  });

  it.each(IDENTITY_FIELDS)('%s: the SHA-256 of the empty string means no data', (field) => {
    expect(omission(field, EMPTY_STRING_SHA256)?.reason).toBe('empty_hash');
    expect(omission(field, EMPTY_STRING_SHA256.toUpperCase())?.reason).toBe('empty_hash');
  });

  it('does not take 32 hex characters (MD5, a dashless UUID) as hashed', () => {
    const md5 = '5D41402ABC4B2A76B9719D911017C592';
    expect(normalize('external-id', md5)).toEqual({ kind: 'value', normalized: md5 });
    expect(normalize('fn', md5)).toEqual({ kind: 'value', normalized: md5.toLowerCase() });
  });

  it('does not take 63 or 65 hex characters as hashed', () => {
    expect(normalize('external-id', HASH.slice(1)).kind).toBe('value');
    expect(normalize('external-id', `${HASH}a`).kind).toBe('value');
  });

  it('trims exactly what \\s matches, plus the zero-width space', () => {
    for (let code = 0; code <= 0xffff; code += 1) {
      const char = String.fromCharCode(code);
      if (!/[\s\u200b]/.test(char)) continue;
      expect(normalizedOrNull('external-id', `${char}${char}A${char}`), code.toString(16)).toBe(
        'A',
      );
    }
    // Zero-width non-joiner and word joiner are not whitespace: they stay.
    expect(normalizedOrNull('external-id', '\u200cA\u2060')).toBe('\u200cA\u2060');
  });

  it('trims no-break, zero-width and BOM spaces at both ends but not inside', () => {
    expect(normalizedOrNull('external-id', '\ufeff\u200b\u00a0AB C\u00a0\u200b')).toBe('AB C');
  });

  it('gives a decomposed and a precomposed é the same result', () => {
    const decomposed = 'Jose\u0301';
    const precomposed = 'Jos\u00e9';

    expect(normalizedOrNull('fn', decomposed)).toBe('jos\u00e9');
    expect(normalizedOrNull('fn', precomposed)).toBe('jos\u00e9');
    expect(normalizedOrNull('external-id', decomposed)).toBe('Jos\u00e9');
  });

  it('lowercases without locale and folds i + U+0307, so "İBRAHİM" is "ibrahim"', () => {
    expect(normalizedOrNull('fn', 'İBRAHİM')).toBe('ibrahim');
    expect(normalizedOrNull('fn', 'I\u0307brahim')).toBe('ibrahim');
    expect(normalizedOrNull('ct', 'İSTANBUL')).toBe('istanbul');
    expect(normalizedOrNull('fn', 'IRMAK')).toBe('irmak');
  });

  it('does no case folding beyond lowercase: "ß" stays and "ẞ" becomes "ß"', () => {
    expect(normalizedOrNull('ln', 'Straße')).toBe('straße');
    expect(normalizedOrNull('ln', 'STRAẞE')).toBe('straße');
  });

  it('lowercases Greek final sigma by context, as Unicode does', () => {
    expect(normalizedOrNull('ln', 'ΟΔΥΣΣΕΥΣ')).toBe('οδυσσευς');
  });

  it('returns fresh or frozen results that a caller cannot corrupt for the next row', () => {
    const first = normalize('ge', 'F');
    expect(() => Object.assign(first, { normalized: 'x' })).toThrow();
    expect(normalize('ge', 'female')).toEqual({ kind: 'value', normalized: 'f' });
  });
});

describe('normalizeCountry', () => {
  it('gives the lowercase alpha-2 code of a code, name or alias', () => {
    expect(normalizeCountry(' United States ')).toBe('us');
    expect(normalizeCountry('GBR')).toBe('gb');
    expect(normalizeCountry('Deutschland')).toBe('de');
  });

  it('gives null for what the country field would leave out', () => {
    expect(normalizeCountry('')).toBeNull();
    expect(normalizeCountry('Narnia')).toBeNull();
    expect(normalizeCountry(HASH)).toBeNull();
  });

  it('reads the placeholder "N/A" as no country, not as Namibia', () => {
    expect(normalizeCountry('N/A')).toBeNull();
    expect(normalizeCountry('Namibia')).toBe('na');
  });
});
