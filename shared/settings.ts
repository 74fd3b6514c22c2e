/** The user's settings: what each accepts, and the values a new install starts with. */
import { z } from 'zod';

import { isValidTimeZone } from './time-zone';

export interface Settings {
  /** IANA zone used for timestamps without an offset when a mapping does not name one. */
  defaultTimeZone: string;
  /** Days to keep request-log rows; 0 keeps them forever. */
  logRetentionDays: number;
  batchSize: number;
  concurrency: number;
}

export const DEFAULT_SETTINGS: Settings = {
  defaultTimeZone: 'UTC',
  logRetentionDays: 90,
  batchSize: 1000,
  concurrency: 2,
};

/** What each setting accepts; the store and the IPC table both check with it. */
export const settingsSchema = z.strictObject({
  defaultTimeZone: z
    .string()
    .refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Paris')
    // Stored in canonical spelling ("utc" → "UTC"), as the pipeline will compare it.
    .transform(
      (zone) => new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone,
    ),
  logRetentionDays: z
    .number()
    .int('must be a whole number of days')
    .min(0, 'must be 0 (keep forever) or more')
    .max(3650, 'must be at most 3650 days'),
  // Cadent takes at most 1,000 events per request.
  batchSize: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(1000, 'must be at most 1000'),
  concurrency: z
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(8, 'must be at most 8'),
}) satisfies z.ZodType<Settings>;
