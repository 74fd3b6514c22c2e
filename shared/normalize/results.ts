import type {
  NormalizationContext,
  NormalizationOptions,
  NormalizeResult,
  OmitReason,
} from './types';

/**
 * A field's own rule, step 7 of NORMALIZATION.md. `value` has been through steps 1–6
 * (lowercased, except for `external-id`); `original` is the same cell after steps 1–3 only,
 * for quoting in a detail the way the marketer typed it.
 */
export type FieldRule = (
  value: string,
  original: string,
  context: NormalizationContext,
  options: NormalizationOptions,
) => NormalizeResult;

/** A value to be hashed. */
export function hashable(normalized: string): NormalizeResult {
  return { kind: 'value', normalized };
}

/** The field is left out of the event, with a sentence saying why. */
export function omitted(reason: OmitReason, detail: string): NormalizeResult {
  return { kind: 'omitted', reason, detail };
}

/**
 * An omission whose detail never changes, built once and frozen: rows left out for the same
 * reason share one object instead of allocating one each.
 */
export function fixedOmission(reason: OmitReason, detail: string): NormalizeResult {
  return Object.freeze(omitted(reason, detail));
}
