import { CANADIAN_PROVINCES } from './canadian-provinces';
import { isUnitedStates } from './country';
import { fixedOmission, hashable, omitted } from './results';
import { foldAccents, keepLetters, quoteForDetail, toLookupKey } from './text';
import { US_STATES } from './us-states';

import type { FieldRule } from './results';
import type { NormalizeResult } from './types';

/**
 * `st`: letters only. Two letters are kept as a code; a longer value that is exactly a US
 * state, territory or Canadian province name becomes its code ("Washington, D.C." → `dc`,
 * never `wa`). With country `us` the result must be a US code or the field is left out;
 * elsewhere an unknown name is kept cleaned, never truncated.
 */
export const normalizeState: FieldRule = (value, original, context, options) => {
  const cleaned = keepLetters(options.foldAccents ? foldAccents(value) : value);
  if (cleaned.length === 0) return NO_STATE_LEFT;

  const inUnitedStates = isUnitedStates(context.country);
  if (cleaned.length === 2) {
    // The spec keeps any two letters; for a US row a code USPS does not know ("zz", or a
    // province such as "on") cannot match, so it is reported instead of hashed.
    if (inUnitedStates && !US_CODE_RESULTS.has(cleaned)) return unknownUsState(original);
    return CODE_RESULTS.get(cleaned) ?? hashable(cleaned);
  }

  const byName = (inUnitedStates ? US_STATE_BY_NAME : STATE_BY_NAME).get(toLookupKey(value));
  if (byName !== undefined) return byName;
  if (inUnitedStates) return unknownUsState(original);
  return hashable(cleaned);
};

function unknownUsState(original: string): NormalizeResult {
  return omitted('invalid', `unknown US state ${quoteForDetail(original)}`);
}

function resultsByCode(
  table: readonly (readonly [code: string, names: readonly string[]])[],
): Map<string, NormalizeResult> {
  return new Map(table.map(([code]) => [code, Object.freeze(hashable(code))]));
}

function resultsByName(
  table: readonly (readonly [code: string, names: readonly string[]])[],
  byCode: ReadonlyMap<string, NormalizeResult>,
): Map<string, NormalizeResult> {
  const byName = new Map<string, NormalizeResult>();
  for (const [code, names] of table) {
    const result = byCode.get(code);
    if (result === undefined) continue;
    for (const name of names) byName.set(toLookupKey(name), result);
  }
  return byName;
}

const US_CODE_RESULTS = resultsByCode(US_STATES);
const CODE_RESULTS = new Map([...US_CODE_RESULTS, ...resultsByCode(CANADIAN_PROVINCES)]);
const US_STATE_BY_NAME = resultsByName(US_STATES, CODE_RESULTS);
const STATE_BY_NAME = new Map([
  ...US_STATE_BY_NAME,
  ...resultsByName(CANADIAN_PROVINCES, CODE_RESULTS),
]);

const NO_STATE_LEFT = fixedOmission('invalid', 'no letters left after cleaning');
