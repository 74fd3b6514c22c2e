import { describe, expect, it } from 'vitest';

import { COUNTRIES } from '../../../shared/normalize/countries';
import { toLookupKey } from '../../../shared/normalize/text';

import { normalizedOrNull, omission } from './support';

describe('country', () => {
  it.each([
    ['us', 'us'],
    ['GB', 'gb'],
    ['UK', 'gb'],
    ['u.k.', 'gb'],
    ['D.E.', 'de'],
  ])('reads the alpha-2 code %j as %j', (raw, code) => {
    expect(normalizedOrNull('country', raw)).toBe(code);
  });

  it.each([
    ['AUT', 'at'],
    ['AUS', 'au'],
    ['DEU', 'de'],
    ['GBR', 'gb'],
    ['CHE', 'ch'],
    ['ESP', 'es'],
    ['IRL', 'ie'],
    ['U.S.A.', 'us'],
  ])('maps the alpha-3 code %j to %j, never by truncating it', (raw, code) => {
    expect(normalizedOrNull('country', raw)).toBe(code);
  });

  it.each([
    ['United States of America', 'us'],
    ['America', 'us'],
    ['England', 'gb'],
    ['Scotland', 'gb'],
    ['Wales', 'gb'],
    ['Great Britain', 'gb'],
    ['Holland', 'nl'],
    ['The Netherlands', 'nl'],
    ['Deutschland', 'de'],
    ['Österreich', 'at'],
    ['Osterreich', 'at'],
    ['ÖSTERREICH', 'at'],
    ['Česko', 'cz'],
    ['Czech Republic', 'cz'],
    ['España', 'es'],
    ['Espana', 'es'],
    ['México', 'mx'],
    ['Brasil', 'br'],
    ['Italia', 'it'],
    ['Schweiz', 'ch'],
    ['Suisse', 'ch'],
    ['Polska', 'pl'],
    ['Sverige', 'se'],
    ['Türkiye', 'tr'],
    ['Turkey', 'tr'],
    ['South Korea', 'kr'],
    ['Korea, Republic of', 'kr'],
    ['North Korea', 'kp'],
    ['Nihon', 'jp'],
    ['日本', 'jp'],
    ['Россия', 'ru'],
    ['Ελλάδα', 'gr'],
    ["Côte d'Ivoire", 'ci'],
    ['Ivory Coast', 'ci'],
    ['Trinidad & Tobago', 'tt'],
    ['Bosnia and Herzegovina', 'ba'],
    ['Viet Nam', 'vn'],
    ['UAE', 'ae'],
  ])('matches the name %j to %j', (raw, code) => {
    expect(normalizedOrNull('country', raw)).toBe(code);
  });

  it('leaves out an unknown country and quotes it', () => {
    expect(omission('country', 'Narnia')).toEqual({
      reason: 'invalid',
      detail: 'unknown country "Narnia"',
    });
    expect(omission('country', 'ZZ')?.reason).toBe('invalid');
    expect(omission('country', 'XYZ')?.reason).toBe('invalid');
    expect(omission('country', '123')?.detail).toBe('no letters left after cleaning');
  });
});

describe('the country table', () => {
  it('reads Namibia by name and alpha-3, since "NA" is a placeholder', () => {
    expect(omission('country', 'NA')?.reason).toBe('placeholder');
    expect(normalizedOrNull('country', 'NAM')).toBe('na');
    expect(normalizedOrNull('country', 'Namibia')).toBe('na');
  });

  it('has every ISO 3166-1 country once, with well-formed codes', () => {
    const alpha2 = COUNTRIES.map(([code]) => code);
    const alpha3 = COUNTRIES.map(([, code]) => code);

    expect(COUNTRIES.length).toBe(249);
    expect(new Set(alpha2).size).toBe(249);
    expect(new Set(alpha3).size).toBe(249);
    for (const code of alpha2) expect(code).toMatch(/^[a-z]{2}$/);
    for (const code of alpha3) expect(code).toMatch(/^[a-z]{3}$/);
  });

  it('never lets one key name two countries', () => {
    const owner = new Map<string, string>();
    for (const [alpha2, alpha3, names] of COUNTRIES) {
      for (const key of [alpha2, alpha3, ...names.map(toLookupKey)]) {
        const previous = owner.get(key);
        expect(
          previous === undefined || previous === alpha2,
          `${key}: ${previous}, ${alpha2}`,
        ).toBe(true);
        owner.set(key, alpha2);
      }
    }
  });

  it('maps every code and name in the table to its own alpha-2', () => {
    for (const [alpha2, alpha3, names] of COUNTRIES) {
      // "NA" is a placeholder before it is Namibia (step 4 comes first); see below.
      if (alpha2 !== 'na') expect(normalizedOrNull('country', alpha2.toUpperCase())).toBe(alpha2);
      expect(normalizedOrNull('country', alpha3.toUpperCase())).toBe(alpha2);
      for (const name of names) expect(normalizedOrNull('country', name)).toBe(alpha2);
    }
  });
});
