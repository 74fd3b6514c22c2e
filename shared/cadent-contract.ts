/**
 * The wire contract of CADENT_API.md, client side, in one module: limits, the event and
 * response schemas, and the paths. When an organization's onboarding papers show Cadent's
 * exact shape, this is the one file to correct (the sandbox keeps its own copy on purpose).
 */
import { z } from 'zod';

import { CONVERSION_TYPES, IDENTITY_FIELDS } from './cadent-fields';

export const MAX_EVENTS_PER_REQUEST = 1000;
export const MAX_REQUEST_BYTES = 4 * 1024 * 1024;
export const MAX_EVENT_ID_LENGTH = 128;
export const MAX_EVENT_NAME_LENGTH = 256;
export const MAX_PROPERTY_KEY_LENGTH = 64;
/** Cadent rejects events older than this... */
export const MAX_EVENT_AGE_DAYS = 90;
/** ...and events further in the future than this. */
export const MAX_EVENT_FUTURE_MS = 60 * 60 * 1000;

export const datasetPath = (datasetId: string): string =>
  `/v1/datasets/${encodeURIComponent(datasetId)}`;
export const eventsPath = (datasetId: string): string => `${datasetPath(datasetId)}/events`;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters');

const propertyBag = z.record(
  z.string().min(1).max(MAX_PROPERTY_KEY_LENGTH),
  z.union([z.string(), z.number(), z.boolean()]),
);

export const cadentUserSchema = z.partialRecord(z.enum(IDENTITY_FIELDS), sha256Hex);

export const cadentEventSchema = z.object({
  event_id: z.string().min(1).max(MAX_EVENT_ID_LENGTH),
  event_name: z.string().min(1).max(MAX_EVENT_NAME_LENGTH),
  event_time: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, 'must be ISO 8601 UTC with Z')
    .optional(),
  conversion_type: z.enum(CONVERSION_TYPES),
  user: cadentUserSchema,
  event_properties: propertyBag.optional(),
  user_properties: propertyBag.optional(),
});

export type CadentEvent = z.infer<typeof cadentEventSchema>;
export type CadentUser = z.infer<typeof cadentUserSchema>;

export const datasetSchema = z.object({
  id: z.string(),
  name: z.string(),
  match_key: z.enum(IDENTITY_FIELDS),
  status: z.string(),
});

export type Dataset = z.infer<typeof datasetSchema>;

export const REJECTION_CODES = [
  'missing_match_key',
  'invalid_hash',
  'invalid_conversion_type',
  'invalid_event_time',
  'missing_event_name',
  'invalid_properties',
] as const;

export const ingestResponseSchema = z.object({
  received: z.number().int().nonnegative(),
  accepted: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  rejected: z.array(
    z.object({
      index: z.number().int().nonnegative(),
      event_id: z.string().optional(),
      // Not an enum: a newer Cadent may add codes, and we keep whatever it says.
      code: z.string(),
      message: z.string(),
    }),
  ),
});

export type IngestResponse = z.infer<typeof ingestResponseSchema>;

export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string().optional() }),
});

/** Statuses after which the same request may succeed: nothing was stored. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}
