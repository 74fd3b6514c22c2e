/**
 * Cells read as values of event properties and user properties, which Cadent takes as strings,
 * numbers or booleans. Numbers are parsed from a normalized decimal string, never rounded.
 */

/** How the mapping types a property column; `money` is a number written as an amount. */
export type PropertyType = 'string' | 'number' | 'money' | 'boolean';

/** The one choice a file's numbers leave open. */
export interface PropertyParseOptions {
  /** Read `1.234,50` as 1234.5: the comma marks decimals and the dot groups thousands. */
  decimalComma: boolean;
}

/** A property value; `undefined` for a blank cell, whose property is left out of the event. */
export type PropertyValueResult =
  | { ok: true; value: string | number | boolean }
  | { ok: true; value: undefined }
  | { ok: false; message: string };

/**
 * Reads one cell as a property value of the given type. Every type trims the cell and reads a
 * blank one as `undefined`. Numbers take thousands separators (commas, or dots with a decimal
 * comma; spaces and apostrophes either way) and exponents; money also takes currency symbols
 * and codes and accounting parentheses. A number with more than 15 significant digits, such as
 * an 18-digit order ID, is refused: a JSON number would not keep its digits.
 */
export function parsePropertyValue(
  raw: string,
  type: PropertyType,
  options: PropertyParseOptions,
): PropertyValueResult {
  const text = raw.trim();
  if (text === '') return { ok: true, value: undefined };

  switch (type) {
    case 'string':
      return { ok: true, value: text };
    case 'boolean':
      return readBoolean(text);
    case 'number':
      return toResult(readNumber(text, options, NUMBER_GRAMMAR), text, 'a number');
    case 'money':
      return toResult(readMoney(text, options), text, 'an amount of money');
  }
}

/** The amount in a money cell (`$1,234.50`, `(12.00)`, `1.234,50 €`), or null if it holds none. */
export function parseMoney(raw: string, options: PropertyParseOptions): number | null {
  const amount = readMoney(raw.trim(), options);
  return typeof amount === 'number' ? amount : null;
}

/**
 * The type to suggest for a column from a sample of its cells: the first of boolean, number and
 * money that reads every non-blank cell (with either decimal mark), else string. Cells of only
 * 1 and 0 are numbers; a leading zero or plus sign (zip codes, phone numbers) or an integer of
 * 12 digits or more (IDs) makes the column a string.
 */
export function guessPropertyType(samples: readonly string[]): PropertyType {
  const values = samples.map((sample) => sample.trim()).filter((value) => value !== '');
  if (values.length === 0) return 'string';

  if (
    values.every((value) => BOOLEAN_WORDS.has(value.toLowerCase())) &&
    values.some((value) => !/^[01]$/.test(value))
  ) {
    return 'boolean';
  }

  if (values.some((value) => IDENTIFIER_LIKE.test(value))) return 'string';
  for (const options of BOTH_DECIMAL_MARKS) {
    if (values.every((value) => typeof readNumber(value, options, NUMBER_GRAMMAR) === 'number')) {
      return 'number';
    }
    if (values.every((value) => typeof readMoney(value, options) === 'number')) return 'money';
  }
  return 'string';
}

interface NumberGrammar {
  sign: boolean;
  exponent: boolean;
}

/** A parsed number, or the reason there is none (null when the text is simply not one). */
type Amount = number | string | null;

const NUMBER_GRAMMAR: NumberGrammar = { sign: true, exponent: true };
const AMOUNT_GRAMMAR: NumberGrammar = { sign: false, exponent: false };
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 't']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', 'f']);
const BOOLEAN_WORDS = new Set([...TRUE_WORDS, ...FALSE_WORDS]);
// Fifteen significant decimal digits always survive a round trip through a double.
const MAX_SIGNIFICANT_DIGITS = 15;
// Zip codes and phone numbers lose a leading zero or plus as numbers; long integers are IDs.
const IDENTIFIER_LIKE = /^\+|^-?0\d|^-?\d{12,}$/;
const BOTH_DECIMAL_MARKS: readonly PropertyParseOptions[] = [
  { decimalComma: false },
  { decimalComma: true },
];
const MAX_QUOTED_LENGTH = 40;
const SPACE_GROUP_SEPARATORS = new Set([' ', '\u00A0', '\u202F', '\u2009', "'", '\u2019']);
const SIGN = /^[+\-\u2212]/;
const EXPONENT = /[eE]([+-]?\d+)$/;
// A symbol with an optional country prefix (US$, R$), an ISO 4217 code, or a common local word.
const CURRENCY = String.raw`(?:[A-Z]{0,3}\p{Sc}|[A-Z]{3}|kr\.?|Kč|zł|Ft|Fr\.|lei|Rs\.?|R)`;
const CURRENCY_PREFIX = new RegExp(String.raw`^${CURRENCY}\s*`, 'u');
const CURRENCY_SUFFIX = new RegExp(String.raw`\s*${CURRENCY}$`, 'u');

function readBoolean(text: string): PropertyValueResult {
  const lower = text.toLowerCase();
  if (TRUE_WORDS.has(lower)) return { ok: true, value: true };
  if (FALSE_WORDS.has(lower)) return { ok: true, value: false };
  return {
    ok: false,
    message: `not a yes/no value: ${quote(text)} (use true/false, yes/no, y/n, 1/0 or t/f)`,
  };
}

function toResult(amount: Amount, text: string, what: string): PropertyValueResult {
  if (typeof amount === 'number') return { ok: true, value: amount };
  return {
    ok: false,
    message: amount ?? `not ${what}: ${quote(text)}`,
  };
}

function readMoney(text: string, options: PropertyParseOptions): Amount {
  let rest = text;
  let negative = false;
  if (rest.startsWith('(') && rest.endsWith(')')) {
    negative = true;
    rest = rest.slice(1, -1).trim();
  }

  const leadingSign = takeSign(rest);
  rest = leadingSign.rest;
  rest = rest.replace(CURRENCY_PREFIX, '');
  const innerSign = leadingSign.sign === null ? takeSign(rest) : { sign: null, rest };
  rest = innerSign.rest.replace(CURRENCY_SUFFIX, '');

  const sign = leadingSign.sign ?? innerSign.sign;
  if (negative && sign !== null) return null;
  const amount = readNumber(rest, options, AMOUNT_GRAMMAR, text);
  if (typeof amount !== 'number') return amount;
  return negative || sign === '-' ? negate(amount) : amount;
}

function readNumber(
  text: string,
  options: PropertyParseOptions,
  grammar: NumberGrammar,
  cell = text,
): Amount {
  let rest = text;
  let sign = '';
  const signed = takeSign(rest);
  if (signed.sign !== null) {
    if (!grammar.sign) return null;
    sign = signed.sign === '-' ? '-' : '';
    rest = signed.rest;
  }

  let exponent = '';
  const exponentMatch = grammar.exponent ? EXPONENT.exec(rest) : null;
  if (exponentMatch !== null) {
    exponent = `e${exponentMatch[1]}`;
    rest = rest.slice(0, exponentMatch.index);
  }

  const digits = readDigits(rest, options, exponent === '');
  if (digits === null) {
    const other = { decimalComma: !options.decimalComma };
    if (readDigits(rest, other, exponent === '') === null) return null;
    return options.decimalComma
      ? `${quote(cell)} has a decimal point: turn off "decimal comma" to read it`
      : `${quote(cell)} has a decimal comma: turn on "decimal comma" to read it`;
  }

  const significant = `${digits.integer}${digits.fraction}`.replace(/^0+/, '').replace(/0+$/, '');
  if (significant.length > MAX_SIGNIFICANT_DIGITS) {
    return `${quote(cell)} has ${significant.length} significant digits, more than a number keeps exactly: map it as type 'string'`;
  }

  const fraction = digits.fraction === '' ? '' : `.${digits.fraction}`;
  const value = Number(`${sign}${digits.integer || '0'}${fraction}${exponent}`);
  if (!Number.isFinite(value)) return `${quote(cell)} is too large for a number`;
  return value === 0 ? 0 : value;
}

/** The integer and fraction digits of an unsigned decimal, separators removed. */
function readDigits(
  text: string,
  options: PropertyParseOptions,
  allowGroups: boolean,
): { integer: string; fraction: string } | null {
  const decimalMark = options.decimalComma ? ',' : '.';
  const groupMark = options.decimalComma ? '.' : ',';
  const parts = text.split(decimalMark);
  if (parts.length > 2) return null;

  const integer = parts[0] ?? '';
  const fraction = parts[1];
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return null;
  if (integer === '') return fraction === undefined ? null : { integer: '', fraction };
  if (/^\d+$/.test(integer)) return { integer, fraction: fraction ?? '' };
  if (!allowGroups) return null;

  // One separator throughout, after a lead group of 1–3 digits, then groups of exactly 3.
  const separator = integer.match(/\D/)?.[0] ?? '';
  if (separator !== groupMark && !SPACE_GROUP_SEPARATORS.has(separator)) return null;
  const groups = integer.split(separator);
  const [lead = '', ...rest] = groups;
  if (!/^\d{1,3}$/.test(lead) || !rest.every((group) => /^\d{3}$/.test(group))) return null;
  return { integer: groups.join(''), fraction: fraction ?? '' };
}

function takeSign(text: string): { sign: '+' | '-' | null; rest: string } {
  const match = SIGN.exec(text);
  if (match === null) return { sign: null, rest: text };
  return { sign: match[0] === '+' ? '+' : '-', rest: text.slice(1).trimStart() };
}

function negate(value: number): number {
  return value === 0 ? 0 : -value;
}

function quote(text: string): string {
  const shown = text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text;
  return JSON.stringify(shown);
}
