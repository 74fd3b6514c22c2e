import { describe, expect, it } from 'vitest';

import { sha256Hex } from '../../electron/pipeline/sha256';
import { buildEvent, compileMapping, contentEventId } from '../../shared/build-event';
import { cadentEventSchema } from '../../shared/cadent-contract';
import { mappingSchema } from '../../shared/mapping';

import type { BuiltEvent, CompiledMapping, RowInput } from '../../shared/build-event';
import type { CadentEvent } from '../../shared/cadent-contract';
import type { IdentityField } from '../../shared/cadent-fields';
import type { MappingInput } from '../../shared/mapping';

/** A fixed clock: the sample files' events are from October and November 2026. */
const NOW = new Date('2026-11-20T12:00:00Z');

// From NORMALIZATION.md's hash table.
const HASHES = {
  'john.smith@example.com': '8e621e3d0368631d263d07a351fa8d34fba0d17c15fbcdec11a5f58008d022a0',
  mary: '6915771be1c5aa0c886870b6951b03d7eafc121fea0e80a5ea83beb7c449f4ec',
  obrien: 'b4cb6cb33fe4b865868de825023a1e2790dc12ac01ecc8d7c5afe8254071c8ba',
  ca: '6959097001d10501ac7d54c0bdb8db61420f658f2922cc26e46d536119a31126',
  '02134': '1f75e2dac5b82521f112e293235aaeeb5dad684c5ede8469c1ec015b22bba44c',
  us: '79adb2a2fce5c6ba215fe5f27f532d4e7edbac4b6a5e09e1ef3a08084a904621',
  '19900704': 'ab76a422ac8223f4dc26821ade87ad3942389a82d4440b4c500a4f36795b1004',
  f: '252f10c83610ebca1a059c0bae8255eba2f95be4d1d7bcfa89d7248a82d9f111',
  'CUST-00123': '59cdcab6b3e46938b8fff99359b1299939255ffe349e1fdd91ed73229d86254d',
} as const;

const CRM_HEADERS = [
  'Email Address',
  'First Name',
  'Last Name',
  'Date of Birth',
  'Gender',
  'City',
  'State',
  'Zip Code',
  'Country',
  'Customer ID',
  'Event',
  'Event Time',
  'Conversion Type',
  'Order Total',
  'Currency',
  'Order ID',
];

const column = (name: string) => ({ source: { column: name } });

const CRM_MAPPING: MappingInput = {
  version: 1,
  eventId: { column: 'Order ID' },
  eventName: { column: 'Event' },
  conversionType: { column: 'Conversion Type' },
  eventTime: { column: 'Event Time', format: 'auto', timeZone: 'America/Chicago' },
  identity: {
    em: column('Email Address'),
    fn: column('First Name'),
    ln: column('Last Name'),
    db: column('Date of Birth'),
    ge: column('Gender'),
    ct: column('City'),
    st: column('State'),
    zp: column('Zip Code'),
    country: column('Country'),
    'external-id': column('Customer ID'),
  },
  eventProperties: [
    { column: 'Order Total', name: 'value', type: 'money' },
    { column: 'Currency', name: 'currency', type: 'string' },
  ],
};

const CRM_ROW: Record<string, string> = {
  'Email Address': '  John.Smith@Example.COM ',
  'First Name': '  Mary ',
  'Last Name': "O'Brien",
  'Date of Birth': '07/04/1990',
  Gender: 'Female',
  City: 'St. Louis',
  State: 'California',
  'Zip Code': '2134',
  Country: 'US',
  'Customer ID': '  CUST-00123 ',
  Event: 'Purchase',
  'Event Time': '2026-11-14 18:35',
  'Conversion Type': 'online_purchase',
  'Order Total': '$1,234.50',
  Currency: 'USD',
  'Order ID': ' 900000000000007919 ',
};

function compile(
  overrides: Partial<MappingInput> = {},
  options: { headers?: readonly string[]; matchKey?: IdentityField | null; now?: Date } = {},
): CompiledMapping {
  const mapping = mappingSchema.parse({ ...CRM_MAPPING, ...overrides });
  return compileMapping(mapping, options.headers ?? CRM_HEADERS, {
    hash: sha256Hex,
    now: options.now ?? NOW,
    matchKey: options.matchKey === undefined ? 'em' : options.matchKey,
  });
}

/** A row of CRM_HEADERS from CRM_ROW with some cells changed. */
function crmRow(changes: Record<string, string> = {}, row = 2): RowInput {
  const values = { ...CRM_ROW, ...changes };
  return { row, cells: CRM_HEADERS.map((header) => values[header] ?? '') };
}

function build(
  compiled: CompiledMapping,
  changes: Record<string, string> = {},
  trace = false,
): BuiltEvent {
  return buildEvent(compiled, [crmRow(changes)], { trace });
}

function eventOf(built: BuiltEvent): CadentEvent {
  if (!built.event) {
    throw new Error(`expected an event, got problems ${JSON.stringify(built.problems)}`);
  }
  return built.event;
}

function fatalCodes(built: BuiltEvent): string[] {
  return built.problems.filter((problem) => problem.fatal).map((problem) => problem.code);
}

describe('buildEvent from a full CRM row', () => {
  const built = build(compile());
  const event = eventOf(built);

  it('hashes every identity field as sha256 of its normalized value', () => {
    expect(event.user).toEqual({
      em: HASHES['john.smith@example.com'],
      fn: HASHES.mary,
      ln: HASHES.obrien,
      db: HASHES['19900704'],
      ge: HASHES.f,
      ct: sha256Hex('stlouis'),
      st: HASHES.ca,
      zp: HASHES['02134'],
      country: HASHES.us,
      'external-id': HASHES['CUST-00123'],
    });
  });

  it('checks the hash helper itself against NORMALIZATION.md', () => {
    for (const [normalized, hash] of Object.entries(HASHES)) {
      expect(sha256Hex(normalized)).toBe(hash);
    }
  });

  it('fills the other fields and has no problems', () => {
    expect(built.problems).toEqual([]);
    expect(built.prehashed).toEqual([]);
    expect(built.firstRow).toBe(2);
    expect(built.lastRow).toBe(2);
    expect(event).toMatchObject({
      event_id: '900000000000007919',
      event_name: 'Purchase',
      conversion_type: 'online_purchase',
      // 18:35 in Chicago in November is UTC-6.
      event_time: '2026-11-15T00:35:00Z',
      event_properties: { value: 1234.5, currency: 'USD' },
    });
    expect(event).not.toHaveProperty('user_properties');
    expect(cadentEventSchema.safeParse(event).success).toBe(true);
  });

  it('has no trace unless asked for', () => {
    expect(built.trace).toBeNull();
  });
});

describe('country first, for the zip and state rules', () => {
  it('pads a four-digit zip when the country is US', () => {
    const user = eventOf(build(compile(), { 'Zip Code': '2134', Country: 'United States' })).user;
    expect(user.zp).toBe(HASHES['02134']);
  });

  it('keeps a four-digit postcode as is without a US country', () => {
    const user = eventOf(build(compile(), { 'Zip Code': '2134', Country: '' })).user;
    expect(user.zp).toBe(sha256Hex('2134'));
    expect(user).not.toHaveProperty('country');
  });

  it('uses the normalized country even when the country column comes after the zip', () => {
    // CRM_HEADERS has Zip Code before Country; the mapping lists zp before country too.
    const user = eventOf(build(compile(), { 'Zip Code': '2134', Country: 'USA' })).user;
    expect(user.zp).toBe(HASHES['02134']);
  });

  it('reads a Canadian province name with country CA', () => {
    const user = eventOf(
      build(compile(), { State: 'Ontario', Country: 'CA', 'Zip Code': 'K1A 0A6' }),
    ).user;
    expect(user.st).toBe(sha256Hex('on'));
    expect(user.zp).toBe(sha256Hex('k1a0a6'));
    expect(user.country).toBe(sha256Hex('ca'));
  });

  it('leaves out a state that is no US state when the country is US', () => {
    const built = build(compile(), { State: 'Ontario', Country: 'US' });
    expect(eventOf(built).user).not.toHaveProperty('st');
    expect(built.problems).toEqual([
      expect.objectContaining({ field: 'st', column: 'State', fatal: false }),
    ]);
  });

  it('takes a constant country for the whole file', () => {
    const compiled = compile({
      identity: {
        em: column('Email Address'),
        zp: column('Zip Code'),
        country: { source: { constant: 'United States' } },
      },
    });
    const built = build(compiled, { 'Zip Code': '2134', Country: 'Narnia' }, true);
    expect(eventOf(built).user).toEqual({
      em: HASHES['john.smith@example.com'],
      zp: HASHES['02134'],
      country: HASHES.us,
    });
    expect(built.trace?.find((entry) => entry.field === 'country')).toMatchObject({
      field: 'country',
      column: null,
      raw: 'United States',
    });
  });

  it('uses the country for zp even when the country is held back unhashed', () => {
    const compiled = compile({
      identity: {
        em: column('Email Address'),
        zp: column('Zip Code'),
        country: { source: { column: 'Country' }, hash: false },
      },
    });
    const built = build(compiled, { 'Zip Code': '2134', Country: 'US' });
    expect(eventOf(built).user).toEqual({
      em: HASHES['john.smith@example.com'],
      zp: HASHES['02134'],
    });
  });
});

describe('the match key', () => {
  it('is fatal when missing, naming the column', () => {
    const built = build(compile(), { 'Email Address': '' });
    expect(built.event).toBeNull();
    expect(built.problems).toEqual([
      expect.objectContaining({
        field: 'em',
        column: 'Email Address',
        code: 'missing_match_key',
        fatal: true,
      }),
    ]);
  });

  it('is fatal when its value is invalid, without quoting the cell in the fatal message', () => {
    const built = build(compile(), { 'Email Address': 'jane.doe at example' });
    expect(built.event).toBeNull();
    expect(fatalCodes(built)).toEqual(['missing_match_key']);
    // Fatal problems are journaled: they say why in plain words and never carry the raw value.
    const fatal = built.problems.find((problem) => problem.fatal);
    expect(fatal).toMatchObject({ field: 'em', column: 'Email Address' });
    expect(fatal?.message).toContain('not a valid value');
    expect(fatal?.message).not.toContain('jane');
    // The warning beside it says what is wrong with the value.
    expect(built.problems).toContainEqual(
      expect.objectContaining({ code: 'invalid_value', field: 'em', fatal: false }),
    );
  });

  it('is fatal when the dataset match key is not mapped at all', () => {
    const built = build(compile({ identity: { em: column('Email Address') } }, { matchKey: 'ge' }));
    expect(built.event).toBeNull();
    expect(built.problems).toEqual([
      expect.objectContaining({ field: 'ge', column: null, code: 'missing_match_key' }),
    ]);
  });

  it('an invalid email is only a warning when the match key is external-id', () => {
    const built = build(compile({}, { matchKey: 'external-id' }), {
      'Email Address': 'not-an-email',
    });
    const event = eventOf(built);
    expect(event.user).not.toHaveProperty('em');
    expect(event.user['external-id']).toBe(HASHES['CUST-00123']);
    expect(built.problems).toEqual([
      expect.objectContaining({
        field: 'em',
        column: 'Email Address',
        code: 'invalid_value',
        fatal: false,
      }),
    ]);
  });

  it('without a match key (preview) needs at least one identity field', () => {
    const compiled = compile({ identity: { em: column('Email Address') } }, { matchKey: null });
    expect(eventOf(build(compiled)).user).toEqual({ em: HASHES['john.smith@example.com'] });

    const built = build(compiled, { 'Email Address': 'n/a' });
    expect(built.event).toBeNull();
    expect(fatalCodes(built)).toEqual(['missing_identity']);
  });
});

describe('hashing', () => {
  const PREHASHED = 'B4C9A289323B21A01C3E940F150EB9B8C542587F1ABFD8F0E1CC1FFC5E475514';

  it('passes an already hashed value through lowercased and lists it in prehashed', () => {
    const built = build(compile(), { 'Email Address': ` ${PREHASHED} ` });
    expect(eventOf(built).user.em).toBe(PREHASHED.toLowerCase());
    expect(built.prehashed).toEqual(['em']);
    expect(built.problems).toEqual([]);
  });

  it('passes a hash through with the hash toggle off, without any confirmation', () => {
    const compiled = compile({
      identity: { em: { source: { column: 'Email Address' }, hash: false } },
    });
    const built = build(compiled, { 'Email Address': PREHASHED });
    expect(eventOf(built).user.em).toBe(PREHASHED.toLowerCase());
    expect(built.prehashed).toEqual(['em']);
  });

  it('holds a raw value back when hashing is off and sending it is not confirmed', () => {
    const compiled = compile({
      identity: {
        em: column('Email Address'),
        fn: { source: { column: 'First Name' }, hash: false },
      },
    });
    const built = build(compiled, {}, true);
    expect(eventOf(built).user).toEqual({ em: HASHES['john.smith@example.com'] });
    expect(built.problems).toEqual([
      expect.objectContaining({
        field: 'fn',
        column: 'First Name',
        code: 'unhashed_value',
        fatal: false,
      }),
    ]);
    expect(built.trace?.find((entry) => entry.field === 'fn')).toMatchObject({
      raw: '  Mary ',
      normalized: 'mary',
      sent: null,
      status: 'omitted',
    });
  });

  it('holding back the match key unhashed makes the event invalid', () => {
    const compiled = compile({
      identity: { em: { source: { column: 'Email Address' }, hash: false } },
    });
    const built = build(compiled);
    expect(built.event).toBeNull();
    expect(built.problems.map((problem) => [problem.code, problem.fatal])).toEqual([
      ['unhashed_value', false],
      ['missing_match_key', true],
    ]);
  });

  it('sends the normalized raw value when hashing is off and confirmed', () => {
    const compiled = compile({
      identity: {
        em: column('Email Address'),
        fn: { source: { column: 'First Name' }, hash: false, sendUnhashedConfirmed: true },
      },
    });
    const built = build(compiled, {}, true);
    expect(eventOf(built).user).toEqual({ em: HASHES['john.smith@example.com'], fn: 'mary' });
    // Sent as confirmed, with a warning: the contract asks for hashes.
    expect(built.problems).toEqual([
      expect.objectContaining({ field: 'fn', code: 'sent_unhashed', fatal: false }),
    ]);
    expect(built.trace?.find((entry) => entry.field === 'fn')).toMatchObject({
      normalized: 'mary',
      sent: 'mary',
      status: 'unhashed',
    });
  });
});

describe('event name and conversion type', () => {
  it('take constants for the whole file', () => {
    const compiled = compile({
      eventName: { constant: '  Lead ' },
      conversionType: { constant: 'phone_call' },
    });
    const event = eventOf(build(compiled, { Event: '', 'Conversion Type': 'bogus' }));
    expect(event.event_name).toBe('Lead');
    expect(event.conversion_type).toBe('phone_call');
  });

  it.each([
    ['Online purchase', 'online_purchase'],
    ['online-purchase', 'online_purchase'],
    ['ONLINE_PURCHASE', 'online_purchase'],
    [' online purchase ', 'online_purchase'],
    ['Email click-through', 'email_clickthrough'],
    ['email-clickthrough', 'email_clickthrough'],
    ['In-app purchase', 'in_app_purchase'],
    ['Physical Store Visit', 'physical_store_visit'],
  ])('reads the conversion type %j from a column', (raw, type) => {
    expect(eventOf(build(compile(), { 'Conversion Type': raw })).conversion_type).toBe(type);
  });

  it('refuses an unknown conversion type, naming the value', () => {
    const built = build(compile(), { 'Conversion Type': 'Purchase' });
    expect(built.event).toBeNull();
    expect(built.problems).toEqual([
      expect.objectContaining({
        field: 'conversion_type',
        column: 'Conversion Type',
        code: 'invalid_conversion_type',
        fatal: true,
      }),
    ]);
    expect(built.problems[0]?.message).toContain('"Purchase"');
  });

  it('refuses a blank conversion type and a blank event name', () => {
    const built = build(compile(), { 'Conversion Type': ' ', Event: '' });
    expect(built.event).toBeNull();
    expect(fatalCodes(built).sort()).toEqual(['invalid_conversion_type', 'missing_event_name']);
  });

  it('refuses an unmapped event name or conversion type', () => {
    const mapping = mappingSchema.parse({ ...CRM_MAPPING });
    delete mapping.eventName;
    delete mapping.conversionType;
    const compiled = compileMapping(mapping, CRM_HEADERS, {
      hash: sha256Hex,
      now: NOW,
      matchKey: 'em',
    });
    const built = buildEvent(compiled, [crmRow()]);
    expect(built.event).toBeNull();
    expect(fatalCodes(built).sort()).toEqual(['invalid_conversion_type', 'missing_event_name']);
  });

  it('refuses an event name over 256 characters', () => {
    const built = build(compile(), { Event: 'x'.repeat(257) });
    expect(fatalCodes(built)).toEqual(['invalid_event_name']);
    expect(eventOf(build(compile(), { Event: 'x'.repeat(256) })).event_name).toHaveLength(256);
  });
});

describe('event time', () => {
  it('honours an offset in the value over the mapping zone', () => {
    const event = eventOf(build(compile(), { 'Event Time': '2026-10-21 18:48:28 -0500' }));
    expect(event.event_time).toBe('2026-10-21T23:48:28Z');
  });

  it('reads a value without an offset in the mapping zone', () => {
    const compiled = compile({
      eventTime: { column: 'Event Time', timeZone: 'Europe/Berlin' },
    });
    // Berlin is UTC+1 in November.
    expect(eventOf(build(compiled, { 'Event Time': '2026-11-14 18:35' })).event_time).toBe(
      '2026-11-14T17:35:00Z',
    );
  });

  it('is left out when not mapped', () => {
    const mapping = mappingSchema.parse({ ...CRM_MAPPING });
    delete mapping.eventTime;
    const compiled = compileMapping(mapping, CRM_HEADERS, {
      hash: sha256Hex,
      now: NOW,
      matchKey: 'em',
    });
    expect(eventOf(buildEvent(compiled, [crmRow()]))).not.toHaveProperty('event_time');
  });

  it('is fatal when blank', () => {
    const built = build(compile(), { 'Event Time': '  ' });
    expect(built.event).toBeNull();
    expect(built.problems).toEqual([
      expect.objectContaining({
        field: 'event_time',
        column: 'Event Time',
        code: 'invalid_event_time',
        fatal: true,
      }),
    ]);
  });

  it('is fatal when not a date', () => {
    const built = build(compile(), { 'Event Time': 'yesterday' });
    expect(fatalCodes(built)).toEqual(['invalid_event_time']);
  });

  it('is fatal more than 90 days before now', () => {
    const now = new Date('2026-11-20T00:00:00Z');
    const compiled = compile({ eventTime: { column: 'Event Time' } }, { now });
    // Exactly 90 days is still accepted; a minute more is not.
    expect(eventOf(build(compiled, { 'Event Time': '2026-08-22T00:00:00Z' })).event_time).toBe(
      '2026-08-22T00:00:00Z',
    );
    const built = build(compiled, { 'Event Time': '2026-08-21T23:59:00Z' });
    expect(built.event).toBeNull();
    expect(fatalCodes(built)).toEqual(['invalid_event_time']);
    expect(built.problems[0]?.message).toContain('90 days');
  });

  it('is fatal more than an hour after now', () => {
    const now = new Date('2026-11-20T00:00:00Z');
    const compiled = compile({ eventTime: { column: 'Event Time' } }, { now });
    expect(eventOf(build(compiled, { 'Event Time': '2026-11-20T01:00:00Z' })).event_time).toBe(
      '2026-11-20T01:00:00Z',
    );
    const built = build(compiled, { 'Event Time': '2026-11-20T01:00:01Z' });
    expect(built.event).toBeNull();
    expect(fatalCodes(built)).toEqual(['invalid_event_time']);
    expect(built.problems[0]?.message).toContain('future');
  });

  it('measures the window against the injected clock, not today', () => {
    const compiled = compile({}, { now: new Date('2027-06-01T00:00:00Z') });
    expect(fatalCodes(build(compiled))).toEqual(['invalid_event_time']);
  });
});

describe('event properties', () => {
  it('reads money as a number', () => {
    const event = eventOf(build(compile(), { 'Order Total': '$1,234.50' }));
    expect(event.event_properties).toEqual({ value: 1234.5, currency: 'USD' });
  });

  it('is fatal on an invalid number, naming the property and the column', () => {
    const compiled = compile({
      eventProperties: [{ column: 'Order Total', name: 'value', type: 'number' }],
    });
    const built = build(compiled, { 'Order Total': 'twelve' });
    expect(built.event).toBeNull();
    expect(built.problems).toEqual([
      expect.objectContaining({
        field: 'event_properties.value',
        column: 'Order Total',
        code: 'invalid_properties',
        fatal: true,
      }),
    ]);
  });

  it('leaves out a blank property, and the whole bag when all are blank', () => {
    const one = eventOf(build(compile(), { Currency: '' }));
    expect(one.event_properties).toEqual({ value: 1234.5 });

    const none = eventOf(build(compile(), { Currency: ' ', 'Order Total': '' }));
    expect(none).not.toHaveProperty('event_properties');
  });

  it('puts user properties in their own bag under their own names', () => {
    const compiled = compile({
      userProperties: [{ column: 'Gender', name: 'gender_label', type: 'string' }],
    });
    const built = build(compiled, { Gender: 'Female' });
    expect(eventOf(built).user_properties).toEqual({ gender_label: 'Female' });

    const bad = compile({
      userProperties: [{ column: 'Gender', name: 'vip', type: 'boolean' }],
    });
    expect(build(bad, { Gender: 'Female' }).problems).toEqual([
      expect.objectContaining({ field: 'user_properties.vip', code: 'invalid_properties' }),
    ]);
  });

  it('reads decimal commas when the mapping says so', () => {
    const compiled = compile({ options: { decimalComma: true } });
    const event = eventOf(build(compiled, { 'Order Total': '1.234,50 €' }));
    expect(event.event_properties?.value).toBe(1234.5);
  });
});

describe('event ID', () => {
  it('comes from its column, trimmed', () => {
    expect(eventOf(build(compile(), { 'Order ID': '  ord-100234 ' })).event_id).toBe('ord-100234');
  });

  it('is fatal when blank', () => {
    const built = build(compile(), { 'Order ID': ' ' });
    expect(built.event).toBeNull();
    expect(built.problems).toEqual([
      expect.objectContaining({
        field: 'event_id',
        column: 'Order ID',
        code: 'missing_event_id',
        fatal: true,
      }),
    ]);
  });

  it('is fatal over 128 characters', () => {
    expect(eventOf(build(compile(), { 'Order ID': 'x'.repeat(128) })).event_id).toHaveLength(128);
    const built = build(compile(), { 'Order ID': 'x'.repeat(129) });
    expect(built.event).toBeNull();
    expect(fatalCodes(built)).toEqual(['invalid_event_id']);
  });

  describe('derived from content without an ID column', () => {
    const mapping = mappingSchema.parse({ ...CRM_MAPPING });
    delete mapping.eventId;
    const compiled = compileMapping(mapping, CRM_HEADERS, {
      hash: sha256Hex,
      now: NOW,
      matchKey: 'em',
    });

    it('is the same for identical content, whatever the row number', () => {
      const first = eventOf(buildEvent(compiled, [crmRow({}, 2)]));
      const again = eventOf(buildEvent(compiled, [crmRow({}, 50)]));
      expect(first.event_id).toMatch(/^cu-[0-9a-f]{40}$/);
      expect(again.event_id).toBe(first.event_id);
      // Cells that normalize the same give the same content.
      const spaced = eventOf(
        buildEvent(compiled, [crmRow({ 'Email Address': 'JOHN.smith@example.com' })]),
      );
      expect(spaced.event_id).toBe(first.event_id);
    });

    it('differs when the content differs', () => {
      const first = eventOf(buildEvent(compiled, [crmRow()])).event_id;
      const other = eventOf(buildEvent(compiled, [crmRow({ 'Order Total': '1234.51' })])).event_id;
      const later = eventOf(buildEvent(compiled, [crmRow({ 'Event Time': '2026-11-14 18:36' })]));
      expect(other).not.toBe(first);
      expect(later.event_id).not.toBe(first);
    });

    it('does not depend on the order of keys', () => {
      const a: Omit<CadentEvent, 'event_id'> = {
        event_name: 'Purchase',
        conversion_type: 'online_purchase',
        event_time: '2026-11-14T18:35:00Z',
        user: { em: HASHES['john.smith@example.com'], fn: HASHES.mary },
        event_properties: { value: 12, currency: 'USD' },
      };
      const b: Omit<CadentEvent, 'event_id'> = {
        event_properties: { currency: 'USD', value: 12 },
        user: { fn: HASHES.mary, em: HASHES['john.smith@example.com'] },
        event_time: '2026-11-14T18:35:00Z',
        conversion_type: 'online_purchase',
        event_name: 'Purchase',
      };
      expect(contentEventId(a, sha256Hex)).toBe(contentEventId(b, sha256Hex));
      expect(contentEventId({ ...a, event_name: 'Lead' }, sha256Hex)).not.toBe(
        contentEventId(a, sha256Hex),
      );
      // A value's type is part of its content.
      expect(
        contentEventId({ ...a, event_properties: { value: '12', currency: 'USD' } }, sha256Hex),
      ).not.toBe(contentEventId(a, sha256Hex));
    });
  });
});

describe('groups of rows (a Shopify order)', () => {
  const HEADERS = [
    'Name',
    'Email',
    'Total',
    'Currency',
    'Created at',
    'Lineitem name',
    'Billing Name',
    'Billing City',
    'Billing Zip',
    'Billing Province',
    'Billing Country',
  ];
  const compiled = compileMapping(
    mappingSchema.parse({
      version: 1,
      eventId: { column: 'Name' },
      eventName: { constant: 'Purchase' },
      conversionType: { constant: 'online_purchase' },
      eventTime: { column: 'Created at' },
      identity: {
        em: column('Email'),
        fn: { source: { column: 'Billing Name', namePart: 'first' } },
        ln: { source: { column: 'Billing Name', namePart: 'last' } },
        ct: column('Billing City'),
        st: column('Billing Province'),
        zp: column('Billing Zip'),
        country: column('Billing Country'),
      },
      eventProperties: [
        { column: 'Total', name: 'value', type: 'money' },
        { column: 'Currency', name: 'currency' },
        { column: 'Lineitem name', name: 'first_item' },
      ],
      groupBy: 'Name',
    }),
    HEADERS,
    { hash: sha256Hex, now: NOW, matchKey: 'em' },
  );
  const created = '2026-10-21 18:48:28 -0500';
  const rows: RowInput[] = [
    {
      row: 2,
      cells: [
        '#1001',
        'hana.dupont1001@example.org',
        '246.09',
        'USD',
        created,
        'Rain Shell',
        'Hana Dupont',
        'Portland',
        '97201',
        'OR',
        'US',
      ],
    },
    {
      row: 3,
      cells: ['#1001', 'hana.dupont1001@example.org', '', '', created, 'Boots', '', '', '', '', ''],
    },
    {
      row: 4,
      cells: ['#1001', 'hana.dupont1001@example.org', '', '', created, 'Hat', '', '', '', '', ''],
    },
  ];

  it('builds one event spanning the rows, each field from the first row that has it', () => {
    const built = buildEvent(compiled, rows);
    expect(built.firstRow).toBe(2);
    expect(built.lastRow).toBe(4);
    expect(eventOf(built)).toEqual({
      event_id: '#1001',
      event_name: 'Purchase',
      event_time: '2026-10-21T23:48:28Z',
      conversion_type: 'online_purchase',
      user: {
        em: sha256Hex('hana.dupont1001@example.org'),
        fn: sha256Hex('hana'),
        ln: sha256Hex('dupont'),
        ct: sha256Hex('portland'),
        st: sha256Hex('or'),
        zp: sha256Hex('97201'),
        country: HASHES.us,
      },
      event_properties: { value: 246.09, currency: 'USD', first_item: 'Rain Shell' },
    });
  });

  it('takes a field from a later row when the first rows leave it blank', () => {
    const [first, second, third] = rows as [RowInput, RowInput, RowInput];
    const noEmailFirst: RowInput = { row: 2, cells: first.cells.map((c, i) => (i === 1 ? '' : c)) };
    const built = buildEvent(compiled, [noEmailFirst, second, third]);
    expect(eventOf(built).user.em).toBe(sha256Hex('hana.dupont1001@example.org'));
  });

  it('splits first and last name from "Billing Name", in either order', () => {
    const [first] = rows as [RowInput];
    const reversed: RowInput = {
      row: 2,
      cells: first.cells.map((c, i) => (i === 6 ? 'Okoye, Léa' : c)),
    };
    const user = eventOf(buildEvent(compiled, [reversed])).user;
    expect(user.fn).toBe(sha256Hex('léa'));
    expect(user.ln).toBe(sha256Hex('okoye'));

    const single: RowInput = { row: 2, cells: first.cells.map((c, i) => (i === 6 ? 'Cher' : c)) };
    const built = buildEvent(compiled, [single], { trace: true });
    expect(eventOf(built).user.fn).toBe(sha256Hex('cher'));
    expect(eventOf(built).user).not.toHaveProperty('ln');
    expect(built.trace?.find((entry) => entry.field === 'ln')).toMatchObject({
      column: 'Billing Name',
      raw: null,
      status: 'omitted',
    });
  });
});

describe('the trace', () => {
  it("lists raw → normalized → sent per mapped field, in Cadent's order", () => {
    const PREHASHED = 'B4C9A289323B21A01C3E940F150EB9B8C542587F1ABFD8F0E1CC1FFC5E475514';
    const compiled = compile({}, { matchKey: 'external-id' });
    const built = build(compiled, { 'Email Address': PREHASHED, Gender: 'unknown' }, true);
    const trace = built.trace ?? [];
    expect(trace.map((entry) => entry.field)).toEqual([
      'em',
      'fn',
      'ln',
      'db',
      'ge',
      'ct',
      'st',
      'zp',
      'country',
      'external-id',
    ]);
    const byField = new Map(trace.map((entry) => [entry.field, entry]));
    expect(byField.get('country')).toEqual({
      field: 'country',
      column: 'Country',
      raw: 'US',
      normalized: 'us',
      sent: HASHES.us,
      status: 'hashed',
      reason: null,
    });
    expect(byField.get('em')).toEqual({
      field: 'em',
      column: 'Email Address',
      raw: PREHASHED,
      normalized: PREHASHED.toLowerCase(),
      sent: PREHASHED.toLowerCase(),
      status: 'prehashed',
      reason: null,
    });
    expect(byField.get('ge')).toMatchObject({
      raw: 'unknown',
      normalized: null,
      sent: null,
      status: 'omitted',
    });
    expect(byField.get('ge')?.reason).toEqual(expect.any(String));
    expect(byField.get('external-id')).toMatchObject({
      raw: '  CUST-00123 ',
      normalized: 'CUST-00123',
      sent: HASHES['CUST-00123'],
      status: 'hashed',
    });
    // What the trace says was sent is what the event carries.
    const user = eventOf(built).user;
    for (const entry of trace) {
      if (entry.sent === null) expect(user).not.toHaveProperty(entry.field);
      else expect(user[entry.field]).toBe(entry.sent);
    }
  });

  it('reports a missing cell with a null raw value', () => {
    const built = build(compile(), { City: '' }, true);
    expect(built.trace?.find((entry) => entry.field === 'ct')).toMatchObject({
      raw: null,
      status: 'omitted',
    });
    expect(eventOf(built).user).not.toHaveProperty('ct');
  });
});

describe('compileMapping', () => {
  it('refuses a mapping whose columns are not among the headers', () => {
    const mapping = mappingSchema.parse(CRM_MAPPING);
    const headers = CRM_HEADERS.filter((header) => header !== 'Zip Code');
    expect(() =>
      compileMapping(mapping, headers, { hash: sha256Hex, now: NOW, matchKey: 'em' }),
    ).toThrow(/Zip Code/);
  });

  it('takes the date-of-birth order and "today" from the mapping and the clock', () => {
    const dayFirst = compile({ options: { dayMonthOrder: 'day-first' } });
    expect(eventOf(build(dayFirst, { 'Date of Birth': '04/07/1990' })).user.db).toBe(
      HASHES['19900704'],
    );
    // Born "tomorrow" by the injected clock is a future date of birth.
    const built = build(compile(), { 'Date of Birth': '11/21/2026' });
    expect(eventOf(built).user).not.toHaveProperty('db');
    expect(built.problems).toEqual([expect.objectContaining({ field: 'db', fatal: false })]);
  });
});
