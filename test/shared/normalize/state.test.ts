import { describe, expect, it } from 'vitest';

import { CANADIAN_PROVINCES } from '../../../shared/normalize/canadian-provinces';
import { US_STATES } from '../../../shared/normalize/us-states';

import { normalizedOrNull, omission } from './support';

describe('st', () => {
  it('keeps any two letters as a code when the country is not the US', () => {
    expect(normalizedOrNull('st', 'T.X.')).toBe('tx');
    expect(normalizedOrNull('st', 'NSW', { country: 'au' })).toBe('nsw');
    expect(normalizedOrNull('st', 'BY', { country: 'de' })).toBe('by');
    expect(normalizedOrNull('st', 'ZZ')).toBe('zz');
  });

  it.each([
    ['Washington, D.C.', 'dc'],
    ['Washington DC', 'dc'],
    ['Washington D.C.', 'dc'],
    ['washington d c', 'dc'],
    ['District of Columbia', 'dc'],
    ['D.C.', 'dc'],
    ['Washington', 'wa'],
    ['WASHINGTON STATE', 'wa'],
    ['West Virginia', 'wv'],
    ['Virginia', 'va'],
    ['North Carolina', 'nc'],
    ['Hawaiʻi', 'hi'],
    ['Puerto Rico', 'pr'],
    ['Guam', 'gu'],
    ['U.S. Virgin Islands', 'vi'],
    ['American Samoa', 'as'],
    ['Northern Mariana Islands', 'mp'],
    ['Armed Forces Europe', 'ae'],
  ])('matches the US name %j to %j', (raw, code) => {
    expect(normalizedOrNull('st', raw)).toBe(code);
    expect(normalizedOrNull('st', raw, { country: 'us' })).toBe(code);
  });

  it.each([
    ['Québec', 'qc'],
    ['Quebec', 'qc'],
    ['British Columbia', 'bc'],
    ['Colombie-Britannique', 'bc'],
    ['Newfoundland & Labrador', 'nl'],
    ['Newfoundland and Labrador', 'nl'],
    ['Prince Edward Island', 'pe'],
    ['Île-du-Prince-Édouard', 'pe'],
    ['Yukon', 'yt'],
  ])('matches the Canadian name %j to %j', (raw, code) => {
    expect(normalizedOrNull('st', raw)).toBe(code);
    expect(normalizedOrNull('st', raw, { country: 'ca' })).toBe(code);
  });

  it('matches whole names only, never a prefix or a truncation', () => {
    expect(normalizedOrNull('st', 'Washingtonia', { country: 'mx' })).toBe('washingtonia');
    expect(normalizedOrNull('st', 'Californ', { country: 'mx' })).toBe('californ');
    expect(omission('st', 'New', { country: 'us' })?.reason).toBe('invalid');
  });

  it('with country us, leaves out an unknown name or code', () => {
    expect(omission('st', 'Narnia', { country: 'us' })).toEqual({
      reason: 'invalid',
      detail: 'unknown US state "Narnia"',
    });
    expect(omission('st', 'ZZ', { country: 'us' })?.reason).toBe('invalid');
    expect(omission('st', 'Ontario', { country: 'us' })?.reason).toBe('invalid');
    expect(omission('st', 'ON', { country: 'us' })?.reason).toBe('invalid');
    expect(normalizedOrNull('st', 'Ontario')).toBe('on');
  });

  it('elsewhere, keeps an unknown name cleaned to letters and never truncated', () => {
    expect(normalizedOrNull('st', 'Bavaria', { country: 'de' })).toBe('bavaria');
    expect(normalizedOrNull('st', 'Île-de-France', { country: 'fr' })).toBe('îledefrance');
    expect(normalizedOrNull('st', 'New South Wales', { country: 'au' })).toBe('newsouthwales');
    expect(normalizedOrNull('st', 'Greater London 2')).toBe('greaterlondon');
  });

  it('folds the kept name only with foldAccents on, but matches names either way', () => {
    const on = { foldAccents: true };
    expect(normalizedOrNull('st', 'Île-de-France', { country: 'fr' }, on)).toBe('iledefrance');
    expect(normalizedOrNull('st', 'Québec', {}, on)).toBe('qc');
  });

  it('leaves out a value with no letters', () => {
    expect(omission('st', '12')?.detail).toBe('no letters left after cleaning');
  });

  it('has a two-letter code and at least one name for every entry, with no code twice', () => {
    const codes = [...US_STATES, ...CANADIAN_PROVINCES].map(([code]) => code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const [code, names] of [...US_STATES, ...CANADIAN_PROVINCES]) {
      expect(code).toMatch(/^[a-z]{2}$/);
      expect(names.length).toBeGreaterThan(0);
    }
    expect(US_STATES.length).toBe(50 + 1 + 6 + 3 + 3);
  });

  it('matches every table name to its own code', () => {
    for (const [code, names] of US_STATES) {
      for (const name of names) expect(normalizedOrNull('st', name, { country: 'us' })).toBe(code);
    }
    for (const [code, names] of CANADIAN_PROVINCES) {
      for (const name of names) expect(normalizedOrNull('st', name, { country: 'ca' })).toBe(code);
    }
  });
});
