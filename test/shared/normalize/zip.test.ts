import { describe, expect, it } from 'vitest';

import { normalizedOrNull, omission } from './support';

describe('zp', () => {
  describe('with country us', () => {
    const us = { country: 'us' };

    it.each([
      ['02134', '02134'],
      ['02134-1234', '02134'],
      ['021341234', '02134'],
      ['02134 1234', '02134'],
      ['2134', '02134'],
      ['501', '00501'],
      [' 2134 ', '02134'],
      ['2134-1234', '02134'],
      ['21341234', '02134'],
    ])('reads %j as %j', (raw, expected) => {
      expect(normalizedOrNull('zp', raw, us)).toBe(expected);
    });

    it('accepts an uppercase context country', () => {
      expect(normalizedOrNull('zp', '2134', { country: 'US' })).toBe('02134');
    });

    it('leaves out fewer than three digits, and values with letters', () => {
      expect(omission('zp', '12', us)).toEqual({
        reason: 'invalid',
        detail: 'not a US ZIP code: needs 5 digits or ZIP+4',
      });
      expect(omission('zp', 'K1A 0A6', us)?.reason).toBe('invalid');
    });

    it('never cuts a US ZIP by postcodePrefixLength', () => {
      expect(normalizedOrNull('zp', '02134-1234', us, { postcodePrefixLength: 3 })).toBe('02134');
    });
  });

  describe('with no country', () => {
    it.each([
      ['02134', '02134'],
      ['021341234', '02134'],
      ['02134-1234', '02134'],
      [' 02134 - 1234 ', '02134'],
    ])('reads the US-shaped %j as %j', (raw, expected) => {
      expect(normalizedOrNull('zp', raw)).toBe(expected);
    });

    it('neither pads nor cuts a value that is not US-shaped', () => {
      expect(normalizedOrNull('zp', '2134')).toBe('2134');
      expect(normalizedOrNull('zp', '123456')).toBe('123456');
      expect(normalizedOrNull('zp', 'SW1A 1AA')).toBe('sw1a1aa');
    });
  });

  describe('elsewhere', () => {
    it('deletes spaces, dashes and other punctuation and keeps the whole code', () => {
      expect(normalizedOrNull('zp', 'SW1A 1AA', { country: 'gb' })).toBe('sw1a1aa');
      expect(normalizedOrNull('zp', 'K1A 0A6', { country: 'ca' })).toBe('k1a0a6');
      expect(normalizedOrNull('zp', '1234 AB', { country: 'nl' })).toBe('1234ab');
      expect(normalizedOrNull('zp', '00-950', { country: 'pl' })).toBe('00950');
      expect(normalizedOrNull('zp', '100-0001', { country: 'jp' })).toBe('1000001');
      expect(normalizedOrNull('zp', '02134', { country: 'de' })).toBe('02134');
      expect(normalizedOrNull('zp', '2134', { country: 'au' })).toBe('2134');
    });

    it('leaves out a code under two characters', () => {
      expect(omission('zp', '7', { country: 'ie' })).toEqual({
        reason: 'invalid',
        detail: 'postcode shorter than 2 characters',
      });
      expect(omission('zp', '-', { country: 'ie' })?.reason).toBe('placeholder');
      expect(omission('zp', '/', { country: 'ie' })?.reason).toBe('invalid');
    });

    it('keeps the whole code when postcodePrefixLength is null (the default)', () => {
      expect(
        normalizedOrNull('zp', 'SW1A 1AA', { country: 'gb' }, { postcodePrefixLength: null }),
      ).toBe('sw1a1aa');
    });

    it('keeps only the first N characters when postcodePrefixLength is N', () => {
      const prefix3 = { postcodePrefixLength: 3 };
      expect(normalizedOrNull('zp', 'SW1A 1AA', { country: 'gb' }, prefix3)).toBe('sw1');
      expect(normalizedOrNull('zp', 'K1A 0A6', { country: 'ca' }, prefix3)).toBe('k1a');
      expect(normalizedOrNull('zp', '2134', {}, prefix3)).toBe('213');
      expect(normalizedOrNull('zp', 'M1', { country: 'gb' }, prefix3)).toBe('m1');
    });
  });
});
