import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { CONVERSION_TYPES } from '../../shared/cadent-fields';
import {
  columnsUsedBy,
  emptyMapping,
  headerSignature,
  mappingProblems,
  mappingSchema,
  parseMapping,
} from '../../shared/mapping';

import type { Mapping, MappingInput } from '../../shared/mapping';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'mappings');
const SAMPLE_DATA = '/work/shared/data';

function headersOf(sample: string): string[] {
  const text = readFileSync(join(SAMPLE_DATA, sample), 'utf8');
  return (text.split(/\r?\n/)[0] ?? '').split(',');
}

function parsed(input: unknown): Mapping {
  const result = parseMapping(input);
  if (!result.ok) throw new Error(`expected the mapping to parse: ${result.errors.join('; ')}`);
  return result.mapping;
}

function errorsOf(input: unknown): string[] {
  const result = parseMapping(input);
  if (result.ok) throw new Error('expected the mapping to be refused');
  return result.errors;
}

const COMPLETE: MappingInput = {
  version: 1,
  eventId: { column: 'Order ID' },
  eventName: { constant: 'Purchase' },
  conversionType: { constant: 'online_purchase' },
  eventTime: { column: 'Event Time' },
  identity: {
    em: { source: { column: 'Email' } },
    fn: { source: { column: 'Billing Name', namePart: 'first' } },
  },
  eventProperties: [{ column: 'Total', name: 'value', type: 'money' }],
  userProperties: [{ column: 'Tier', name: 'loyalty_tier' }],
  groupBy: 'Order ID',
};
const COMPLETE_HEADERS = ['Order ID', 'Event Time', 'Email', 'Billing Name', 'Total', 'Tier'];

describe('parseMapping', () => {
  it('applies the defaults', () => {
    const mapping = parsed({
      version: 1,
      eventTime: { column: 'Created at' },
      identity: { em: { source: { column: 'Email' } } },
      eventProperties: [{ column: 'Total', name: 'value' }],
    });
    expect(mapping.eventTime).toEqual({ column: 'Created at', format: 'auto', timeZone: 'UTC' });
    expect(mapping.identity.em).toEqual({
      source: { column: 'Email' },
      hash: true,
      sendUnhashedConfirmed: false,
    });
    expect(mapping.eventProperties).toEqual([{ column: 'Total', name: 'value', type: 'string' }]);
    expect(mapping.userProperties).toEqual([]);
    expect(mapping.options).toEqual({
      decimalComma: false,
      dayMonthOrder: 'month-first',
      externalIdLowercase: false,
      foldAccents: false,
      acceptNonBinaryGender: false,
      postcodePrefixLength: null,
    });
  });

  it('fills the options a partial options object leaves out', () => {
    const mapping = parsed({ version: 1, options: { decimalComma: true } });
    expect(mapping.options).toMatchObject({ decimalComma: true, dayMonthOrder: 'month-first' });
  });

  it('gives an empty mapping with nothing chosen', () => {
    expect(emptyMapping()).toEqual(parsed({ version: 1 }));
    expect(emptyMapping().identity).toEqual({});
    // Each call is a fresh object: editing one does not change the next.
    const first = emptyMapping();
    first.identity.em = { source: { column: 'Email' }, hash: true, sendUnhashedConfirmed: false };
    first.options.decimalComma = true;
    expect(emptyMapping().identity).toEqual({});
    expect(emptyMapping().options.decimalComma).toBe(false);
  });

  it('trims constants and property names', () => {
    const mapping = parsed({
      version: 1,
      eventName: { constant: '  Purchase ' },
      eventProperties: [{ column: 'Total', name: ' value ' }],
    });
    expect(mapping.eventName).toEqual({ constant: 'Purchase' });
    expect(mapping.eventProperties[0]?.name).toBe('value');
  });

  it('names the path of each bad value', () => {
    const errors = errorsOf({
      version: 1,
      eventTime: { column: 'Created at', format: 'sometimes' },
      identity: { em: { source: { column: '' } } },
      eventProperties: [
        { column: 'Total', name: 'value' },
        { column: 'Tax', name: '' },
      ],
    });
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^eventTime\.format: /),
        expect.stringMatching(/^identity\.em\.source/),
        expect.stringMatching(/^eventProperties\.1\.name: /),
      ]),
    );
  });

  it('names the mapping itself when it is not an object', () => {
    expect(errorsOf('nope')).toEqual([expect.stringMatching(/^\(mapping\): /)]);
    expect(errorsOf(null)).toEqual([expect.stringMatching(/^\(mapping\): /)]);
  });

  it('refuses another version', () => {
    expect(errorsOf({ version: 2 })).toEqual([expect.stringMatching(/^version: /)]);
    expect(errorsOf({})).toEqual([expect.stringMatching(/^version: /)]);
  });

  it.each([
    [{ version: 1, extra: true }, ''],
    [{ version: 1, options: { decimalPoint: true } }, 'options'],
    [{ version: 1, identity: { email: { source: { column: 'Email' } } } }, 'identity'],
    [{ version: 1, eventTime: { column: 'T', zone: 'UTC' } }, 'eventTime'],
    [
      { version: 1, eventProperties: [{ column: 'T', name: 'v', kind: 'money' }] },
      'eventProperties.0',
    ],
  ])('refuses unknown keys (%j)', (input, path) => {
    const errors = errorsOf(input);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(path === '' ? /^\(mapping\): / : new RegExp(`^${path}: `));
  });

  it('refuses an identity source that is both, or neither, a column and a constant', () => {
    errorsOf({ version: 1, identity: { em: { source: { column: 'A', constant: 'b' } } } });
    errorsOf({ version: 1, identity: { em: { source: {} } } });
    errorsOf({
      version: 1,
      identity: { fn: { source: { column: 'Billing Name', namePart: 'middle' } } },
    });
  });

  it('takes one of the ten conversion types as a constant, and nothing else', () => {
    for (const type of CONVERSION_TYPES) {
      expect(parsed({ version: 1, conversionType: { constant: type } }).conversionType).toEqual({
        constant: type,
      });
    }
    expect(CONVERSION_TYPES).toHaveLength(10);
    for (const bad of ['purchase', 'Online purchase', 'ONLINE_PURCHASE', '']) {
      expect(errorsOf({ version: 1, conversionType: { constant: bad } })[0]).toMatch(
        /^conversionType/,
      );
    }
  });

  it('limits names to what Cadent takes', () => {
    parsed({ version: 1, eventName: { constant: 'x'.repeat(256) } });
    errorsOf({ version: 1, eventName: { constant: 'x'.repeat(257) } });
    errorsOf({ version: 1, eventName: { constant: '   ' } });
    parsed({ version: 1, eventProperties: [{ column: 'A', name: 'k'.repeat(64) }] });
    errorsOf({ version: 1, eventProperties: [{ column: 'A', name: 'k'.repeat(65) }] });
  });

  it('limits the postcode prefix length', () => {
    parsed({ version: 1, options: { postcodePrefixLength: 3 } });
    errorsOf({ version: 1, options: { postcodePrefixLength: 1 } });
    errorsOf({ version: 1, options: { postcodePrefixLength: 2.5 } });
  });

  it('round-trips through JSON', () => {
    const mapping = parsed(COMPLETE);
    expect(parsed(JSON.parse(JSON.stringify(mapping)))).toEqual(mapping);
  });
});

describe('the fixtures', () => {
  it.each([
    ['crm-conversions.json', 'crm-conversions.csv'],
    ['shopify-orders-export.json', 'shopify-orders-export.csv'],
  ])('%s parses and fits the headers of %s with match key em', (fixture, sample) => {
    const json: unknown = JSON.parse(readFileSync(join(FIXTURES, fixture), 'utf8'));
    const mapping = parsed(json);
    // Nothing in the file is left to a default: it parses to itself.
    expect(mapping).toEqual(json);
    expect(mappingProblems(mapping, headersOf(sample), 'em')).toEqual([]);
  });
});

describe('headerSignature', () => {
  const headers = ['Email Address', 'First Name', 'Order ID'];

  it('is the same in any order, case or spacing', () => {
    const signature = headerSignature(headers);
    expect(headerSignature(['Order ID', 'Email Address', 'First Name'])).toBe(signature);
    expect(headerSignature(['EMAIL ADDRESS', 'first name', 'order id'])).toBe(signature);
    expect(headerSignature(['  Email   Address ', 'First\tName', 'Order ID'])).toBe(signature);
    expect(headerSignature(['Email\u00A0Address', 'First Name', 'Order ID'])).toBe(signature);
  });

  it('is the same for composed and decomposed accents', () => {
    expect(headerSignature(['Pr\u00E9nom'])).toBe(headerSignature(['Pre\u0301nom']));
  });

  it('differs for other headers, a missing or an extra one', () => {
    const signature = headerSignature(headers);
    expect(headerSignature(['Email Address', 'First Name'])).not.toBe(signature);
    expect(headerSignature([...headers, 'Phone'])).not.toBe(signature);
    expect(headerSignature(['Email', 'First Name', 'Order ID'])).not.toBe(signature);
    // The separator keeps header boundaries: two headers are not one with a space.
    expect(headerSignature(['a b', 'c'])).not.toBe(headerSignature(['a', 'b c']));
  });

  it('does not change the headers it is given', () => {
    const given = ['B', 'A'];
    headerSignature(given);
    expect(given).toEqual(['B', 'A']);
  });
});

describe('columnsUsedBy', () => {
  it('lists every column the mapping reads, once', () => {
    expect(columnsUsedBy(parsed(COMPLETE)).sort()).toEqual([...COMPLETE_HEADERS].sort());
  });

  it('does not list constants', () => {
    const mapping = parsed({
      version: 1,
      eventName: { constant: 'Purchase' },
      identity: { country: { source: { constant: 'US' } } },
    });
    expect(columnsUsedBy(mapping)).toEqual([]);
  });
});

describe('mappingProblems', () => {
  it('finds none in a complete mapping that fits the file', () => {
    expect(mappingProblems(parsed(COMPLETE), COMPLETE_HEADERS, 'em')).toEqual([]);
    expect(mappingProblems(parsed(COMPLETE), COMPLETE_HEADERS, null)).toEqual([]);
  });

  it('names each column the file does not have', () => {
    const headers = COMPLETE_HEADERS.filter((header) => header !== 'Total' && header !== 'Email');
    expect(mappingProblems(parsed(COMPLETE), headers, 'em')).toEqual([
      'column "Email" is not in this file',
      'column "Total" is not in this file',
    ]);
  });

  it('compares column names exactly', () => {
    const headers = COMPLETE_HEADERS.map((header) => (header === 'Email' ? 'email' : header));
    expect(mappingProblems(parsed(COMPLETE), headers, 'em')).toEqual([
      'column "Email" is not in this file',
    ]);
  });

  it('asks for an event name and a conversion type', () => {
    const { eventName: _name, conversionType: _type, ...rest } = COMPLETE;
    const problems = mappingProblems(parsed(rest), COMPLETE_HEADERS, 'em');
    expect(problems).toEqual([
      'event name is not set: pick a column or type a name',
      'conversion type is not set: pick a column or one of the ten types',
    ]);
  });

  it("asks for the dataset's match key", () => {
    const problems = mappingProblems(parsed(COMPLETE), COMPLETE_HEADERS, 'external-id');
    expect(problems).toEqual(["the dataset's match key external-id is not mapped to a column"]);
  });

  it('asks for at least one identity field', () => {
    const problems = mappingProblems(parsed({ ...COMPLETE, identity: {} }), COMPLETE_HEADERS, null);
    expect(problems).toEqual(['no identity field is mapped: map at least the match key']);
  });

  it('refuses a property name used more than once in one list, once, not across lists', () => {
    const twice = parsed({
      ...COMPLETE,
      eventProperties: [
        { column: 'Total', name: 'value' },
        { column: 'Tier', name: 'value' },
        { column: 'Email', name: 'value' },
      ],
    });
    expect(mappingProblems(twice, COMPLETE_HEADERS, 'em')).toEqual([
      'property name "value" is used more than once',
    ]);
    const across = parsed({
      ...COMPLETE,
      eventProperties: [{ column: 'Total', name: 'tier' }],
      userProperties: [{ column: 'Tier', name: 'tier' }],
    });
    expect(mappingProblems(across, COMPLETE_HEADERS, 'em')).toEqual([]);
  });

  it('lists every problem at once', () => {
    const problems = mappingProblems(parsed({ version: 1, groupBy: 'Order' }), ['A'], 'em');
    expect(problems).toEqual([
      'column "Order" is not in this file',
      'event name is not set: pick a column or type a name',
      'conversion type is not set: pick a column or one of the ten types',
      "the dataset's match key em is not mapped to a column",
      'no identity field is mapped: map at least the match key',
    ]);
  });
});

describe('mappingSchema', () => {
  it('is what parseMapping applies', () => {
    expect(mappingSchema.parse(COMPLETE)).toEqual(parsed(COMPLETE));
  });
});
