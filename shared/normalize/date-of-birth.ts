import { fixedOmission, hashable, omitted } from './results';
import { quoteForDetail } from './text';

import type { FieldRule } from './results';
import type { NormalizationOptions, NormalizeResult } from './types';

/**
 * `db`: a real calendar date between 1900 and `options.today`, printed YYYYMMDD. Reads ISO
 * dates (`-`, `/` or `.`, with an optional time), compact YYYYMMDD, M/D/YYYY and D/M/YYYY,
 * English month names in any common order, and Excel serial numbers. A time or zone suffix is
 * dropped, never applied: a birthday exported as midnight UTC must not move a day.
 */
export const normalizeDateOfBirth: FieldRule = (value, original, _context, options) => {
  const today = todayKey(options.today);
  // The longest form read here, JavaScript's Date#toString, is under 80 characters; the cap
  // keeps a pasted paragraph from costing the time-suffix search quadratic time.
  if (value.length > MAX_DATE_LENGTH) return unreadable(original);

  const serial = EXCEL_SERIAL.exec(value);
  if (serial !== null) return fromExcelSerial(Number(serial[1]), today);

  const time = value.includes(':') ? TIME_SUFFIX.exec(value) : null;
  const date = time === null ? value : value.slice(0, time.index);

  const iso = ISO_DATE.exec(date);
  if (iso !== null) return checkedDate(Number(iso[1]), Number(iso[3]), Number(iso[4]), today);

  const compact = COMPACT_DATE.exec(date);
  if (compact !== null) {
    return checkedDate(Number(compact[1]), Number(compact[2]), Number(compact[3]), today);
  }

  const numeric = NUMERIC_DATE.exec(date);
  if (numeric !== null) {
    const [first, second, year] = [Number(numeric[1]), Number(numeric[3]), Number(numeric[4])];
    return fromNumericDate(first, second, year, today, options);
  }

  if (TWO_DIGIT_YEAR.test(date)) return TWO_DIGIT_YEAR_OMISSION;
  if (BARE_YEAR.test(date)) return BARE_YEAR_OMISSION;
  if (HAS_LETTER.test(date)) return fromMonthNameDate(date, original, today);
  return unreadable(original);
};

/** A calendar date as three numbers, month and day counted from 1. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/**
 * The date an Excel serial number stands for in the 1900 date system, or undefined for 0 and
 * for 60, the 29 February 1900 that Excel invents to stay compatible with Lotus 1-2-3. Serials
 * after it are therefore one day ahead of a plain count from 31 December 1899.
 */
export function excelSerialToDate(serial: number): CalendarDate | undefined {
  const whole = Math.floor(serial);
  if (whole < 1 || whole === LOTUS_LEAP_DAY_SERIAL) return undefined;

  const epoch = whole < LOTUS_LEAP_DAY_SERIAL ? EXCEL_EPOCH_BEFORE_LEAP_BUG : EXCEL_EPOCH;
  const date = new Date(epoch + whole * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function fromExcelSerial(serial: number, today: number): NormalizeResult {
  const date = excelSerialToDate(serial);
  if (date === undefined) return omitted('invalid', `impossible Excel date serial ${serial}`);
  return checkedDate(date.year, date.month, date.day, today);
}

function fromNumericDate(
  first: number,
  second: number,
  year: number,
  today: number,
  options: NormalizationOptions,
): NormalizeResult {
  // A part above 12 can only be the day; otherwise the mapping says which order the file uses.
  const dayFirst = first > 12 || (second <= 12 && options.dayMonthOrder === 'day-first');
  return dayFirst
    ? checkedDate(year, second, first, today)
    : checkedDate(year, first, second, today);
}

/** "4 Jul 1990", "July 4th, 1990", "Jul-04-1990", "1990 Jul 4", "Wed Jul 04 1990", ... */
function fromMonthNameDate(date: string, original: string, today: number): NormalizeResult {
  if (!MONTH_NAME_CHARACTERS.test(date)) return unreadable(original);

  let month = 0;
  let day = 0;
  let year = 0;
  let shortNumbers = 0;
  let previousWasNumber = false;
  for (const token of date.match(DATE_TOKEN) ?? []) {
    if (DIGITS.test(token)) {
      if (token.length === 4 && year === 0) {
        year = Number(token);
      } else if (token.length <= 2) {
        shortNumbers += 1;
        if (day === 0) day = Number(token);
      } else {
        return unreadable(original);
      }
      previousWasNumber = true;
      continue;
    }

    // "4th" arrives as "4" and "th"; weekday names and "of" add nothing to the date.
    const tokenMonth = MONTHS.get(token);
    if (tokenMonth !== undefined && month === 0) {
      month = tokenMonth;
    } else if (!(previousWasNumber && ORDINAL_SUFFIXES.has(token)) && !FILLER_WORDS.has(token)) {
      return unreadable(original);
    }
    previousWasNumber = false;
  }

  if (month === 0 || day === 0) return unreadable(original);
  if (year === 0) return shortNumbers === 2 ? TWO_DIGIT_YEAR_OMISSION : unreadable(original);
  if (shortNumbers !== 1) return unreadable(original);
  return checkedDate(year, month, day, today);
}

function checkedDate(year: number, month: number, day: number, today: number): NormalizeResult {
  const printed = `${year}-${pad2(month)}-${pad2(day)}`;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return omitted('invalid', `impossible date ${printed}`);
  }
  if (year < MIN_YEAR) return omitted('invalid', `year ${year} is before ${MIN_YEAR}`);
  if (year * 10000 + month * 100 + day > today) {
    return omitted('invalid', `date in the future: ${printed}`);
  }
  return hashable(`${year}${pad2(month)}${pad2(day)}`);
}

function unreadable(original: string): NormalizeResult {
  return omitted('invalid', `not a date that can be read: ${quoteForDetail(original)}`);
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return DAYS_IN_MONTH[month - 1] ?? 0;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return leap ? 29 : 28;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `options.today` as YYYYMMDD in one number, parsed once per distinct string. */
function todayKey(today: string): number {
  if (today === lastToday) return lastTodayKey;
  const parts = TODAY.exec(today);
  if (parts === null) throw new Error(`options.today must be YYYY-MM-DD, got "${today}"`);
  lastToday = today;
  lastTodayKey = Number(parts[1]) * 10000 + Number(parts[2]) * 100 + Number(parts[3]);
  return lastTodayKey;
}

let lastToday = '';
let lastTodayKey = 0;

const MAX_DATE_LENGTH = 100;
const MIN_YEAR = 1900;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const DAY_MS = 86_400_000;
const LOTUS_LEAP_DAY_SERIAL = 60;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const EXCEL_EPOCH_BEFORE_LEAP_BUG = Date.UTC(1899, 11, 31);

const TODAY = /^(\d{4})-(\d{2})-(\d{2})$/;
// Steps 1–6 have lowercased the cell, so "T", "Z", "AM" and month names arrive lowercase.
const TIME_SUFFIX =
  /(?:t|\s+)\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?\s*(?:[ap]\.?m\.?)?\s*(?:z|(?:utc|gmt)?\s*[+-]\d{1,2}(?::?\d{2})?|utc|gmt)?(?:\s*\([^)]*\))?$/;
const ISO_DATE = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;
const NUMERIC_DATE = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/;
const TWO_DIGIT_YEAR = /^\d{1,2}([-/.])\d{1,2}\1\d{2}$/;
const BARE_YEAR = /^\d{4}$/;
// Five digits, optionally with the time of day as a fraction: 10000 is 18 May 1927, and
// anything shorter is far likelier a year, an age or a count than a birth date.
const EXCEL_SERIAL = /^([1-9]\d{4})(?:\.\d+)?$/;
const HAS_LETTER = /[a-z]/;
const MONTH_NAME_CHARACTERS = /^[a-z0-9\s,./-]+$/;
const DATE_TOKEN = /[a-z]+|\d+/g;
const DIGITS = /^\d+$/;

const MONTHS: ReadonlyMap<string, number> = new Map([
  ['jan', 1],
  ['january', 1],
  ['feb', 2],
  ['february', 2],
  ['mar', 3],
  ['march', 3],
  ['apr', 4],
  ['april', 4],
  ['may', 5],
  ['jun', 6],
  ['june', 6],
  ['jul', 7],
  ['july', 7],
  ['aug', 8],
  ['august', 8],
  ['sep', 9],
  ['sept', 9],
  ['september', 9],
  ['oct', 10],
  ['october', 10],
  ['nov', 11],
  ['november', 11],
  ['dec', 12],
  ['december', 12],
]);
const ORDINAL_SUFFIXES: ReadonlySet<string> = new Set(['st', 'nd', 'rd', 'th']);
const FILLER_WORDS: ReadonlySet<string> = new Set([
  'of',
  'the',
  'mon',
  'monday',
  'tue',
  'tues',
  'tuesday',
  'wed',
  'wednesday',
  'thu',
  'thur',
  'thurs',
  'thursday',
  'fri',
  'friday',
  'sat',
  'saturday',
  'sun',
  'sunday',
]);

const TWO_DIGIT_YEAR_OMISSION = fixedOmission('invalid', 'two-digit year: the century is unknown');
const BARE_YEAR_OMISSION = fixedOmission('invalid', 'a year alone is not a date of birth');
