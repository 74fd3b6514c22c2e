import { fixedOmission, hashable } from './results';
import { foldAccents, keepLettersAndMarks } from './text';

import type { FieldRule } from './results';

/** `ct`: only letters and marks kept; spaces, punctuation and digits go, accents stay. */
export const normalizeCity: FieldRule = (value, _original, _context, options) => {
  const cleaned = keepLettersAndMarks(options.foldAccents ? foldAccents(value) : value);
  return cleaned.length > 0 ? hashable(cleaned) : NO_CITY_LEFT;
};

const NO_CITY_LEFT = fixedOmission('invalid', 'no letters left after cleaning');
