import { hashable } from './results';
import { toIdentityLowercase } from './text';

import type { FieldRule } from './results';

/**
 * `external-id`: steps 1–5 only, so case and inner characters are kept; an advertiser's IDs
 * are case-sensitive unless the mapping turns on `externalIdLowercase`.
 */
export const normalizeExternalId: FieldRule = (value, _original, _context, options) =>
  hashable(options.externalIdLowercase ? toIdentityLowercase(value) : value);
