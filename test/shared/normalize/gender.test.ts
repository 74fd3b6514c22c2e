import { describe, expect, it } from 'vitest';

import { normalizedOrNull, omission } from './support';

describe('ge', () => {
  it.each(['f', 'F', 'female', 'FEMALE', 'Woman', 'girl', ' F. '])('reads %j as f', (raw) => {
    expect(normalizedOrNull('ge', raw)).toBe('f');
  });

  it.each(['m', 'M', 'male', 'Male', 'MAN', 'boy', '(m)'])('reads %j as m', (raw) => {
    expect(normalizedOrNull('ge', raw)).toBe('m');
  });

  it.each(['unknown', 'x', 'other', 'prefer not to say', 'women', '1'])('leaves out %j', (raw) => {
    expect(omission('ge', raw)?.reason).toBe('invalid');
  });

  it('quotes the value it did not understand', () => {
    expect(omission('ge', 'Unknown')?.detail).toBe('unknown gender "Unknown": use f or m');
  });

  describe('acceptNonBinaryGender', () => {
    const nonBinary = ['n', 'N', 'non-binary', 'Non Binary', 'nonbinary', 'NB'];

    it.each(nonBinary)('off (the default), leaves out %j', (raw) => {
      expect(omission('ge', raw)?.reason).toBe('invalid');
    });

    it.each(nonBinary)('on, reads %j as n', (raw) => {
      expect(normalizedOrNull('ge', raw, {}, { acceptNonBinaryGender: true })).toBe('n');
    });

    it('on, changes nothing for f, m and unknown values', () => {
      const on = { acceptNonBinaryGender: true };
      expect(normalizedOrNull('ge', 'Female', {}, on)).toBe('f');
      expect(normalizedOrNull('ge', 'male', {}, on)).toBe('m');
      expect(normalizedOrNull('ge', 'unknown', {}, on)).toBeNull();
    });
  });
});
