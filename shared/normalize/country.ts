import { COUNTRIES } from './countries';
import { fixedOmission, hashable, omitted } from './results';
import { quoteForDetail, toLookupKey } from './text';

import type { FieldRule } from './results';
import type { NormalizeResult } from './types';

/**
 * `country`: letters only, then an ISO alpha-2 code (`uk` → `gb`), an alpha-3 code
 * (`aut` → `at`, never the first two letters) or a name or alias, always as alpha-2.
 * Anything else is left out: a guessed country would put the wrong hash on the wire.
 */
export const normalizeCountryField: FieldRule = (value, original) => {
  const key = toLookupKey(value);
  if (key.length === 0) return NO_COUNTRY_LEFT;

  const alpha2 = COUNTRY_BY_KEY.get(key);
  if (alpha2 === undefined)
    return omitted('invalid', `unknown country ${quoteForDetail(original)}`);
  return RESULT_BY_CODE.get(alpha2) ?? hashable(alpha2);
};

/** The lowercase alpha-2 code of a country code, name or alias, if it is one. */
export function lookupCountryCode(value: string): string | undefined {
  return COUNTRY_BY_KEY.get(toLookupKey(value));
}

/** Whether a context country (alpha-2, normally already lowercase) is the United States. */
export function isUnitedStates(country: string | undefined): boolean {
  return country === 'us' || country === 'US';
}

function buildCountryIndex(): Map<string, string> {
  const index = new Map<string, string>();
  for (const [alpha2, alpha3, names] of COUNTRIES) {
    index.set(alpha2, alpha2);
    index.set(alpha3, alpha2);
    for (const name of names) index.set(toLookupKey(name), alpha2);
  }
  return index;
}

// Codes and names share one map. The names that reduce to two or three letters are deliberate
// aliases ("UK", "U.S.A.", "UAE", "中国"), and the tests check that no key names two countries.
const COUNTRY_BY_KEY = buildCountryIndex();
const RESULT_BY_CODE: ReadonlyMap<string, NormalizeResult> = new Map(
  COUNTRIES.map(([alpha2]) => [alpha2, Object.freeze(hashable(alpha2))]),
);

const NO_COUNTRY_LEFT = fixedOmission('invalid', 'no letters left after cleaning');
