/**
 * Builds one Cadent event from one row, or from the rows of one group, following a mapping.
 * Everything about a row that stops it from being sent, or that leaves a field out, comes
 * back as a problem naming the field, the column and what is wrong.
 */
import {
  MAX_EVENT_AGE_DAYS,
  MAX_EVENT_FUTURE_MS,
  MAX_EVENT_ID_LENGTH,
  MAX_EVENT_NAME_LENGTH,
} from './cadent-contract';
import {
  CONVERSION_TYPE_LABELS,
  CONVERSION_TYPES,
  IDENTITY_FIELD_LABELS,
  IDENTITY_FIELDS,
} from './cadent-fields';
import { parseEventTime } from './event-time';
import { columnsUsedBy } from './mapping';
import { splitFullName } from './name-split';
import { normalizeField } from './normalize';
import { parsePropertyValue } from './property-value';

import type { CadentEvent, CadentUser } from './cadent-contract';
import type { ConversionType, IdentityField } from './cadent-fields';
import type { IdentitySource, Mapping, PropertyMapping } from './mapping';
import type { NormalizationOptions } from './normalize/types';

/** One row of the file: its spreadsheet row number (header = 1) and its cells. */
export interface RowInput {
  row: number;
  cells: readonly string[];
}

export interface EventProblem {
  /** A Cadent field (`em`, `event_time`, ...) or `event_properties.<name>`. */
  field: string;
  column: string | null;
  code: string;
  message: string;
  /** A fatal problem keeps the event from being sent; the others only leave a field out. */
  fatal: boolean;
}

/** raw → normalized → sent, for one identity field of one event. */
export interface FieldTrace {
  field: IdentityField;
  column: string | null;
  raw: string | null;
  normalized: string | null;
  sent: string | null;
  status: 'hashed' | 'prehashed' | 'unhashed' | 'omitted';
  reason: string | null;
}

export interface BuiltEvent {
  firstRow: number;
  lastRow: number;
  /** Null when a fatal problem keeps the row from becoming an event. */
  event: CadentEvent | null;
  problems: EventProblem[];
  /** Identity fields whose value was already a SHA-256 hash and went out as is. */
  prehashed: IdentityField[];
  trace: FieldTrace[] | null;
}

export interface BuildContext {
  /** SHA-256 as 64 lowercase hex; the main process passes `crypto.hash`. */
  hash: (text: string) => string;
  /** The clock Cadent's event-time window and "future date of birth" are measured against. */
  now: Date;
  /** The dataset's match key; null when no dataset is chosen yet (preview). */
  matchKey: IdentityField | null;
}

/** A mapping resolved against one file's headers, ready to build events row after row. */
export interface CompiledMapping {
  mapping: Mapping;
  headers: readonly string[];
  context: BuildContext;
  normalization: NormalizationOptions;
  columnIndex: ReadonlyMap<string, number>;
  nowMs: number;
}

/** Resolves the mapping's columns; throws if a mapped column is not among the headers. */
export function compileMapping(
  mapping: Mapping,
  headers: readonly string[],
  context: BuildContext,
): CompiledMapping {
  const columnIndex = new Map<string, number>();
  headers.forEach((header, index) => {
    if (!columnIndex.has(header)) columnIndex.set(header, index);
  });
  const missing = columnsUsedBy(mapping).filter((column) => !columnIndex.has(column));
  if (missing.length > 0) {
    throw new Error(`the mapping reads columns this file does not have: ${missing.join(', ')}`);
  }
  const { decimalComma: _unused, ...normalizationSwitches } = mapping.options;
  return {
    mapping,
    headers,
    context,
    normalization: { ...normalizationSwitches, today: context.now.toISOString().slice(0, 10) },
    columnIndex,
    nowMs: context.now.getTime(),
  };
}

/** Builds the event for `rows` (one row, or every row of one group in file order). */
export function buildEvent(
  compiled: CompiledMapping,
  rows: readonly RowInput[],
  options: { trace?: boolean } = {},
): BuiltEvent {
  const reader = new GroupReader(compiled, rows);
  const problems: EventProblem[] = [];
  const fail = (field: string, column: string | null, code: string, message: string): void => {
    problems.push({ field, column, code, message, fatal: true });
  };
  const { mapping } = compiled;

  const eventName = readEventName(reader, mapping, fail);
  const conversionType = readConversionType(reader, mapping, fail);
  const eventTime = readEventTime(reader, compiled, fail);
  const identity = readIdentity(reader, compiled, problems, options.trace === true);
  const eventProperties = readProperties(reader, mapping.eventProperties, 'event', compiled, fail);
  const userProperties = readProperties(reader, mapping.userProperties, 'user', compiled, fail);

  const matchKey = compiled.context.matchKey;
  if (matchKey && identity.user[matchKey] === undefined) {
    const why = identity.omissions.get(matchKey) ?? 'not mapped';
    fail(
      matchKey,
      identity.columns.get(matchKey) ?? null,
      'missing_match_key',
      `no usable ${IDENTITY_FIELD_LABELS[matchKey].toLowerCase()} (${matchKey}), the ` +
        `dataset's match key: ${why}`,
    );
  } else if (!matchKey && Object.keys(identity.user).length === 0) {
    fail('user', null, 'missing_identity', 'no identity field has a usable value');
  }

  const event: Omit<CadentEvent, 'event_id'> = {
    event_name: eventName ?? '',
    ...(eventTime ? { event_time: eventTime } : {}),
    conversion_type: conversionType ?? 'system_generated',
    user: identity.user,
    ...(eventProperties ? { event_properties: eventProperties } : {}),
    ...(userProperties ? { user_properties: userProperties } : {}),
  };
  const eventId = readEventId(reader, mapping, event, compiled.context.hash, fail);

  const fatal = problems.some((problem) => problem.fatal);
  return {
    firstRow: rows[0]?.row ?? 0,
    lastRow: rows[rows.length - 1]?.row ?? 0,
    event: fatal || eventId === null ? null : { event_id: eventId, ...event },
    problems,
    prehashed: identity.prehashed,
    trace: options.trace ? identity.trace : null,
  };
}

/**
 * The ID an event gets when the mapping names no ID column: a digest of what it says, so
 * the same row always gets the same ID and a resent batch is deduplicated by Cadent.
 */
export function contentEventId(
  event: Omit<CadentEvent, 'event_id'>,
  hash: (text: string) => string,
): string {
  return `cu-${hash(canonicalJson(event)).slice(0, 40)}`;
}

type Fail = (field: string, column: string | null, code: string, message: string) => void;

/** Reads mapped cells from a group: each field from the first row that has a value. */
class GroupReader {
  constructor(
    private readonly compiled: CompiledMapping,
    private readonly rows: readonly RowInput[],
  ) {}

  /** The first non-blank cell of `column` in the group, or undefined. */
  cell(column: string): string | undefined {
    const index = this.compiled.columnIndex.get(column);
    if (index === undefined) return undefined;
    for (const row of this.rows) {
      const value = row.cells[index];
      if (value !== undefined && value.trim() !== '') return value;
    }
    return undefined;
  }
}

function readEventName(reader: GroupReader, mapping: Mapping, fail: Fail): string | null {
  const source = mapping.eventName;
  if (!source) {
    fail('event_name', null, 'missing_event_name', 'event name is not mapped');
    return null;
  }
  if ('constant' in source) return source.constant.trim();
  const value = reader.cell(source.column)?.trim();
  if (!value) {
    fail('event_name', source.column, 'missing_event_name', 'event name is blank');
    return null;
  }
  if (value.length > MAX_EVENT_NAME_LENGTH) {
    fail(
      'event_name',
      source.column,
      'invalid_event_name',
      `event name is ${value.length} characters; Cadent takes at most ${MAX_EVENT_NAME_LENGTH}`,
    );
    return null;
  }
  return value;
}

function readConversionType(
  reader: GroupReader,
  mapping: Mapping,
  fail: Fail,
): ConversionType | null {
  const source = mapping.conversionType;
  if (!source) {
    fail('conversion_type', null, 'invalid_conversion_type', 'conversion type is not mapped');
    return null;
  }
  if ('constant' in source) return source.constant;
  const raw = reader.cell(source.column);
  const type = raw === undefined ? undefined : CONVERSION_TYPE_BY_SPELLING.get(spelling(raw));
  if (!type) {
    const shown = raw === undefined ? 'blank' : `"${raw.trim()}"`;
    fail(
      'conversion_type',
      source.column,
      'invalid_conversion_type',
      `conversion type ${shown} is not one of Cadent's ten types`,
    );
    return null;
  }
  return type;
}

function readEventTime(reader: GroupReader, compiled: CompiledMapping, fail: Fail): string | null {
  const setting = compiled.mapping.eventTime;
  if (!setting) return null;
  const raw = reader.cell(setting.column);
  if (raw === undefined) {
    fail('event_time', setting.column, 'invalid_event_time', 'event time is blank');
    return null;
  }
  const parsed = parseEventTime(raw, { format: setting.format, timeZone: setting.timeZone });
  if (!parsed.ok) {
    fail('event_time', setting.column, 'invalid_event_time', parsed.message);
    return null;
  }
  const ageMs = compiled.nowMs - Date.parse(parsed.iso);
  if (ageMs > MAX_EVENT_AGE_DAYS * DAY_MS) {
    fail(
      'event_time',
      setting.column,
      'invalid_event_time',
      `event time ${parsed.iso} is more than ${MAX_EVENT_AGE_DAYS} days old; Cadent rejects it`,
    );
    return null;
  }
  if (-ageMs > MAX_EVENT_FUTURE_MS) {
    fail(
      'event_time',
      setting.column,
      'invalid_event_time',
      `event time ${parsed.iso} is more than an hour in the future`,
    );
    return null;
  }
  return parsed.iso;
}

interface IdentityResult {
  user: CadentUser;
  prehashed: IdentityField[];
  /** Why a mapped field was left out, in words. */
  omissions: Map<IdentityField, string>;
  columns: Map<IdentityField, string>;
  trace: FieldTrace[];
}

// Country first: the zip and state rules depend on it.
const IDENTITY_ORDER: readonly IdentityField[] = [
  'country',
  ...IDENTITY_FIELDS.filter((field) => field !== 'country'),
];

function readIdentity(
  reader: GroupReader,
  compiled: CompiledMapping,
  problems: EventProblem[],
  wantTrace: boolean,
): IdentityResult {
  const result: IdentityResult = {
    user: {},
    prehashed: [],
    omissions: new Map(),
    columns: new Map(),
    trace: [],
  };
  const { hash } = compiled.context;
  let country: string | undefined;

  for (const field of IDENTITY_ORDER) {
    const mapping = compiled.mapping.identity[field];
    if (!mapping) continue;
    const source = mapping.source;
    const column = 'column' in source ? source.column : null;
    if (column) result.columns.set(field, column);
    const raw = readIdentityRaw(reader, source);
    const normalized = normalizeField(field, raw, { country }, compiled.normalization);
    const trace: FieldTrace = {
      field,
      column,
      raw: raw ?? null,
      normalized: null,
      sent: null,
      status: 'omitted',
      reason: null,
    };

    if (normalized.kind === 'omitted') {
      const reason = normalized.detail ?? OMIT_REASON_WORDS[normalized.reason];
      // The detail may quote the cell; a fatal problem is journaled, so it gets the plain words.
      // Blank, n/a and the empty-string hash all mean the row has no value: one reason.
      result.omissions.set(
        field,
        normalized.reason === 'invalid' ? 'not a valid value' : 'no value',
      );
      trace.reason = reason;
      if (normalized.reason === 'invalid') {
        problems.push({ field, column, code: 'invalid_value', message: reason, fatal: false });
      }
    } else if (normalized.kind === 'prehashed') {
      result.user[field] = normalized.normalized;
      result.prehashed.push(field);
      Object.assign(trace, { normalized: normalized.normalized, sent: normalized.normalized });
      trace.status = 'prehashed';
    } else if (mapping.hash) {
      const hashed = hash(normalized.normalized);
      result.user[field] = hashed;
      Object.assign(trace, { normalized: normalized.normalized, sent: hashed, status: 'hashed' });
    } else if (mapping.sendUnhashedConfirmed) {
      result.user[field] = normalized.normalized;
      problems.push({
        field,
        column,
        code: 'sent_unhashed',
        message:
          `${field} goes out unhashed, as confirmed; Cadent's contract asks for a ` +
          'SHA-256 hash, so Cadent may reject the event',
        fatal: false,
      });
      Object.assign(trace, {
        normalized: normalized.normalized,
        sent: normalized.normalized,
        status: 'unhashed',
      });
    } else {
      const reason = 'hashing is off but the value is not a SHA-256 hash; it was held back';
      result.omissions.set(field, reason);
      Object.assign(trace, { normalized: normalized.normalized, reason });
      problems.push({ field, column, code: 'unhashed_value', message: reason, fatal: false });
    }

    if (field === 'country' && normalized.kind === 'value') country = normalized.normalized;
    if (wantTrace) result.trace.push(trace);
  }
  // Read country first, shown in Cadent's order.
  result.trace.sort((a, b) => IDENTITY_FIELDS.indexOf(a.field) - IDENTITY_FIELDS.indexOf(b.field));
  return result;
}

function readIdentityRaw(reader: GroupReader, source: IdentitySource): string | undefined {
  if ('constant' in source) return source.constant;
  const cell = reader.cell(source.column);
  if (!('namePart' in source) || cell === undefined) return cell;
  const parts = splitFullName(cell);
  const part = source.namePart === 'first' ? parts.first : parts.last;
  return part === '' ? undefined : part;
}

function readProperties(
  reader: GroupReader,
  properties: readonly PropertyMapping[],
  kind: 'event' | 'user',
  compiled: CompiledMapping,
  fail: Fail,
): Record<string, string | number | boolean> | null {
  if (properties.length === 0) return null;
  // No prototype: a property the user names "__proto__" is a key like any other.
  const bag: Record<string, string | number | boolean> = Object.create(null);
  const options = { decimalComma: compiled.mapping.options.decimalComma };
  for (const property of properties) {
    const raw = reader.cell(property.column);
    if (raw === undefined) continue;
    const parsed = parsePropertyValue(raw, property.type, options);
    if (!parsed.ok) {
      fail(
        `${kind}_properties.${property.name}`,
        property.column,
        'invalid_properties',
        parsed.message,
      );
    } else if (parsed.value !== undefined) {
      bag[property.name] = parsed.value;
    }
  }
  return Object.keys(bag).length > 0 ? bag : null;
}

function readEventId(
  reader: GroupReader,
  mapping: Mapping,
  event: Omit<CadentEvent, 'event_id'>,
  hash: (text: string) => string,
  fail: Fail,
): string | null {
  if (!mapping.eventId) return contentEventId(event, hash);
  const column = mapping.eventId.column;
  const value = reader.cell(column)?.trim();
  if (!value) {
    fail('event_id', column, 'missing_event_id', 'event ID is blank');
    return null;
  }
  if (value.length > MAX_EVENT_ID_LENGTH) {
    fail(
      'event_id',
      column,
      'invalid_event_id',
      `event ID is ${value.length} characters; Cadent takes at most ${MAX_EVENT_ID_LENGTH}`,
    );
    return null;
  }
  return value;
}

const DAY_MS = 24 * 60 * 60 * 1000;

const OMIT_REASON_WORDS = {
  missing: 'no value',
  blank: 'blank',
  placeholder: 'a placeholder such as n/a',
  empty_hash: 'the SHA-256 of an empty value',
  invalid: 'not a valid value',
} as const;

/** "Online purchase", "online-purchase" and "ONLINE_PURCHASE" all name online_purchase. */
function spelling(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

const CONVERSION_TYPE_BY_SPELLING: ReadonlyMap<string, ConversionType> = new Map(
  CONVERSION_TYPES.flatMap((type) => [
    [type, type] as const,
    [spelling(CONVERSION_TYPE_LABELS[type]), type] as const,
    [spelling(CONVERSION_TYPE_LABELS[type].replace(/-/g, '')), type] as const,
  ]),
);

/** JSON with object keys sorted, so equal content always gives equal text. */
function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
}
