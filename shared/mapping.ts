/**
 * The mapping: how the columns of one CSV export become Cadent fields. Its JSON form is what
 * `mapping suggest` prints, what `--mapping FILE` reads, and what the app saves per header
 * signature; `mappingSchema` below is its only definition.
 *
 * ```json
 * {
 *   "version": 1,
 *   "eventId": { "column": "Order ID" },
 *   "eventName": { "constant": "Purchase" },
 *   "conversionType": { "column": "Conversion Type" },
 *   "eventTime": { "column": "Event Time", "format": "auto", "timeZone": "America/Chicago" },
 *   "identity": {
 *     "em": { "source": { "column": "Email Address" }, "hash": true },
 *     "fn": { "source": { "column": "Billing Name", "namePart": "first" }, "hash": true }
 *   },
 *   "eventProperties": [{ "column": "Order Total", "name": "value", "type": "money" }],
 *   "userProperties": [],
 *   "groupBy": "Name",
 *   "options": { "decimalComma": false, "dayMonthOrder": "month-first" }
 * }
 * ```
 */
import { z } from 'zod';

import { MAX_EVENT_NAME_LENGTH, MAX_PROPERTY_KEY_LENGTH } from './cadent-contract';
import { CONVERSION_TYPES, IDENTITY_FIELDS } from './cadent-fields';
import { EVENT_TIME_FORMATS } from './event-time';
import { DEFAULT_NORMALIZATION_OPTIONS } from './normalize/types';
import { isValidTimeZone } from './time-zone';

import type { IdentityField } from './cadent-fields';

const columnName = z.string().min(1, 'a column name is required');

export const columnSourceSchema = z.object({ column: columnName }).strict();

const constantTextSchema = z
  .object({ constant: z.string().trim().min(1).max(MAX_EVENT_NAME_LENGTH) })
  .strict();

/** A person's first or last name taken from one full-name column ("Billing Name"). */
export const namePartSourceSchema = z
  .object({ column: columnName, namePart: z.enum(['first', 'last']) })
  .strict();

export const identitySourceSchema = z.union([
  namePartSourceSchema,
  columnSourceSchema,
  constantTextSchema,
]);

export const identityMappingSchema = z
  .object({
    source: identitySourceSchema,
    /** SHA-256 on the laptop. Off only for columns that hold hashes already. */
    hash: z.boolean().default(true),
    /**
     * With hashing off, values that are not 64-hex hashes are raw PII. They are sent only when
     * the user has confirmed it; otherwise the field is left out of those events.
     */
    sendUnhashedConfirmed: z.boolean().default(false),
  })
  .strict();

export const propertyMappingSchema = z
  .object({
    column: columnName,
    name: z.string().trim().min(1).max(MAX_PROPERTY_KEY_LENGTH),
    type: z.enum(['string', 'number', 'money', 'boolean']).default('string'),
  })
  .strict();

export const eventTimeMappingSchema = z
  .object({
    column: columnName,
    format: z.enum(EVENT_TIME_FORMATS).default('auto'),
    /** IANA zone for values without an offset; an offset in the value wins. */
    timeZone: z
      .string()
      .refine(isValidTimeZone, 'must be an IANA time zone such as America/Chicago')
      .default('UTC'),
  })
  .strict();

const identityShape = Object.fromEntries(
  IDENTITY_FIELDS.map((field) => [field, identityMappingSchema.optional()]),
) as Record<IdentityField, z.ZodOptional<typeof identityMappingSchema>>;

export const mappingOptionsSchema = z
  .object({
    /** "1.234,50" means 1234.5 in money and number columns. */
    decimalComma: z.boolean().default(false),
    dayMonthOrder: z
      .enum(['month-first', 'day-first'])
      .default(DEFAULT_NORMALIZATION_OPTIONS.dayMonthOrder),
    externalIdLowercase: z.boolean().default(DEFAULT_NORMALIZATION_OPTIONS.externalIdLowercase),
    foldAccents: z.boolean().default(DEFAULT_NORMALIZATION_OPTIONS.foldAccents),
    acceptNonBinaryGender: z.boolean().default(DEFAULT_NORMALIZATION_OPTIONS.acceptNonBinaryGender),
    postcodePrefixLength: z
      .number()
      .int()
      .min(2)
      .max(10)
      .nullable()
      .default(DEFAULT_NORMALIZATION_OPTIONS.postcodePrefixLength),
  })
  .strict();

export const mappingSchema = z
  .object({
    version: z.literal(1),
    /** Without an ID column, each event's ID is a digest of its content. */
    eventId: columnSourceSchema.optional(),
    eventName: z.union([columnSourceSchema, constantTextSchema]).optional(),
    conversionType: z
      .union([columnSourceSchema, z.object({ constant: z.enum(CONVERSION_TYPES) }).strict()])
      .optional(),
    eventTime: eventTimeMappingSchema.optional(),
    identity: z.object(identityShape).strict().default({}),
    eventProperties: z.array(propertyMappingSchema).default([]),
    userProperties: z.array(propertyMappingSchema).default([]),
    /** One event per value of this column; each field from the first row that has it. */
    groupBy: columnName.optional(),
    options: mappingOptionsSchema.default(mappingOptionsSchema.parse({})),
  })
  .strict();

export type Mapping = z.infer<typeof mappingSchema>;
export type MappingInput = z.input<typeof mappingSchema>;
export type IdentityMapping = z.infer<typeof identityMappingSchema>;
export type IdentitySource = z.infer<typeof identitySourceSchema>;
export type PropertyMapping = z.infer<typeof propertyMappingSchema>;
export type EventTimeMapping = z.infer<typeof eventTimeMappingSchema>;
export type MappingOptions = z.infer<typeof mappingOptionsSchema>;

/** A mapping with nothing chosen yet. */
export function emptyMapping(): Mapping {
  return mappingSchema.parse({ version: 1 });
}

/** Parses a mapping from its JSON form; errors name the path of each bad value. */
export function parseMapping(
  json: unknown,
): { ok: true; mapping: Mapping } | { ok: false; errors: string[] } {
  const result = mappingSchema.safeParse(json);
  if (result.success) return { ok: true, mapping: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join('.') : '(mapping)';
      return `${path}: ${issue.message}`;
    }),
  };
}

/**
 * The key under which a mapping is saved: the same headers in any order, case or spacing
 * give the same signature, so the next export from the same system finds its mapping.
 */
export function headerSignature(headers: readonly string[]): string {
  return [...headers]
    .map((header) => header.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' '))
    .sort()
    .join('\u001f');
}

/** Every column a mapping reads, for checking them against a file's headers. */
export function columnsUsedBy(mapping: Mapping): string[] {
  const columns = new Set<string>();
  const add = (source: object | undefined): void => {
    if (source && 'column' in source && typeof source.column === 'string') {
      columns.add(source.column);
    }
  };
  add(mapping.eventId);
  add(mapping.eventName);
  add(mapping.conversionType);
  add(mapping.eventTime);
  for (const field of IDENTITY_FIELDS) add(mapping.identity[field]?.source);
  for (const property of [...mapping.eventProperties, ...mapping.userProperties]) add(property);
  if (mapping.groupBy) columns.add(mapping.groupBy);
  return [...columns];
}

/**
 * What stops a mapping from being uploaded with a file of these headers to a dataset with
 * this match key: each problem a sentence that says which field and what to do.
 */
export function mappingProblems(
  mapping: Mapping,
  headers: readonly string[],
  matchKey: IdentityField | null,
): string[] {
  const problems: string[] = [];
  const known = new Set(headers);
  for (const column of columnsUsedBy(mapping)) {
    if (!known.has(column)) problems.push(`column "${column}" is not in this file`);
  }
  if (!mapping.eventName) problems.push('event name is not set: pick a column or type a name');
  if (!mapping.conversionType) {
    problems.push('conversion type is not set: pick a column or one of the ten types');
  }
  if (matchKey && !mapping.identity[matchKey]) {
    problems.push(`the dataset's match key ${matchKey} is not mapped to a column`);
  }
  if (!IDENTITY_FIELDS.some((field) => mapping.identity[field])) {
    problems.push('no identity field is mapped: map at least the match key');
  }
  for (const list of [mapping.eventProperties, mapping.userProperties]) {
    const seen = new Set<string>();
    const repeated = new Set<string>();
    for (const property of list) {
      if (seen.has(property.name)) repeated.add(property.name);
      seen.add(property.name);
    }
    for (const name of repeated) problems.push(`property name "${name}" is used more than once`);
  }
  return problems;
}
