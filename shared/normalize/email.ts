import { fixedOmission, hashable } from './results';
import { deleteWhitespace } from './text';

import type { FieldRule } from './results';

/**
 * `em`: all whitespace deleted; dots and `+tags` kept, with no provider-specific rewriting
 * (a Gmail address keeps its dots). Valid only with one `@`, a non-empty local part and a
 * domain with an inner dot.
 */
export const normalizeEmail: FieldRule = (value) => {
  const email = deleteWhitespace(value);
  return EMAIL.test(email) ? hashable(email) : NOT_AN_EMAIL;
};

// The domain is checked further than the spec asks (letters, marks, digits and hyphens in
// non-empty labels): "x.com>" from a pasted "Name <a@x.com>" can never match anyone.
const EMAIL = /^[^@]+@[\p{L}\p{M}\p{N}-]+(?:\.[\p{L}\p{M}\p{N}-]+)+$/u;

const NOT_AN_EMAIL = fixedOmission(
  'invalid',
  'not an email address: needs one @ and a domain with a dot',
);
