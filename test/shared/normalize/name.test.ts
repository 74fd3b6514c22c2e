import { describe, expect, it } from 'vitest';

import { normalizedOrNull, omission } from './support';

describe('fn and ln', () => {
  it.each([
    ["O'Brien", 'obrien'],
    ['O’Brien', 'obrien'],
    ['O‘Brien', 'obrien'],
    ['Ng\u02bcandu', 'ngʼandu'],
    ['Smith-Jones', 'smithjones'],
    ['Smith–Jones', 'smithjones'],
    ['de la Cruz', 'delacruz'],
    ['Mary Ann.', 'maryann'],
    ['Louis XIV', 'louisxiv'],
    ['Henry 8th', 'henry8th'],
  ])('keeps only letters, marks and digits: %j → %j', (raw, expected) => {
    expect(normalizedOrNull('ln', raw)).toBe(expected);
  });

  it('keeps titles and suffixes', () => {
    expect(normalizedOrNull('fn', 'Dr. John')).toBe('drjohn');
    expect(normalizedOrNull('ln', 'Smith Jr.')).toBe('smithjr');
  });

  it('keeps accents and non-Latin scripts, with their marks', () => {
    expect(normalizedOrNull('fn', 'Zoë')).toBe('zoë');
    expect(normalizedOrNull('fn', 'Дмитрий')).toBe('дмитрий');
    expect(normalizedOrNull('fn', 'محمد')).toBe('محمد');
    expect(normalizedOrNull('fn', 'अनिल')).toBe('अनिल');
    expect(normalizedOrNull('ln', '山田')).toBe('山田');
  });

  it('leaves out a name with nothing but punctuation', () => {
    expect(omission('fn', '?!')).toEqual({
      reason: 'invalid',
      detail: 'no letters or digits left after cleaning',
    });
  });

  describe('foldAccents', () => {
    it('is off by default: accents stay', () => {
      expect(normalizedOrNull('fn', 'José')).toBe('josé');
    });

    it('on, folds Latin accents and letters to ASCII', () => {
      const on = { foldAccents: true };
      expect(normalizedOrNull('fn', 'José', {}, on)).toBe('jose');
      expect(normalizedOrNull('fn', 'Jose\u0301', {}, on)).toBe('jose');
      expect(normalizedOrNull('ln', 'Müller-Lüdenscheidt', {}, on)).toBe('mullerludenscheidt');
      expect(normalizedOrNull('ln', 'Straße', {}, on)).toBe('strasse');
      expect(normalizedOrNull('ln', 'Łódź', {}, on)).toBe('lodz');
      expect(normalizedOrNull('ln', 'Søren Ærø', {}, on)).toBe('sorenaero');
    });

    it('on, leaves non-Latin spelling marks alone', () => {
      const on = { foldAccents: true };
      expect(normalizedOrNull('ln', '정', {}, on)).toBe('정');
      expect(normalizedOrNull('fn', 'अनिल', {}, on)).toBe('अनिल');
      expect(normalizedOrNull('ln', 'ガルシア', {}, on)).toBe('ガルシア');
    });
  });
});
