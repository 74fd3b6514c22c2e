import { normalizeCity } from './city';
import { lookupCountryCode, normalizeCountryField } from './country';
import { normalizeDateOfBirth } from './date-of-birth';
import { normalizeEmail } from './email';
import { normalizeExternalId } from './external-id';
import { normalizeGender } from './gender';
import { normalizeName } from './name';
import { EMPTY_STRING_SHA256, isSha256Hex } from './prehashed';
import { fixedOmission } from './results';
import { normalizeState } from './state';
import { isPlaceholder, toIdentityLowercase, toTrimmedNfc } from './text';
import { normalizeZip } from './zip';

import type { IdentityField } from '../cadent-fields';
import type { FieldRule } from './results';
import type { FieldNormalizer, NormalizeResult } from './types';

export { EMPTY_STRING_SHA256, isSha256Hex } from './prehashed';
export { DEFAULT_NORMALIZATION_OPTIONS } from './types';
export type {
  FieldNormalizer,
  NormalizationContext,
  NormalizationOptions,
  NormalizeResult,
  OmitReason,
} from './types';

/**
 * Steps 1–7 of NORMALIZATION.md for one cell of one identity field: what to hash, what is
 * already hashed, or why the field is left out. Hashing itself (step 8) is the caller's.
 */
export const normalizeField: FieldNormalizer = (field, raw, context, options) => {
  const cell = applySharedSteps(raw);
  if (typeof cell !== 'string') return cell;

  // external-id skips step 6: its case is part of the ID.
  const value = field === 'external-id' ? cell : toIdentityLowercase(cell);
  return FIELD_RULES[field](value, cell, context, options);
};

/**
 * A row's country as a lowercase ISO alpha-2 code, or null when it is missing, a placeholder,
 * already hashed or not a country. The event builder passes it to `zp` and `st` as
 * `context.country`.
 */
export function normalizeCountry(raw: string): string | null {
  const cell = applySharedSteps(raw);
  if (typeof cell !== 'string') return null;
  return lookupCountryCode(toIdentityLowercase(cell)) ?? null;
}

/**
 * Steps 1–5, the same for every field. Returns the trimmed NFC cell to go on with, or the
 * final result when the cell is missing, blank, a placeholder or already hashed.
 */
function applySharedSteps(raw: string | undefined): NormalizeResult | string {
  if (raw === undefined) return MISSING;
  const cell = toTrimmedNfc(raw);
  if (cell.length === 0) return BLANK;
  if (isPlaceholder(cell)) return PLACEHOLDER;
  if (!isSha256Hex(cell)) return cell;

  const hash = cell.toLowerCase();
  return hash === EMPTY_STRING_SHA256 ? EMPTY_HASH : { kind: 'prehashed', normalized: hash };
}

const FIELD_RULES: Readonly<Record<IdentityField, FieldRule>> = {
  em: normalizeEmail,
  fn: normalizeName,
  ln: normalizeName,
  db: normalizeDateOfBirth,
  ge: normalizeGender,
  ct: normalizeCity,
  st: normalizeState,
  zp: normalizeZip,
  country: normalizeCountryField,
  'external-id': normalizeExternalId,
};

const MISSING = fixedOmission('missing', 'no value in this row');
const BLANK = fixedOmission('blank', 'empty cell');
const PLACEHOLDER = fixedOmission('placeholder', 'a placeholder such as n/a or null, not data');
const EMPTY_HASH = fixedOmission(
  'empty_hash',
  'the SHA-256 of an empty string, which stands for no data',
);
