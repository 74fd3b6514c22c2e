import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { propertyPrivacyWarnings, simplifyHeader, suggestMapping } from '../../shared/header-match';
import { mappingSchema, parseMapping } from '../../shared/mapping';

import type { MappingSuggestion } from '../../shared/header-match';
import type { Mapping } from '../../shared/mapping';

const SAMPLE_DATA = '/work/shared/data';
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'mappings');

/** Header and rows of a sample file: neither sample quotes any cell, so a split is enough. */
function readSample(name: string): { headers: string[]; rows: string[][] } {
  const text = readFileSync(join(SAMPLE_DATA, name), 'utf8');
  expect(text).not.toContain('"');
  const [headers = [], ...rows] = text
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map((line) => line.split(','));
  return { headers, rows };
}

function readFixture(name: string): Mapping {
  return mappingSchema.parse(JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')));
}

/** The suggestion for `headers`, checked to parse as a mapping. */
function suggest(
  headers: readonly string[],
  rows: readonly (readonly string[])[] = [],
  timeZone?: string,
): MappingSuggestion {
  const suggestion = suggestMapping(headers, rows, timeZone);
  const parsed = mappingSchema.safeParse(suggestion.mapping);
  expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
  expect(parsed.data).toEqual(suggestion.mapping);
  return suggestion;
}

/** The column each mapped identity field reads, with `first`/`last` for name parts. */
function identityColumns(mapping: Mapping): Record<string, string> {
  return Object.fromEntries(
    Object.entries(mapping.identity).map(([field, setting]) => {
      const source = setting?.source ?? {};
      const columnName = 'column' in source ? source.column : '(constant)';
      return [field, 'namePart' in source ? `${columnName}/${source.namePart}` : columnName];
    }),
  );
}

describe('suggestMapping on the CRM sample', () => {
  const { headers, rows } = readSample('crm-conversions.csv');
  const suggestion = suggest(headers, rows.slice(0, 20), 'America/Chicago');
  const { mapping } = suggestion;

  it('maps every identity field from its column, hashed', () => {
    expect(identityColumns(mapping)).toEqual({
      em: 'Email Address',
      fn: 'First Name',
      ln: 'Last Name',
      db: 'Date of Birth',
      ge: 'Gender',
      ct: 'City',
      st: 'State',
      zp: 'Zip Code',
      country: 'Country',
      'external-id': 'Customer ID',
    });
    for (const setting of Object.values(mapping.identity)) {
      expect(setting).toMatchObject({ hash: true, sendUnhashedConfirmed: false });
    }
  });

  it('maps the event fields and the money properties', () => {
    expect(mapping.eventId).toEqual({ column: 'Order ID' });
    expect(mapping.eventName).toEqual({ column: 'Event' });
    expect(mapping.conversionType).toEqual({ column: 'Conversion Type' });
    expect(mapping.eventTime).toEqual({
      column: 'Event Time',
      format: 'auto',
      timeZone: 'America/Chicago',
    });
    expect(mapping.eventProperties).toEqual([
      { column: 'Order Total', name: 'value', type: 'number' },
      { column: 'Currency', name: 'currency', type: 'string' },
    ]);
    expect(mapping.userProperties).toEqual([]);
  });

  it('does not group rows whose order IDs are all different', () => {
    expect(mapping.groupBy).toBeUndefined();
    expect(mapping.options.dayMonthOrder).toBe('month-first');
    // The only note: its times carry no offset, so the zone they are read in matters.
    expect(suggestion.notes).toEqual([
      expect.stringMatching(/^"Event Time" has times without a UTC offset: they are read in /),
    ]);
  });

  it('is the mapping kept in the CRM fixture', () => {
    expect(mapping).toEqual(readFixture('crm-conversions.json'));
  });

  it('ranks candidates best first, each a column of the file', () => {
    expect(suggestion.candidates.em[0]?.column).toBe('Email Address');
    for (const list of Object.values(suggestion.candidates)) {
      const scores = list.map((candidate) => candidate.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const candidate of list) {
        expect(headers).toContain(candidate.column);
        expect(candidate.score).toBeGreaterThan(0);
        expect(candidate.score).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('suggestMapping on the Shopify sample', () => {
  const { headers, rows } = readSample('shopify-orders-export.csv');
  const suggestion = suggest(headers, rows.slice(0, 20));
  const { mapping } = suggestion;

  it('groups the line items of one order by "Name", which is also the event ID', () => {
    expect(mapping.eventId).toEqual({ column: 'Name' });
    expect(mapping.groupBy).toBe('Name');
    expect(suggestion.notes).toContain('rows are grouped into one event per "Name"');
  });

  it('splits first and last name from "Billing Name" and maps the billing address', () => {
    expect(identityColumns(mapping)).toEqual({
      em: 'Email',
      fn: 'Billing Name/first',
      ln: 'Billing Name/last',
      ct: 'Billing City',
      st: 'Billing Province',
      zp: 'Billing Zip',
      country: 'Billing Country',
    });
    expect(suggestion.notes).toContain('first and last name are split from "Billing Name"');
  });

  it('takes "Created at" as the event time and proposes a constant event name', () => {
    expect(mapping.eventTime).toEqual({ column: 'Created at', format: 'auto', timeZone: 'UTC' });
    expect(mapping.eventName).toEqual({ constant: 'Purchase' });
    expect(suggestion.notes).toContain('event name: "Purchase" is proposed; change it if needed');
  });

  it('leaves the conversion type to the user, and says so', () => {
    expect(mapping.conversionType).toBeUndefined();
    expect(suggestion.notes).toContain('conversion type: pick one of the ten types');
  });

  it('proposes the order total and currency as event properties', () => {
    expect(mapping.eventProperties.map(({ column, name }) => ({ column, name }))).toEqual([
      { column: 'Total', name: 'value' },
      { column: 'Currency', name: 'currency' },
    ]);
    expect(['number', 'money']).toContain(mapping.eventProperties[0]?.type);
  });

  it('agrees with the Shopify fixture except for what the user decides', () => {
    const fixture = readFixture('shopify-orders-export.json');
    const { conversionType: _chosen, eventProperties: _typed, ...decided } = fixture;
    expect(mapping).toMatchObject(decided);
  });
});

describe('header spellings', () => {
  it.each([
    ['E-mail Address', 'em'],
    ['Email', 'em'],
    ['Customer Email', 'em'],
    ['Customer E-mail (primary)', 'em'],
    ['Billing Zip', 'zp'],
    ['Postal Code', 'zp'],
    ['ZIP', 'zp'],
    ['DOB', 'db'],
    ['Birthdate', 'db'],
    ['Sex', 'ge'],
    ['Town', 'ct'],
    ['State/Province', 'st'],
    ['Country Code', 'country'],
    ['Surname', 'ln'],
    ['Given name', 'fn'],
    ['Loyalty ID', 'external-id'],
  ] as const)('maps %j to %s', (header, field) => {
    expect(identityColumns(suggest([header]).mapping)).toEqual({ [field]: header });
  });

  it('prefers "Postal Code" over "Billing Zip" when a file has both', () => {
    const { mapping } = suggest(['Billing Zip', 'Postal Code']);
    expect(identityColumns(mapping)).toEqual({ zp: 'Postal Code' });
  });

  it.each(['Created at', 'Timestamp', 'Order Date', 'Event Time', 'Event Date', 'Paid at'])(
    'takes %j as the event time',
    (header) => {
      const { mapping } = suggest(['Email', header], [['a@example.com', '2026-11-14 18:35']]);
      expect(mapping.eventTime?.column).toBe(header);
      // A time column is never proposed as the event name too.
      expect(mapping.eventName).toEqual({ constant: 'Purchase' });
    },
  );

  it('maps each column to at most one field', () => {
    const { mapping } = suggest(['Email', 'Email Address', 'Name', 'Event', 'Event Time']);
    const columns = [
      ...Object.values(identityColumns(mapping)),
      ...[mapping.eventId, mapping.eventName, mapping.eventTime, mapping.conversionType].flatMap(
        (source) => (source && 'column' in source ? [source.column] : []),
      ),
    ];
    expect(new Set(columns).size).toBe(columns.length);
  });

  it('splits a full-name column instead of taking it for a last name', () => {
    const { mapping, notes } = suggest(['Email', 'Full Name'], [['a@example.com', 'Léa Okoye']]);
    expect(identityColumns(mapping)).toEqual({
      em: 'Email',
      fn: 'Full Name/first',
      ln: 'Full Name/last',
    });
    expect(notes).toContain('first and last name are split from "Full Name"');
  });

  it('keeps separate first and last name columns rather than splitting a full name', () => {
    const { mapping } = suggest(['First Name', 'Last Name', 'Billing Name']);
    expect(identityColumns(mapping)).toEqual({ fn: 'First Name', ln: 'Last Name' });
  });

  it("does not take a column of people's names for the event ID", () => {
    const { mapping } = suggest(
      ['Name', 'Email'],
      [
        ['Léa Okoye', 'lea@example.com'],
        ['Léa Okoye', 'lea@example.com'],
        ['Ann Lee', 'ann@example.com'],
      ],
    );
    expect(mapping.eventId).toBeUndefined();
    expect(mapping.groupBy).toBeUndefined();
    expect(identityColumns(mapping)).toMatchObject({ fn: 'Name/first', ln: 'Name/last' });
  });

  it('refuses a header match whose values do not fit', () => {
    const { mapping } = suggest(['Email Opt In'], [['yes'], ['no']]);
    expect(mapping.identity).toEqual({});
  });

  it('proposes nothing for unknown headers, with notes on what is left', () => {
    const { mapping, notes } = suggest(['Foo', 'Bar']);
    expect(mapping).toEqual(
      mappingSchema.parse({ version: 1, eventName: { constant: 'Purchase' } }),
    );
    expect(notes).toEqual([
      'conversion type: pick one of the ten types',
      'event name: "Purchase" is proposed; change it if needed',
      'no ID column: each event ID is derived from its content',
    ]);
  });

  it('takes an "Event Type" of conversion types for the conversion type', () => {
    const { mapping } = suggest(
      ['Email', 'Event Type', 'Event'],
      [['a@example.com', 'online_purchase', 'Purchase']],
    );
    expect(mapping.conversionType).toEqual({ column: 'Event Type' });
    expect(mapping.eventName).toEqual({ column: 'Event' });
    const named = suggest(['Email', 'Event Type'], [['a@example.com', 'Signup']]).mapping;
    expect(named.eventName).toEqual({ column: 'Event Type' });
    expect(named.conversionType).toBeUndefined();
  });

  it('finds a conversion type column only when its values are conversion types', () => {
    const good = suggest(['Email', 'Conversion Type'], [['a@example.com', 'Online purchase']]);
    expect(good.mapping.conversionType).toEqual({ column: 'Conversion Type' });
    const bad = suggest(['Email', 'Conversion Type'], [['a@example.com', 'web']]);
    expect(bad.mapping.conversionType).toBeUndefined();
  });
});

describe('sample values', () => {
  const HASH = 'b4c9a289323b21a01c3e940f150eb9b8c542587f1abfd8f0e1cc1ffc5e475514';

  it('notes a column that holds SHA-256 hashes already', () => {
    const { mapping, notes } = suggest(
      ['Hashed Email', 'Zip'],
      [
        [HASH, '02134'],
        [HASH.toUpperCase(), '02135'],
      ],
    );
    expect(identityColumns(mapping)).toEqual({ em: 'Hashed Email', zp: 'Zip' });
    expect(notes).toContain(
      '"Hashed Email" already holds SHA-256 hashes; they are sent as they are',
    );
    expect(notes.filter((note) => note.includes('SHA-256'))).toHaveLength(1);
  });

  it('does not note a column where only some values are hashes', () => {
    const { notes } = suggest(['Email'], [[HASH], ['a@example.com']]);
    expect(notes.some((note) => note.includes('SHA-256'))).toBe(false);
  });

  it('reads dates of birth day first when a day above 12 proves it', () => {
    const dayFirst = suggest(
      ['Email', 'DOB'],
      [
        ['a@example.com', '04/07/1990'],
        ['', '13/07/1990'],
      ],
    );
    expect(dayFirst.mapping.options.dayMonthOrder).toBe('day-first');
    const dotted = suggest(['DOB'], [['25.12.1980']]);
    expect(dotted.mapping.options.dayMonthOrder).toBe('day-first');
  });

  it('keeps month first when no sample proves otherwise', () => {
    const ambiguous = suggest(['DOB'], [['04/07/1990'], ['12/12/1990']]);
    expect(ambiguous.mapping.options.dayMonthOrder).toBe('month-first');
    const us = suggest(['DOB'], [['02/16/1997']]);
    expect(us.mapping.options.dayMonthOrder).toBe('month-first');
    const iso = suggest(['DOB'], [['1990-07-13']]);
    expect(iso.mapping.options.dayMonthOrder).toBe('month-first');
  });

  it('ignores blank sample cells and short rows', () => {
    const { mapping } = suggest(['Email', 'Order ID'], [['a@example.com'], ['', ''], ['', 'A1']]);
    expect(mapping.eventId).toEqual({ column: 'Order ID' });
    expect(mapping.groupBy).toBeUndefined();
  });

  it('groups by the ID column when its sample values repeat', () => {
    const { mapping } = suggest(
      ['Order ID', 'Email'],
      [
        ['A1', 'a@example.com'],
        ['A1', 'a@example.com'],
        ['A2', 'b@example.com'],
      ],
    );
    expect(mapping.groupBy).toBe('Order ID');
  });
});

describe('simplifyHeader', () => {
  it.each([
    ['Billing Zip', 'billingzip'],
    ['E-mail Address', 'emailaddress'],
    ['  Created at ', 'createdat'],
    ['Date of Birth', 'dateofbirth'],
    ['Código Postal', 'codigopostal'],
    ['ZIP_CODE', 'zipcode'],
    ['État', 'etat'],
    ['', ''],
  ])('%j → %j', (header, simplified) => {
    expect(simplifyHeader(header)).toBe(simplified);
  });
});

describe('propertyPrivacyWarnings', () => {
  it('warns about properties that would send personal data unhashed', () => {
    const headers = ['Email', 'Billing Name', 'Total', 'Contact'];
    const rows = [['a@example.com', 'Léa Okoye', '12.00', 'b@example.com']];
    const mapping = parseMapping({
      version: 1,
      eventProperties: [{ column: 'Total', name: 'value', type: 'money' }],
      userProperties: [
        { column: 'Billing Name', name: 'who' },
        { column: 'Contact', name: 'contact' },
      ],
    });
    if (!mapping.ok) throw new Error('mapping');
    const warnings = propertyPrivacyWarnings(mapping.mapping, headers, rows);
    expect(warnings.map((w) => [w.kind, w.name, w.looksLike])).toEqual([
      ['user', 'who', 'full-name'],
      ['user', 'contact', 'em'],
    ]);
    expect(warnings[1]?.message).toContain('email addresses');
  });
});
