import { fixedOmission, hashable, omitted } from './results';
import { keepLetters, quoteForDetail } from './text';

import type { FieldRule } from './results';
import type { NormalizeResult } from './types';

/**
 * `ge`: non-letters removed, then the words for female and male become `f` and `m`. With
 * `acceptNonBinaryGender` on, "n", "non-binary", "nonbinary" and "nb" become `n`; off, they
 * are left out like any other value.
 */
export const normalizeGender: FieldRule = (value, original, _context, options) => {
  const word = keepLetters(value);
  const code = GENDER_CODES.get(word);
  if (code !== undefined) return code;

  if (NON_BINARY_WORDS.has(word)) {
    return options.acceptNonBinaryGender ? NON_BINARY : NON_BINARY_NOT_SENT;
  }
  return omitted('invalid', `unknown gender ${quoteForDetail(original)}: use f or m`);
};

const FEMALE = Object.freeze(hashable('f'));
const MALE = Object.freeze(hashable('m'));
const NON_BINARY = Object.freeze(hashable('n'));

const GENDER_CODES: ReadonlyMap<string, NormalizeResult> = new Map([
  ['f', FEMALE],
  ['female', FEMALE],
  ['woman', FEMALE],
  ['girl', FEMALE],
  ['m', MALE],
  ['male', MALE],
  ['man', MALE],
  ['boy', MALE],
]);

const NON_BINARY_WORDS: ReadonlySet<string> = new Set(['n', 'nonbinary', 'nb']);

const NON_BINARY_NOT_SENT = fixedOmission(
  'invalid',
  'non-binary is not sent: Cadent takes only f and m (the mapping option "send non-binary genders as n" sends n)',
);
