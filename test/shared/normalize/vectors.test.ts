import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { normalize, normalizedOrNull } from './support';

import type { IdentityField } from '../../../shared/cadent-fields';
import type { NormalizationContext } from '../../../shared/normalize';

// Every row of NORMALIZATION.md's vector table, numbered as there; null is "(omit field)".
const VECTORS: [number, IdentityField, string, NormalizationContext, string | null][] = [
  [1, 'em', '  John.Smith@Example.COM ', {}, 'john.smith@example.com'],
  [2, 'em', 'Jane+Promo@Gmail.com', {}, 'jane+promo@gmail.com'],
  [4, 'em', 'MARÍA@EXAMPLE.ES', {}, 'maría@example.es'],
  [6, 'em', 'not-an-email', {}, null],
  [7, 'em', '   ', {}, null],
  [
    8,
    'em',
    'B4C9A289323B21A01C3E940F150EB9B8C542587F1ABFD8F0E1CC1FFC5E475514',
    {},
    'b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514',
  ],
  [10, 'fn', '  Mary ', {}, 'mary'],
  [11, 'fn', 'JOSÉ', {}, 'josé'],
  [13, 'fn', 'Mary-Jane', {}, 'maryjane'],
  [14, 'fn', 'Jean Luc', {}, 'jeanluc'],
  [17, 'fn', 'N/A', {}, null],
  [18, 'ln', "O'Brien", {}, 'obrien'],
  [20, 'ln', 'STRAßE', {}, 'straße'],
  [22, 'ln', '정', {}, '정'],
  [23, 'ct', 'St. Louis', {}, 'stlouis'],
  [24, 'ct', 'Winston-Salem', {}, 'winstonsalem'],
  [26, 'ct', 'São Paulo', {}, 'sãopaulo'],
  [29, 'st', 'California', {}, 'ca'],
  [30, 'st', 'new york', {}, 'ny'],
  [31, 'st', ' TX ', {}, 'tx'],
  [34, 'st', 'Ontario', {}, 'on'],
  [36, 'zp', '02134-1234', { country: 'us' }, '02134'],
  [37, 'zp', ' 2134', { country: 'us' }, '02134'],
  // The number 2134 arrives as its text: every cell is read as a string.
  [38, 'zp', String(2134), { country: 'us' }, '02134'],
  [40, 'zp', '2134', {}, '2134'],
  [42, 'zp', 'SW1A 1AA', { country: 'gb' }, 'sw1a1aa'],
  [43, 'zp', 'K1A 0A6', { country: 'ca' }, 'k1a0a6'],
  [45, 'country', 'United States', {}, 'us'],
  [46, 'country', 'USA', {}, 'us'],
  [48, 'country', 'US', {}, 'us'],
  [49, 'country', 'Deutschland', {}, 'de'],
  [50, 'country', 'UK', {}, 'gb'],
  [52, 'country', 'Narnia', {}, null],
  [53, 'db', '1990-07-04', {}, '19900704'],
  [54, 'db', '1990-07-04T00:00:00Z', {}, '19900704'],
  [55, 'db', '07/04/1990', {}, '19900704'],
  [57, 'db', '13/07/1990', {}, '19900713'],
  [58, 'db', '4 Jul 1990', {}, '19900704'],
  [60, 'db', '19900704', {}, '19900704'],
  [62, 'db', '2/16/1997', {}, '19970216'],
  [63, 'db', '02/30/1990', {}, null],
  [65, 'db', '1990', {}, null],
  [66, 'ge', 'Female', {}, 'f'],
  [67, 'ge', 'M', {}, 'm'],
  [68, 'ge', 'woman', {}, 'f'],
  [70, 'ge', 'unknown', {}, null],
  [71, 'ge', 'non-binary', {}, null],
  [72, 'external-id', '  CUST-00123 ', {}, 'CUST-00123'],
  [73, 'external-id', 'AbC123xyz', {}, 'AbC123xyz'],
];

// NORMALIZATION.md's SHA-256 table, each paired with the vector whose output it hashes.
const HASHES: [string, number, string][] = [
  ['john.smith@example.com', 1, '8e621e3d0368631d263d07a351fa8d34fba0d17c15fbcdec11a5f58008d022a0'],
  ['mary', 10, '6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec'],
  ['josé', 11, 'd994e1d001886fe5b45b1267bd1fa2b752ac50742579bd3dad7b2a2aa0ed6866'],
  ['obrien', 18, 'b4cb6cb33fe4b865868de825023a1e2790dc12ac01ecc8d7c5afe8254071c8ba'],
  ['ca', 29, '6959097001d10501ac7d54c0bdb8db61420f658f2922cc26e46d536119a31126'],
  ['02134', 37, '1f75e2dac5b82521f112e293235aaeeb5dad684c5ede8469c1ec015b22bba44c'],
  ['us', 45, '79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621'],
  ['19900704', 53, 'ab76a422ac8223f4dc26821ade87ad3942389a82d4440b4c500a4f36795b1004'],
  ['f', 66, '252f10c83610ebca1a059c0bae8255eba2f95be4d1d7bcfa89d7248a82d9f111'],
  ['CUST-00123', 72, '59cdcab6b3e46938b8fff99359b1299939255ffe349e1fdd91ed73229d86254d'],
];

describe('NORMALIZATION.md vectors', () => {
  it.each(VECTORS)('#%i %s %j %j → %j', (_number, field, raw, context, expected) => {
    expect(normalizedOrNull(field, raw, context)).toBe(expected);
  });

  it('sends vector 8 as pre-hashed rather than as a value to hash', () => {
    const [, field, raw, context] = vectorNumber(8);
    expect(normalize(field, raw, context).kind).toBe('prehashed');
  });

  it('records every omitted vector as omitted with a detail', () => {
    for (const [, field, raw, context, expected] of VECTORS) {
      if (expected !== null) continue;
      const result = normalize(field, raw, context);
      expect(result.kind).toBe('omitted');
      expect(result.kind === 'omitted' && result.detail).toBeTruthy();
    }
  });
});

describe('NORMALIZATION.md SHA-256 table', () => {
  it.each(HASHES)('%s (vector #%i) hashes to %s', (normalized, number, hash) => {
    const [, field, raw, context] = vectorNumber(number);
    const result = normalizedOrNull(field, raw, context);

    expect(result).toBe(normalized);
    expect(sha256(result ?? '')).toBe(hash);
  });
});

function vectorNumber(number: number): (typeof VECTORS)[number] {
  const vector = VECTORS.find(([n]) => n === number);
  if (vector === undefined) throw new Error(`no vector #${number}`);
  return vector;
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
