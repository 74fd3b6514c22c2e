import { describe, expect, it } from 'vitest';

import { guessPropertyType, parseMoney, parsePropertyValue } from '../../shared/property-value';

import type { PropertyType } from '../../shared/property-value';

const POINT = { decimalComma: false };
const COMMA = { decimalComma: true };

function valueOf(raw: string, type: PropertyType, options = POINT): unknown {
  const result = parsePropertyValue(raw, type, options);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(raw)} to parse: ${result.message}`);
  return result.value;
}

function messageOf(raw: string, type: PropertyType, options = POINT): string {
  const result = parsePropertyValue(raw, type, options);
  if (result.ok) throw new Error(`expected ${JSON.stringify(raw)} to fail, got ${result.value}`);
  return result.message;
}

describe('parsePropertyValue, any type', () => {
  it.each(['string', 'number', 'money', 'boolean'] as const)(
    'reads a blank %s cell as undefined, so the property is left out',
    (type) => {
      expect(parsePropertyValue('', type, POINT)).toEqual({ ok: true, value: undefined });
      expect(parsePropertyValue(' \t\u00A0', type, COMMA)).toEqual({ ok: true, value: undefined });
    },
  );
});

describe('parsePropertyValue as string', () => {
  it('trims the cell and keeps everything else as it is', () => {
    expect(valueOf('  gold  ', 'string')).toBe('gold');
    expect(valueOf('07102', 'string')).toBe('07102');
    expect(valueOf('900000000000007919', 'string')).toBe('900000000000007919');
    expect(valueOf('Gift Card - $25', 'string')).toBe('Gift Card - $25');
    expect(valueOf('a  b', 'string')).toBe('a  b');
    expect(valueOf('x'.repeat(10_000), 'string')).toBe('x'.repeat(10_000));
  });
});

describe('parsePropertyValue as boolean', () => {
  it.each(['true', 'TRUE', 'True', 'yes', 'YES', 'y', 'Y', '1', 't', 'T', ' yes '])(
    'reads %j as true',
    (raw) => {
      expect(valueOf(raw, 'boolean')).toBe(true);
    },
  );

  it.each(['false', 'FALSE', 'no', 'No', 'n', 'N', '0', 'f', 'F'])('reads %j as false', (raw) => {
    expect(valueOf(raw, 'boolean')).toBe(false);
  });

  it.each(['maybe', '2', '-1', 'yes!', 'on', 'truthy'])('refuses %j', (raw) => {
    expect(messageOf(raw, 'boolean')).toBe(
      `not a yes/no value: "${raw}" (use true/false, yes/no, y/n, 1/0 or t/f)`,
    );
  });
});

describe('parsePropertyValue as number', () => {
  it.each([
    ['42', 42],
    ['-12', -12],
    ['+12', 12],
    ['\u221212', -12],
    ['3.14', 3.14],
    ['0.1', 0.1],
    ['.5', 0.5],
    ['1,234', 1234],
    ['1,234,567.89', 1234567.89],
    ['-1,234.5', -1234.5],
    ['1 234', 1234],
    ['1\u00A0234.5', 1234.5],
    ['1\u202F234\u202F567', 1234567],
    ["1'234.50", 1234.5],
    ['1e3', 1000],
    ['1.5E-3', 0.0015],
    ['-2.5e+2', -250],
    ['007', 7],
    ['123456789012345', 123456789012345],
    ['0.000000000000000000001', 1e-21],
    ['1000000000000000000000', 1e21],
  ])('reads %j as %d with a decimal point', (raw, expected) => {
    expect(valueOf(raw, 'number')).toBe(expected);
  });

  it.each([
    ['1,5', 1.5],
    ['1.234', 1234],
    ['1.234,50', 1234.5],
    ['1.234.567,891', 1234567.891],
    ['1 234,50', 1234.5],
    ['-0,5', -0.5],
    [',5', 0.5],
    ['1,5e3', 1500],
  ])('reads %j as %d with a decimal comma', (raw, expected) => {
    expect(valueOf(raw, 'number', COMMA)).toBe(expected);
  });

  it('parses the decimal string exactly, with no float noise and no negative zero', () => {
    expect(valueOf('1234.56', 'number')).toBe(1234.56);
    expect(valueOf('0.30', 'number')).toBe(0.3);
    expect(valueOf('19.99', 'number')).toBe(19.99);
    expect(Object.is(valueOf('-0', 'number'), 0)).toBe(true);
    expect(Object.is(valueOf('-0,0', 'number', COMMA), 0)).toBe(true);
  });

  it.each([
    'NaN',
    'nan',
    'Infinity',
    '-Infinity',
    'abc',
    '12abc',
    '12,34,567',
    '1,234.5.6',
    '1.2.3',
    '12.5%',
    '$12',
    '(12)',
    'e3',
    '1e',
    '--1',
    '1 2',
    '.',
    '-',
  ])('refuses %j with a decimal point', (raw) => {
    expect(messageOf(raw, 'number')).toBe(`not a number: ${JSON.stringify(raw)}`);
  });

  it('points at the decimal comma setting when the other mark would read the value', () => {
    expect(messageOf('12,50', 'number')).toBe(
      '"12,50" has a decimal comma: turn on "decimal comma" to read it',
    );
    expect(messageOf('1.234,50', 'number')).toBe(
      '"1.234,50" has a decimal comma: turn on "decimal comma" to read it',
    );
    expect(messageOf('1,2345', 'number')).toContain('has a decimal comma');
    expect(messageOf('1,234e3', 'number')).toContain('has a decimal comma');
    expect(messageOf('1,234.50', 'number', COMMA)).toBe(
      '"1,234.50" has a decimal point: turn off "decimal comma" to read it',
    );
    expect(messageOf('1234.5', 'number', COMMA)).toBe(
      '"1234.5" has a decimal point: turn off "decimal comma" to read it',
    );
  });

  it('refuses digits a JSON number would not keep, suggesting a string', () => {
    expect(messageOf('900000000000007919', 'number')).toBe(
      '"900000000000007919" has 18 significant digits, more than a number keeps exactly: map it as type \'string\'',
    );
    expect(messageOf('1234567890123456', 'number')).toContain('16 significant digits');
    expect(messageOf('0.1234567890123456', 'number')).toContain('16 significant digits');
    expect(messageOf('1,234,567,890,123,456', 'number')).toContain('16 significant digits');
  });

  it('refuses a number too large for a double', () => {
    expect(messageOf('1e400', 'number')).toBe('"1e400" is too large for a number');
  });
});

describe('parsePropertyValue as money', () => {
  it.each([
    ['$1,234.50', 1234.5],
    ['1234.5', 1234.5],
    ['1,234', 1234],
    ['USD 1,234.50', 1234.5],
    ['1,234.50 USD', 1234.5],
    ['1,234.50 €', 1234.5],
    ['€1,234.50', 1234.5],
    ['(12.00)', -12],
    ['($12.00)', -12],
    ['(USD 12.00)', -12],
    ['-12', -12],
    ['-$12', -12],
    ['$-12', -12],
    ['- $ 12.00', -12],
    ['\u2212€5', -5],
    ['+$5', 5],
    ['£0.99', 0.99],
    ['¥1,000', 1000],
    ['₹1,234', 1234],
    ['US$5', 5],
    ['CA$ 19.99', 19.99],
    ['$ 12', 12],
    ['$0.10', 0.1],
    ['0', 0],
    ['$1 234.50', 1234.5],
  ])('reads %j as %d with a decimal point', (raw, expected) => {
    expect(valueOf(raw, 'money')).toBe(expected);
  });

  it.each([
    ['€1.234,50', 1234.5],
    ['1.234,50', 1234.5],
    ['1.234,50 €', 1234.5],
    ['1 234,50', 1234.5],
    ['1\u00A0234,50 €', 1234.5],
    ['1\u202F234,50 EUR', 1234.5],
    ['1 234,50 kr', 1234.5],
    ['R$ 12,50', 12.5],
    ['12,50 zł', 12.5],
    ['CHF 1\u2019234,50', 1234.5],
    ['1,5', 1.5],
    ['1.234', 1234],
    ['(1.234,50 €)', -1234.5],
  ])('reads %j as %d with a decimal comma', (raw, expected) => {
    expect(valueOf(raw, 'money', COMMA)).toBe(expected);
  });

  it.each([
    '12.5%',
    'free',
    '$',
    'USD',
    '1e3',
    '12.5k',
    '(-12)',
    '-(12)',
    '$12$$',
    '12 apples',
    'NaN',
  ])('refuses %j', (raw) => {
    expect(messageOf(raw, 'money')).toBe(`not an amount of money: ${JSON.stringify(raw)}`);
  });

  it('refuses a decimal comma unless the option is on', () => {
    expect(messageOf('1.234,50', 'money')).toBe(
      '"1.234,50" has a decimal comma: turn on "decimal comma" to read it',
    );
    expect(messageOf('€1.234,50', 'money')).toBe(
      '"€1.234,50" has a decimal comma: turn on "decimal comma" to read it',
    );
    expect(messageOf('$1,234.50', 'money', COMMA)).toBe(
      '"$1,234.50" has a decimal point: turn off "decimal comma" to read it',
    );
  });

  it('refuses amounts with more digits than a number keeps', () => {
    expect(messageOf('$12,345,678,901,234.56', 'money')).toContain('16 significant digits');
  });
});

describe('parseMoney', () => {
  it('returns the amount, or null when there is none', () => {
    expect(parseMoney(' $1,234.50 ', POINT)).toBe(1234.5);
    expect(parseMoney('€1.234,50', COMMA)).toBe(1234.5);
    expect(parseMoney('(12.00)', POINT)).toBe(-12);
    expect(parseMoney('1.234,50', POINT)).toBeNull();
    expect(parseMoney('12.5%', POINT)).toBeNull();
    expect(parseMoney('', POINT)).toBeNull();
  });
});

describe('guessPropertyType', () => {
  it.each<[string[], PropertyType]>([
    [['1', '2', '3'], 'number'],
    [['1', '0', '1'], 'number'],
    [['456.30', '326.26', ''], 'number'],
    [['1,234.50', '-12'], 'number'],
    [['1.234,50', '12,5'], 'number'],
    [['1e3'], 'number'],
    [['yes', 'no', 'YES'], 'boolean'],
    [['TRUE', 'FALSE', ''], 'boolean'],
    [['y', 'n', '1'], 'boolean'],
    [['$1.00', '2.50'], 'money'],
    [['1.234,50 €', '12,00 €'], 'money'],
    [['(12.00)', '5.00'], 'money'],
    [['USD 10', 'USD 12.5'], 'money'],
    [['07102', '63101'], 'string'],
    [['+16175555350'], 'string'],
    [['900000000000007919'], 'string'],
    [['6634244375001'], 'string'],
    [['Rain Shell', 'Gift Card - $25'], 'string'],
    [['USD', 'EUR'], 'string'],
    [['1', 'abc'], 'string'],
    [['2026-11-14 18:35'], 'string'],
    [['12.5%'], 'string'],
    [[], 'string'],
    [['', ' '], 'string'],
  ])('suggests %j as %s', (samples, expected) => {
    expect(guessPropertyType(samples)).toBe(expected);
  });
});
