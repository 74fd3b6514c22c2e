import { z } from 'zod';

import { StoreError } from './errors';

/**
 * Checks `value` against `schema` and returns the parsed value, or throws a StoreError that
 * names every bad field, so a caller's mistake reads as a sentence rather than a zod dump.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;

  throw new StoreError('invalid-input', `Invalid ${what}: ${describeIssues(result.error)}.`, {
    cause: result.error,
  });
}

/** A connection's name: also the keychain account, so it must be stable and printable. */
export const connectionNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(100, 'must be at most 100 characters')
  .refine((name) => name.trim() === name, 'must not start or end with spaces')
  .refine((name) => !/\p{Cc}/u.test(name), 'must not contain control characters');

/** ISO 8601 with an offset, stored as UTC with a Z so text order is time order. */
export const isoTimeSchema = z.iso
  .datetime({ offset: true, error: 'must be an ISO 8601 date-time with an offset' })
  .transform((time) => new Date(time).toISOString());

export const countSchema = z
  .number()
  .int('must be a whole number')
  .nonnegative('must not be negative');

export const nonEmptySchema = z.string().refine((text) => text.trim() !== '', 'must not be empty');

export const jsonTextSchema = z.string().refine(isJson, 'must be valid JSON');

/** An http(s) URL with no user name or password in it: the endpoint is stored in plain text. */
export const endpointSchema = z.string().refine((text) => {
  const url = URL.parse(text);
  return (
    url !== null &&
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.username === '' &&
    url.password === ''
  );
}, 'must be an http or https URL without credentials');

export const pageSchema = z.strictObject({
  limit: countSchema.optional(),
  offset: countSchema.optional(),
});

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
