import { isUnitedStates } from './country';
import { fixedOmission, hashable } from './results';
import { deleteWhitespace, keepLettersAndDigits } from './text';

import type { FieldRule } from './results';
import type { NormalizeResult } from './types';

/**
 * `zp`: whitespace deleted. A US ZIP (country `us`, or no country and a value shaped like
 * one) becomes its first five digits, zero-padded when a spreadsheet dropped leading zeros.
 * Any other postcode keeps all its letters and digits, or only `postcodePrefixLength` of them.
 */
export const normalizeZip: FieldRule = (value, _original, context, options) => {
  const compact = deleteWhitespace(value);
  if (isUnitedStates(context.country)) return normalizeUsZip(compact);
  if (!context.country && US_ZIP_SHAPE.test(compact)) return hashable(compact.slice(0, 5));

  const postcode = keepLettersAndDigits(compact);
  const prefixLength = options.postcodePrefixLength;
  const kept = prefixLength === null ? postcode : postcode.slice(0, prefixLength);
  return kept.length >= MIN_POSTCODE_LENGTH ? hashable(kept) : POSTCODE_TOO_SHORT;
};

function normalizeUsZip(compact: string): NormalizeResult {
  // A letter means this is not a ZIP at all (a Canadian code in a US row, say): taking its
  // digits would invent one.
  if (HAS_LETTER.test(compact)) return NOT_A_US_ZIP;

  const digits = compact.replace(NON_DIGITS, '');
  switch (digits.length) {
    case 0:
    case 1:
    case 2:
      return NOT_A_US_ZIP;
    case 3:
    case 4:
      return hashable(digits.padStart(5, '0'));
    case 7:
    case 8:
      // ZIP+4 typed without its dash and stored as a number loses leading zeros the same way.
      return hashable(digits.padStart(9, '0').slice(0, 5));
    default:
      return hashable(digits.slice(0, 5));
  }
}

const US_ZIP_SHAPE = /^(?:\d{5}|\d{9}|\d{5}-\d{4})$/;
const HAS_LETTER = /\p{L}/u;
const NON_DIGITS = /\D+/g;
const MIN_POSTCODE_LENGTH = 2;

const NOT_A_US_ZIP = fixedOmission('invalid', 'not a US ZIP code: needs 5 digits or ZIP+4');
const POSTCODE_TOO_SHORT = fixedOmission('invalid', 'postcode shorter than 2 characters');
