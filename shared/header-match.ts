/**
 * Proposes a mapping from a file's headers and a few sample rows: "E-mail Address" is `em`,
 * "Billing Zip" is `zp`, a "Billing Name" of two words gives first and last name, an order
 * number that repeats over line items becomes the group. The user reviews every proposal.
 */
import { CONVERSION_TYPES, IDENTITY_FIELDS } from './cadent-fields';
import { guessPropertyType } from './property-value';

import type { IdentityField } from './cadent-fields';
import type { Mapping, PropertyMapping } from './mapping';

/** What a mapping line can be filled from, beyond the identity fields. */
export type MappingTarget =
  IdentityField | 'full-name' | 'event_id' | 'event_name' | 'event_time' | 'conversion_type';

export interface ColumnCandidate {
  column: string;
  /** 0..1: 1 for an exact header match with sample values that fit. */
  score: number;
}

export interface MappingSuggestion {
  mapping: Mapping;
  /** Columns ranked for each target, best first, for the column pickers. */
  candidates: Record<MappingTarget, ColumnCandidate[]>;
  /** Sentences for the user: what was guessed and what is left to decide. */
  notes: string[];
}

/** Proposes a mapping; `timeZone` is the zone assumed for times without an offset. */
export function suggestMapping(
  headers: readonly string[],
  sampleRows: readonly (readonly string[])[],
  timeZone = 'UTC',
): MappingSuggestion {
  const samples = (index: number): string[] =>
    sampleRows.map((row) => row[index] ?? '').filter((value) => value.trim() !== '');
  const candidates = rankCandidates(headers, samples);
  const used = new Set<string>();
  const take = (target: MappingTarget): string | undefined => {
    const best = candidates[target].find((candidate) => !used.has(candidate.column));
    if (best) used.add(best.column);
    return best?.column;
  };
  const notes: string[] = [];

  const eventIdColumn = take('event_id');
  const identity: Mapping['identity'] = {};
  for (const field of IDENTITY_FIELDS) {
    const column = take(field);
    if (column) identity[field] = { source: { column }, hash: true, sendUnhashedConfirmed: false };
  }
  if (!identity.fn && !identity.ln) {
    const fullName = take('full-name');
    if (fullName) {
      identity.fn = fromNamePart(fullName, 'first');
      identity.ln = fromNamePart(fullName, 'last');
      notes.push(`first and last name are split from "${fullName}"`);
    }
  }
  for (const field of IDENTITY_FIELDS) {
    const source = identity[field]?.source;
    if (source && 'column' in source && !('namePart' in source)) {
      const values = samples(headers.indexOf(source.column));
      if (values.length > 0 && values.every((value) => /^[0-9a-fA-F]{64}$/.test(value.trim()))) {
        notes.push(`"${source.column}" already holds SHA-256 hashes; they are sent as they are`);
      }
    }
  }

  const eventNameColumn = take('event_name');
  const eventTimeColumn = take('event_time');
  if (eventTimeColumn) {
    const values = samples(headers.indexOf(eventTimeColumn));
    if (values.some((value) => !HAS_UTC_OFFSET.test(value.trim()))) {
      notes.push(
        `"${eventTimeColumn}" has times without a UTC offset: they are read in ` +
          `${timeZone}; set the time zone the export was written in`,
      );
    }
  }
  const conversionTypeColumn = take('conversion_type');
  if (!conversionTypeColumn) notes.push('conversion type: pick one of the ten types');
  if (!eventNameColumn) notes.push('event name: "Purchase" is proposed; change it if needed');

  const groupBy =
    eventIdColumn && repeats(samples(headers.indexOf(eventIdColumn))) ? eventIdColumn : undefined;
  if (groupBy) notes.push(`rows are grouped into one event per "${groupBy}"`);
  if (!eventIdColumn) notes.push('no ID column: each event ID is derived from its content');

  const eventProperties = proposeProperties(headers, samples, used);

  return {
    mapping: {
      version: 1,
      ...(eventIdColumn ? { eventId: { column: eventIdColumn } } : {}),
      eventName: eventNameColumn ? { column: eventNameColumn } : { constant: 'Purchase' },
      ...(conversionTypeColumn ? { conversionType: { column: conversionTypeColumn } } : {}),
      ...(eventTimeColumn
        ? { eventTime: { column: eventTimeColumn, format: 'auto', timeZone } }
        : {}),
      identity,
      eventProperties,
      userProperties: [],
      ...(groupBy ? { groupBy } : {}),
      options: {
        decimalComma: false,
        dayMonthOrder: dayMonthOrderOf(identity.db, headers, samples),
        externalIdLowercase: false,
        foldAccents: false,
        acceptNonBinaryGender: false,
        postcodePrefixLength: null,
      },
    },
    candidates,
    notes,
  };
}

/** A time that says its own offset: "…Z", "… -0500", "…+01:00", "… UTC". Unix times are UTC. */
const HAS_UTC_OFFSET = /(?:Z|[+-]\d{2}:?\d{2}|\b(?:UTC|GMT))$|^\d{9,13}$/i;

/** Header spellings per target, compared after `simplifyHeader`. Best first. */
const HEADER_NAMES: Record<MappingTarget, readonly string[]> = {
  em: [
    'email',
    'emailaddress',
    'mail',
    'customeremail',
    'billingemail',
    'useremail',
    'hashedemail',
  ],
  fn: ['firstname', 'fname', 'givenname', 'forename', 'billingfirstname', 'customerfirstname'],
  ln: ['lastname', 'lname', 'surname', 'familyname', 'billinglastname', 'customerlastname'],
  'full-name': ['billingname', 'fullname', 'customername', 'name', 'shippingname', 'contactname'],
  db: ['dateofbirth', 'dob', 'birthdate', 'birthday', 'birthdt'],
  ge: ['gender', 'sex'],
  ct: ['city', 'billingcity', 'town', 'shippingcity', 'customercity'],
  st: [
    'state',
    'province',
    'billingprovince',
    'billingstate',
    'stateprovince',
    'region',
    'shippingprovince',
    'shippingstate',
    'provincecode',
    'statecode',
  ],
  zp: [
    'zip',
    'zipcode',
    'postalcode',
    'postcode',
    'billingzip',
    'billingpostalcode',
    'shippingzip',
    'postal',
  ],
  country: ['country', 'billingcountry', 'countrycode', 'shippingcountry'],
  'external-id': [
    'customerid',
    'externalid',
    'userid',
    'memberid',
    'loyaltyid',
    'crmid',
    'contactid',
    'accountid',
    'customernumber',
  ],
  event_id: [
    'eventid',
    'orderid',
    'transactionid',
    'ordernumber',
    'orderno',
    'conversionid',
    'invoicenumber',
    'name',
    'receiptnumber',
  ],
  event_name: ['event', 'eventname', 'action', 'conversionname', 'eventtype'],
  event_time: [
    'eventtime',
    'timestamp',
    'createdat',
    'orderdate',
    'conversiontime',
    'date',
    'time',
    'datetime',
    'paidat',
    'processedat',
    'eventdate',
    'purchasedate',
  ],
  conversion_type: ['conversiontype', 'conversioncategory', 'eventtype'],
};

/** "Léa Okoye" or "Okoye, Léa": words of letters, as people's names are written. */
function looksLikeFullName(value: string): boolean {
  return (
    /^\p{L}[\p{L}\p{M}'’.-]*(\s+\p{L}[\p{L}\p{M}'’.-]*)+,?$/u.test(value.trim()) ||
    /^\p{L}[\p{L}\p{M}'’. -]*,\s*\p{L}/u.test(value.trim())
  );
}

/** Whether sample values fit a target: a column of order numbers is no person's name. */
const VALUE_CHECKS: Partial<Record<MappingTarget, (value: string) => boolean>> = {
  em: (value) => value.includes('@') || /^[0-9a-fA-F]{64}$/.test(value.trim()),
  'full-name': looksLikeFullName,
  // A "Name" column of people's names is no order number: an event ID goes out unhashed.
  event_id: (value) => !looksLikeFullName(value),
  event_time: (value) => /\d/.test(value),
  conversion_type: isConversionType,
  // An "Event Type" column of conversion types is the conversion type, not the event name.
  event_name: (value) => !isConversionType(value),
};

function isConversionType(value: string): boolean {
  const spelled = value
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  return (CONVERSION_TYPES as readonly string[]).includes(spelled);
}

function rankCandidates(
  headers: readonly string[],
  samples: (index: number) => string[],
): Record<MappingTarget, ColumnCandidate[]> {
  const simplified = headers.map(simplifyHeader);
  // A header that is exactly one target's name is no weaker match for another target's
  // ("Event Time" is not an event name, "Full Name" not a last name).
  const allNames = new Set(Object.values(HEADER_NAMES).flat());
  const ranked = {} as Record<MappingTarget, ColumnCandidate[]>;
  for (const target of Object.keys(HEADER_NAMES) as MappingTarget[]) {
    const names = HEADER_NAMES[target];
    const check = VALUE_CHECKS[target];
    const list: ColumnCandidate[] = [];
    headers.forEach((column, index) => {
      const header = simplified[index] ?? '';
      const position = names.indexOf(header);
      const partial = allNames.has(header) ? 0 : partialScore(header, names);
      let score = position >= 0 ? 1 - position * 0.02 : partial;
      if (score === 0) return;
      const values = samples(index);
      if (check && values.length > 0) {
        const fitting = values.filter(check).length / values.length;
        if (fitting < 0.5) return;
        score *= 0.5 + fitting / 2;
      }
      list.push({ column, score: Math.round(score * 100) / 100 });
    });
    ranked[target] = list.sort((a, b) => b.score - a.score);
  }
  return ranked;
}

/** "Billing Zip" → "billingzip"; "E-mail Address" → "emailaddress". */
export function simplifyHeader(header: string): string {
  return header
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** A weaker match: the header contains a known name ("Customer E-mail (primary)"). */
function partialScore(header: string, names: readonly string[]): number {
  if (header.length === 0) return 0;
  // Short names ("name", "date", "time") inside longer headers match far too much.
  const found = names.find((name) => name.length >= 5 && header.includes(name));
  return found ? 0.6 : 0;
}

function fromNamePart(column: string, namePart: 'first' | 'last') {
  return { source: { column, namePart }, hash: true, sendUnhashedConfirmed: false };
}

function repeats(values: readonly string[]): boolean {
  return new Set(values).size < values.length;
}

/** Day first only when a sample proves it (a first part above 12 in D/M/YYYY). */
function dayMonthOrderOf(
  db: Mapping['identity']['db'],
  headers: readonly string[],
  samples: (index: number) => string[],
): 'month-first' | 'day-first' {
  const source = db?.source;
  if (!source || !('column' in source)) return 'month-first';
  const values = samples(headers.indexOf(source.column));
  const dayFirst = values.some((value) => {
    const match = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}$/.exec(value.trim());
    return match !== null && Number(match[1]) > 12;
  });
  return dayFirst ? 'day-first' : 'month-first';
}

/** Money and currency columns go out as event properties under Cadent's usual names. */
function proposeProperties(
  headers: readonly string[],
  samples: (index: number) => string[],
  used: Set<string>,
): PropertyMapping[] {
  const wanted: Array<{ names: readonly string[]; name: string }> = [
    {
      names: ['ordertotal', 'total', 'value', 'revenue', 'amount', 'totalprice', 'ordervalue'],
      name: 'value',
    },
    { names: ['currency', 'currencycode'], name: 'currency' },
  ];
  const properties: PropertyMapping[] = [];
  for (const { names, name } of wanted) {
    const index = headers.findIndex(
      (header) => !used.has(header) && names.includes(simplifyHeader(header)),
    );
    const column = headers[index];
    if (index < 0 || column === undefined) continue;
    used.add(column);
    const type = name === 'currency' ? 'string' : guessPropertyType(samples(index));
    properties.push({ column, name, type });
  }
  return properties;
}

/** A property column that looks like personal data, which properties send unhashed. */
export interface PropertyPrivacyWarning {
  kind: 'event' | 'user';
  name: string;
  column: string;
  /** The identity field the column looks like: "em", "fn", "full-name", ... */
  looksLike: MappingTarget;
  message: string;
}

const PERSONAL_TARGETS: readonly MappingTarget[] = [
  'em',
  'fn',
  'ln',
  'full-name',
  'db',
  'ct',
  'zp',
  'external-id',
];

/**
 * Event and user properties go out as they are, never hashed. A property whose header or
 * values look like an identity field (an email, a name, a date of birth) would send raw
 * personal data: the Map and Upload screens warn about each one.
 */
export function propertyPrivacyWarnings(
  mapping: Mapping,
  headers: readonly string[],
  sampleRows: readonly (readonly string[])[],
): PropertyPrivacyWarning[] {
  const samples = (index: number): string[] =>
    sampleRows.map((row) => row[index] ?? '').filter((value) => value.trim() !== '');
  const candidates = rankCandidates(headers, samples);
  const warnings: PropertyPrivacyWarning[] = [];
  const lists = [
    ['event', mapping.eventProperties],
    ['user', mapping.userProperties],
  ] as const;
  for (const [kind, properties] of lists) {
    for (const property of properties) {
      const index = headers.indexOf(property.column);
      const values = index >= 0 ? samples(index) : [];
      const byValue =
        values.length > 0 && values.every((value) => EMAIL_LIKE.test(value.trim())) ? 'em' : null;
      const byHeader = PERSONAL_TARGETS.find((target) =>
        candidates[target].some(
          (candidate) => candidate.column === property.column && candidate.score >= 0.9,
        ),
      );
      const looksLike = byValue ?? byHeader;
      if (!looksLike) continue;
      warnings.push({
        kind,
        name: property.name,
        column: property.column,
        looksLike,
        message:
          `"${property.column}" looks like ${PERSONAL_WORDS[looksLike] ?? 'personal data'}` +
          ` and would be sent unhashed as the ${kind} property "${property.name}"`,
      });
    }
  }
  return warnings;
}

const EMAIL_LIKE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const PERSONAL_WORDS: Partial<Record<MappingTarget, string>> = {
  em: 'email addresses',
  fn: 'first names',
  ln: 'last names',
  'full-name': "people's names",
  db: 'dates of birth',
  ct: 'cities',
  zp: 'zip codes',
  'external-id': 'customer IDs',
};
