import { DEFAULT_NORMALIZATION_OPTIONS, normalizeField } from '../../../shared/normalize';

import type { IdentityField } from '../../../shared/cadent-fields';
import type {
  NormalizationContext,
  NormalizationOptions,
  NormalizeResult,
} from '../../../shared/normalize';

/** A fixed "today", so no test depends on the date it runs. */
export const TODAY = '2025-06-15';

/** The default options with the fixed today. */
export const OPTIONS: NormalizationOptions = { ...DEFAULT_NORMALIZATION_OPTIONS, today: TODAY };

/** normalizeField with the default options unless a test overrides some. */
export function normalize(
  field: IdentityField,
  raw: string | undefined,
  context: NormalizationContext = {},
  overrides: Partial<NormalizationOptions> = {},
): NormalizeResult {
  return normalizeField(field, raw, context, { ...OPTIONS, ...overrides });
}

/** The normalized string, or null when the field is left out. */
export function normalizedOrNull(
  field: IdentityField,
  raw: string | undefined,
  context: NormalizationContext = {},
  overrides: Partial<NormalizationOptions> = {},
): string | null {
  const result = normalize(field, raw, context, overrides);
  return result.kind === 'omitted' ? null : result.normalized;
}

/** The reason and detail of an omitted field, or undefined when it was kept. */
export function omission(
  field: IdentityField,
  raw: string | undefined,
  context: NormalizationContext = {},
  overrides: Partial<NormalizationOptions> = {},
): { reason: string; detail: string | undefined } | undefined {
  const result = normalize(field, raw, context, overrides);
  return result.kind === 'omitted' ? { reason: result.reason, detail: result.detail } : undefined;
}
