/**
 * Event times as exports write them, read into Cadent's `event_time`: ISO 8601 in UTC with a
 * `Z`, to the second. The result depends only on the value and the settings, never on the
 * machine's time zone or today's date (Cadent's 90-day window is checked elsewhere).
 */

import { epochDaysFromCivil, lookUpTimeZone } from './time-zone';

import type { TimeZone } from './time-zone';

export { isValidTimeZone } from './time-zone';

/** The ways a column of event times can be written, in the order the mapping offers them. */
export const EVENT_TIME_FORMATS = [
  'auto',
  'iso',
  'us',
  'eu',
  'unix-seconds',
  'unix-ms',
  'excel-serial',
] as const;

export type EventTimeFormat = (typeof EVENT_TIME_FORMATS)[number];

/** How to read one mapped event-time column. */
export interface EventTimeSettings {
  format: EventTimeFormat;
  /** IANA zone (`America/New_York`, or `UTC`) for values that carry no UTC offset of their own. */
  timeZone: string;
}

/** Cadent's `event_time` (`2026-11-30T14:05:00Z`), or in words why the value cannot be one. */
export type EventTimeResult = { ok: true; iso: string } | { ok: false; message: string };

/**
 * Reads one event time.
 *
 * - A UTC offset in the value wins (`Z`, `+02:00`, `-0500`, `+05`, `UTC`, `GMT+1`, and RFC 2822's
 *   `EST`…`PDT`); otherwise the value is wall-clock time in `settings.timeZone`. A time that
 *   clocks show twice in autumn is the earlier instant; one skipped in spring is read with the
 *   offset from before the gap (02:30 becomes 03:30 daylight time), as RFC 5545 does.
 * - A date alone is midnight. Fractions of a second are dropped, except in Excel serials,
 *   which are binary fractions of a day and are rounded to the nearest second.
 * - In `auto`, a numeric date is read month first (US) unless a part over 12 says otherwise;
 *   dotted dates (`30.11.2026`) are read day first, since no convention writes them month first.
 *   `us` and `eu` force the order. Two-digit years are 2000–2099.
 * - `auto` reads Unix seconds (9–10 digits) and milliseconds (12–13 digits), but not Excel
 *   serials: a bare five-digit number could be many things, so it asks for `excel-serial`.
 */
export function parseEventTime(raw: string, settings: EventTimeSettings): EventTimeResult {
  const zone = lookUpTimeZone(settings.timeZone);
  if (zone === null) {
    return settings.timeZone.trim() === ''
      ? fail('no time zone is chosen')
      : fail(`unknown time zone ${quote(settings.timeZone)}`);
  }

  const text = raw.trim();
  if (text === '') return fail('the event time is empty');

  const reading = readEventTime(text, settings.format);
  if (reading.kind === 'error') return fail(reading.message);

  const epochSeconds =
    reading.kind === 'instant' ? reading.epochSeconds : wallToEpochSeconds(reading, zone);

  if (!(epochSeconds >= MIN_EPOCH_SECONDS && epochSeconds <= MAX_EPOCH_SECONDS)) {
    return fail(`${quote(text)} is outside the years ${MIN_YEAR} to ${MAX_YEAR}`);
  }
  return { ok: true, iso: formatUtc(epochSeconds) };
}

/** The label the mapping shows for a format, with an example of a value it reads. */
export function describeEventTimeFormat(format: EventTimeFormat): string {
  return FORMAT_LABELS[format];
}

/**
 * The format to suggest for a column, from a sample of its values: `us` or `eu` when a part
 * over 12 settles the order of numeric dates, `excel-serial` when every value looks like one,
 * otherwise `auto`.
 */
export function guessEventTimeFormat(samples: readonly string[]): EventTimeFormat {
  let values = 0;
  let serials = 0;
  let dayFirst = false;
  let monthFirst = false;
  for (const sample of samples) {
    const text = sample.trim();
    if (text === '') continue;

    values += 1;
    if (EXCEL_LOOKING.test(text)) serials += 1;
    const groups = DAY_MONTH.exec(text)?.groups;
    if (groups === undefined) continue;

    const first = Number(groups.first);
    const middle = Number(groups.middle);
    if (first > 12 && middle <= 12) dayFirst = true;
    if (middle > 12 && first <= 12) monthFirst = true;
  }

  if (values > 0 && serials === values) return 'excel-serial';
  if (dayFirst !== monthFirst) return dayFirst ? 'eu' : 'us';
  return 'auto';
}

const FORMAT_LABELS: Readonly<Record<EventTimeFormat, string>> = {
  auto: 'Automatic (ISO, US or day-first dates, Unix time), e.g. 2026-11-30 14:05',
  iso: 'ISO 8601, e.g. 2026-11-30 14:05:00 or 2026-11-30T14:05:00Z',
  us: 'Month first (US), e.g. 11/30/2026 2:05 PM',
  eu: 'Day first, e.g. 30/11/2026 14:05 or 30.11.2026 14:05',
  'unix-seconds': 'Unix time in seconds, e.g. 1796047500',
  'unix-ms': 'Unix time in milliseconds, e.g. 1796047500000',
  'excel-serial': 'Excel serial date, e.g. 46356.58681',
};

type DayMonthOrder = 'auto' | 'month-first' | 'day-first';

/** A wall-clock time counted as if it were UTC, with the offset the value gave, if any. */
interface WallReading {
  kind: 'wall';
  wallSeconds: number;
  offsetSeconds: number | null;
}

type Reading =
  WallReading | { kind: 'instant'; epochSeconds: number } | { kind: 'error'; message: string };

interface Clock {
  secondsOfDay: number;
  offsetSeconds: number | null;
}

const SECONDS_PER_DAY = 86400;
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;
const MIN_EPOCH_SECONDS = epochDaysFromCivil(MIN_YEAR, 1, 1) * SECONDS_PER_DAY;
const MAX_EPOCH_SECONDS = epochDaysFromCivil(MAX_YEAR + 1, 1, 1) * SECONDS_PER_DAY - 1;
// Excel counts days from 1899-12-30 once past its phantom 29 February 1900 (serial 60).
const EXCEL_EPOCH_DAYS = epochDaysFromCivil(1899, 12, 30);
const EXCEL_FIRST_SERIAL = 61;
const EXCEL_END_SERIAL = epochDaysFromCivil(MAX_YEAR + 1, 1, 1) - EXCEL_EPOCH_DAYS;
// RFC 2822's obsolete North American zones: the only letter zones with one agreed meaning.
const NAMED_OFFSETS: Readonly<Record<string, number>> = {
  Z: 0,
  UT: 0,
  UTC: 0,
  GMT: 0,
  EST: -5,
  EDT: -4,
  CST: -6,
  CDT: -5,
  MST: -7,
  MDT: -6,
  PST: -8,
  PDT: -7,
};
const MAX_OFFSET_HOURS = 18;
// TODO(locales): month and weekday names are read in English only (no "30 nov. 2026", "30. Nov").
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const WEEKDAY_NAMES = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];
const MAX_QUOTED_LENGTH = 40;

const OFFSET = String.raw`[+\-\u2212](?:\d{2}(?::?\d{2})?|\d(?::\d{2})?)`;
const ZONE = String.raw`(?<zone>z|ut|utc|gmt|[ecmp][sd]t|(?:utc|gmt)?${OFFSET})`;
const SECONDS = String.raw`(?::(?<second>\d{2})(?:[.,]\d+)?)?`;
const MERIDIEM = String.raw`(?:\s*(?<meridiem>[ap])\.?m\.?)?`;
const CLOCK = String.raw`(?<hour>\d{1,2}):(?<minute>\d{2})${SECONDS}${MERIDIEM}(?:\s*${ZONE})?`;
const NUMERIC_CLOCK = String.raw`(?:(?:t|\s+|\s*,\s*)${CLOCK})?`;
// RFC 2822 allows a comment after the zone, which Date.prototype.toString fills with its name.
const NAMED_CLOCK = String.raw`(?:,?\s+(?:at\s+)?${CLOCK})?(?:\s*\([^()]*\))?`;
const WEEKDAY = String.raw`(?:(?<weekday>[a-z]{3,9})\.?,?\s+)?`;
const MONTH_NAME = String.raw`(?<monthName>[a-z]{3,9})\.?`;
const DAY_OF_MONTH = String.raw`(?<day>\d{1,2})(?:st|nd|rd|th)?`;

const YEAR_FIRST = pattern(
  String.raw`(?<year>\d{4})(?<sep>[-/.])(?<month>\d{1,2})\k<sep>(?<day>\d{1,2})`,
  NUMERIC_CLOCK,
);
const DAY_MONTH = pattern(
  String.raw`(?<first>\d{1,2})(?<sep>[-/.])(?<middle>\d{1,2})\k<sep>(?<year>\d{4}|\d{2})`,
  NUMERIC_CLOCK,
);
const NAMED_DAY_FIRST = pattern(
  WEEKDAY,
  String.raw`${DAY_OF_MONTH}[\s-]+${MONTH_NAME}[\s-]+(?<year>\d{4})`,
  NAMED_CLOCK,
);
const NAMED_MONTH_FIRST = pattern(
  WEEKDAY,
  String.raw`${MONTH_NAME}\s+${DAY_OF_MONTH},?\s+(?<year>\d{4})`,
  NAMED_CLOCK,
);
const UNSIGNED_NUMBER = /^\d+(?:[.,]\d+)?$/;
const SIGNED_NUMBER = /^[+-]?\d+(?:\.\d+)?$/;
const EXCEL_LOOKING = /^\d{5}(?:[.,]\d+)?$/;

function readEventTime(text: string, format: EventTimeFormat): Reading {
  switch (format) {
    case 'auto':
      return (
        readYearFirst(text) ??
        readAutoNumber(text) ??
        readDayMonth(text, 'auto') ??
        readNamedMonth(text) ??
        notA('date and time', text)
      );
    case 'iso':
      return readYearFirst(text) ?? notA('ISO 8601 date and time', text);
    case 'us':
      return (
        readYearFirst(text) ??
        readDayMonth(text, 'month-first') ??
        readNamedMonth(text) ??
        notA('date and time', text)
      );
    case 'eu':
      return (
        readYearFirst(text) ??
        readDayMonth(text, 'day-first') ??
        readNamedMonth(text) ??
        notA('date and time', text)
      );
    case 'unix-seconds':
      return readUnix(text, 1) ?? notA('number of seconds', text);
    case 'unix-ms':
      return readUnix(text, 1000) ?? notA('number of milliseconds', text);
    case 'excel-serial':
      return readExcelSerial(text) ?? notA('Excel serial date', text);
  }
}

function wallToEpochSeconds(reading: WallReading, zone: TimeZone): number {
  return reading.offsetSeconds === null
    ? zone.toEpochSeconds(reading.wallSeconds)
    : reading.wallSeconds - reading.offsetSeconds;
}

function readYearFirst(text: string): Reading | null {
  const groups = YEAR_FIRST.exec(text)?.groups;
  if (groups === undefined) return null;
  return readCalendar(Number(groups.year), Number(groups.month), Number(groups.day), groups);
}

function readDayMonth(text: string, order: DayMonthOrder): Reading | null {
  const groups = DAY_MONTH.exec(text)?.groups;
  if (groups === undefined) return null;

  const first = Number(groups.first);
  const middle = Number(groups.middle);
  const year = groups.year?.length === 2 ? 2000 + Number(groups.year) : Number(groups.year);
  if (order === 'month-first') {
    if (first > 12) return error(`month ${first} is not a month (the format is month first)`);
    return readCalendar(year, first, middle, groups);
  }
  if (order === 'day-first') {
    if (middle > 12) return error(`month ${middle} is not a month (the format is day first)`);
    return readCalendar(year, middle, first, groups);
  }

  if (first > 12 && middle > 12) return error(`neither ${first} nor ${middle} is a month`);
  const dayFirst = first > 12 || (middle <= 12 && groups.sep === '.');
  return dayFirst
    ? readCalendar(year, middle, first, groups)
    : readCalendar(year, first, middle, groups);
}

function readNamedMonth(text: string): Reading | null {
  const groups = (NAMED_DAY_FIRST.exec(text) ?? NAMED_MONTH_FIRST.exec(text))?.groups;
  if (groups === undefined) return null;

  const month = monthFromName(groups.monthName ?? '');
  if (month === null) return null;
  if (groups.weekday !== undefined && !isWeekdayName(groups.weekday)) return null;
  return readCalendar(Number(groups.year), month, Number(groups.day), groups);
}

function readAutoNumber(text: string): Reading | null {
  if (!UNSIGNED_NUMBER.test(text)) return null;

  if (EXCEL_LOOKING.test(text)) {
    return error(
      `${quote(text)} looks like an Excel serial date: choose the format "Excel serial date" to read it`,
    );
  }
  const digits = text.search(/[.,]|$/);
  if (!text.includes(',')) {
    if (digits === 9 || digits === 10) return readUnix(text, 1);
    if (digits === 12 || digits === 13) return readUnix(text, 1000);
  }
  return error(
    `${quote(text)} is neither Unix seconds (9–10 digits) nor Unix milliseconds (12–13 digits)`,
  );
}

function readUnix(text: string, unitsPerSecond: number): Reading | null {
  if (!SIGNED_NUMBER.test(text)) return null;
  return { kind: 'instant', epochSeconds: Math.floor(Number(text) / unitsPerSecond) };
}

function readExcelSerial(text: string): Reading | null {
  if (!UNSIGNED_NUMBER.test(text)) return null;

  const serial = Number(text.replace(',', '.'));
  if (serial < EXCEL_FIRST_SERIAL || serial >= EXCEL_END_SERIAL) {
    return error(
      `${quote(text)} is outside Excel's serial dates (${EXCEL_FIRST_SERIAL}, 1 March 1900, to ${EXCEL_END_SERIAL - 1}, 31 December ${MAX_YEAR})`,
    );
  }
  // TODO(excel-1904): workbooks made with Excel's 1904 date system count from 1904-01-01 instead.
  const wallSeconds = Math.round(serial * SECONDS_PER_DAY) + EXCEL_EPOCH_DAYS * SECONDS_PER_DAY;
  return { kind: 'wall', wallSeconds, offsetSeconds: null };
}

function readCalendar(
  year: number,
  month: number,
  day: number,
  groups: Partial<Record<string, string>>,
): Reading {
  if (year < MIN_YEAR) return error(`the year ${year} is before ${MIN_YEAR}`);
  if (month < 1 || month > 12) return error(`month ${month} is not a month`);

  const monthName = MONTH_NAMES[month - 1] ?? '';
  if (day < 1 || day > daysInMonth(year, month)) {
    return month === 2 && day === 29
      ? error(`February 29 is not a date in ${year}`)
      : error(`${monthName} ${day} is not a date`);
  }

  const clock = readClock(groups);
  if ('message' in clock) return error(clock.message);
  const wallSeconds = epochDaysFromCivil(year, month, day) * SECONDS_PER_DAY + clock.secondsOfDay;
  return { kind: 'wall', wallSeconds, offsetSeconds: clock.offsetSeconds };
}

function readClock(groups: Partial<Record<string, string>>): Clock | { message: string } {
  if (groups.hour === undefined || groups.minute === undefined) {
    return { secondsOfDay: 0, offsetSeconds: null };
  }

  let hour = Number(groups.hour);
  const minute = Number(groups.minute);
  const second = groups.second === undefined ? 0 : Number(groups.second);
  const shown = [groups.hour, groups.minute, groups.second].filter(Boolean).join(':');
  if (groups.meridiem !== undefined) {
    const meridiem = `${groups.meridiem.toUpperCase()}M`;
    if (hour < 1 || hour > 12) {
      return {
        message: `"${shown} ${meridiem}" is not a time of day: a 12-hour clock runs 1 to 12`,
      };
    }
    hour = (hour % 12) + (meridiem === 'PM' ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59)
    return { message: `"${shown}" is not a time of day` };

  const offset = groups.zone === undefined ? null : readOffset(groups.zone);
  if (typeof offset === 'string') return { message: offset };
  return { secondsOfDay: hour * 3600 + minute * 60 + second, offsetSeconds: offset };
}

function readOffset(zone: string): number | string {
  const named = NAMED_OFFSETS[zone.toUpperCase()];
  if (named !== undefined) return named * 3600;

  const match = /([+\-\u2212])(\d{1,2}):?(\d{2})?$/.exec(zone);
  const hours = Number(match?.[2]);
  const minutes = Number(match?.[3] ?? 0);
  if (match === null || hours > MAX_OFFSET_HOURS || minutes > 59) {
    return `${quote(zone)} is not a UTC offset`;
  }
  return (match[1] === '+' ? 1 : -1) * (hours * 3600 + minutes * 60);
}

function monthFromName(name: string): number | null {
  const lower = name.toLowerCase();
  const index = MONTH_NAMES.findIndex((month) => month.toLowerCase().startsWith(lower));
  return index === -1 ? null : index + 1;
}

function isWeekdayName(name: string): boolean {
  const lower = name.toLowerCase();
  return WEEKDAY_NAMES.some((weekday) => weekday.startsWith(lower));
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function formatUtc(epochSeconds: number): string {
  const days = Math.floor(epochSeconds / SECONDS_PER_DAY);
  const secondsOfDay = epochSeconds - days * SECONDS_PER_DAY;
  const { year, month, day } = civilFromEpochDays(days);
  const hour = Math.floor(secondsOfDay / 3600);
  const minute = Math.floor((secondsOfDay % 3600) / 60);
  const second = secondsOfDay % 60;
  return `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}Z`;
}

function civilFromEpochDays(epochDays: number): { year: number; month: number; day: number } {
  // Howard Hinnant's civil_from_days, the inverse of epochDaysFromCivil.
  const shifted = epochDays + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

function pad(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}

function pattern(...parts: string[]): RegExp {
  return new RegExp(`^${parts.join('')}$`, 'i');
}

function notA(what: string, text: string): Reading {
  const article = /^[aeiou]/i.test(what) ? 'an' : 'a';
  return error(`not ${article} ${what}: ${quote(text)}`);
}

function error(message: string): Reading {
  return { kind: 'error', message };
}

function fail(message: string): EventTimeResult {
  return { ok: false, message };
}

function quote(text: string): string {
  const shown = text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…` : text;
  return JSON.stringify(shown);
}
