import type { IdentityField } from '../cadent-fields';

/**
 * The switches NORMALIZATION.md leaves open with Cadent. Each changes hashes, so each is
 * one field here and nowhere else.
 */
export interface NormalizationOptions {
  /** Fold accents to ASCII ("josé" → "jose") before hashing. Off by default. */
  foldAccents: boolean;
  /** Lowercase `external-id` before hashing. Off by default: IDs are case-sensitive. */
  externalIdLowercase: boolean;
  /** Accept "n" / "non-binary" as gender `n`. Off by default: such values are left out. */
  acceptNonBinaryGender: boolean;
  /** Keep only this many leading characters of non-US postcodes; null keeps the whole code. */
  postcodePrefixLength: number | null;
  /** How to read an ambiguous date of birth such as 04/07/1990. */
  dayMonthOrder: 'month-first' | 'day-first';
  /** Today as YYYY-MM-DD, so "future date of birth" never depends on the machine's clock. */
  today: string;
}

export const DEFAULT_NORMALIZATION_OPTIONS: Omit<NormalizationOptions, 'today'> = {
  foldAccents: false,
  externalIdLowercase: false,
  acceptNonBinaryGender: false,
  postcodePrefixLength: null,
  dayMonthOrder: 'month-first',
};

/** What other fields of the same event contribute to one field's rule. */
export interface NormalizationContext {
  /** The event's country, already normalized to ISO alpha-2 (e.g. "us"), if it has one. */
  country?: string;
}

export type OmitReason =
  /** The column has no cell for this row, or no column is mapped. */
  | 'missing'
  /** Empty or whitespace only. */
  | 'blank'
  /** n/a, null, none, nan, -, --, ... */
  | 'placeholder'
  /** The SHA-256 of the empty string: the sender's way of saying "no data". */
  | 'empty_hash'
  /** Present but not a valid value for the field (not an email, impossible date, ...). */
  | 'invalid';

export type NormalizeResult =
  /** A value to be hashed. */
  | { kind: 'value'; normalized: string }
  /** Already 64 hex characters: sent lowercased, not hashed again. */
  | { kind: 'prehashed'; normalized: string }
  /** The field is left out of the event; `detail` says why in words a marketer reads. */
  | { kind: 'omitted'; reason: OmitReason; detail?: string };

export type FieldNormalizer = (
  field: IdentityField,
  raw: string | undefined,
  context: NormalizationContext,
  options: NormalizationOptions,
) => NormalizeResult;
