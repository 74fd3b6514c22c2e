import { fixedOmission, hashable } from './results';
import { foldAccents, keepLettersMarksAndDigits } from './text';

import type { FieldRule } from './results';

/**
 * `fn` and `ln`: only letters, marks and digits kept, so spaces, apostrophes of every shape
 * and hyphens go while accents and non-Latin scripts stay. Titles and suffixes are kept:
 * stripping "Jr" would break the hash of everyone whose name merely ends that way.
 */
export const normalizeName: FieldRule = (value, _original, _context, options) => {
  const cleaned = keepLettersMarksAndDigits(options.foldAccents ? foldAccents(value) : value);
  return cleaned.length > 0 ? hashable(cleaned) : NO_NAME_LEFT;
};

const NO_NAME_LEFT = fixedOmission('invalid', 'no letters or digits left after cleaning');
