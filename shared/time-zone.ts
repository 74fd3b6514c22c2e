/**
 * IANA time zones without a library: a zone's UTC offset at an instant, read from
 * `Intl.DateTimeFormat`, and a zone's wall-clock time turned into an instant. Times are whole
 * seconds since 1970-01-01T00:00:00Z; nothing here reads the machine's zone or clock.
 */

/** One IANA time zone, as `lookUpTimeZone` returns it. */
export interface TimeZone {
  /** The engine's canonical name, e.g. `America/New_York` for `us/eastern`. */
  readonly name: string;
  /** True for UTC and its aliases, which need no offset arithmetic. */
  readonly isUtc: boolean;
  /** Seconds to add to UTC to get the zone's wall-clock time at `epochSeconds`. */
  offsetAt(epochSeconds: number): number;
  /**
   * The instant at which clocks in the zone show `wallSeconds` (a wall-clock time counted as if
   * it were UTC). A time shown twice, when clocks go back, gives the earlier instant; a time
   * skipped when clocks go forward is read with the offset from before the gap, so 02:30 on a
   * spring-forward night becomes 03:30 daylight time (RFC 5545, and JavaScript's own `Date`).
   */
  toEpochSeconds(wallSeconds: number): number;
}

/** The time zone named `zone` (an IANA name or `UTC`, any case), or null if the engine has none. */
export function lookUpTimeZone(zone: string): TimeZone | null {
  const known = zones.get(zone);
  if (known !== undefined) return known;

  const found = createTimeZone(zone);
  // Names come from settings, not rows, so the map stays small; the cap only guards misuse.
  if (zones.size >= MAX_CACHED_ZONES) zones.clear();
  zones.set(zone, found);
  return found;
}

/** Whether `zone` is an IANA time zone name (or `UTC`) that this JavaScript engine knows. */
export function isValidTimeZone(zone: string): boolean {
  return lookUpTimeZone(zone) !== null;
}

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (month 1–12). */
export function epochDaysFromCivil(year: number, month: number, day: number): number {
  // Howard Hinnant's days_from_civil: years start in March, so February's length comes last.
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

const SECONDS_PER_HOUR = 3600;
const SECONDS_PER_DAY = 86400;
const MAX_CACHED_ZONES = 256;
const MAX_CACHED_HOURS = 100_000;
// Marks a cached hour that holds a transition, whose offset must be read for each instant.
const MIXED_HOUR = Number.NaN;
// Names only: some engines accept offsets such as "+01:00" as zones and others do not.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+\-/]*$/;

const zones = new Map<string, TimeZone | null>();

const utcZone: TimeZone = {
  name: 'UTC',
  isUtc: true,
  offsetAt: () => 0,
  toEpochSeconds: (wallSeconds) => wallSeconds,
};

function createTimeZone(zone: string): TimeZone | null {
  if (!ZONE_NAME.test(zone)) return null;

  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  } catch {
    return null;
  }

  const name = format.resolvedOptions().timeZone;
  return name === 'UTC' ? utcZone : createNamedZone(name, format);
}

function createNamedZone(name: string, format: Intl.DateTimeFormat): TimeZone {
  // formatToParts costs microseconds; rows cluster in time, so offsets are kept per UTC hour.
  const hours = new Map<number, number>();

  const offsetAt = (epochSeconds: number): number => {
    const seconds = Math.floor(epochSeconds);
    const hour = Math.floor(seconds / SECONDS_PER_HOUR);
    let offset = hours.get(hour);
    if (offset === undefined) {
      const start = readOffset(format, hour * SECONDS_PER_HOUR);
      const end = readOffset(format, hour * SECONDS_PER_HOUR + SECONDS_PER_HOUR - 1);
      // Equal ends mean no transition inside: no zone has had two transitions within an hour.
      offset = start === end ? start : MIXED_HOUR;
      if (hours.size >= MAX_CACHED_HOURS) hours.clear();
      hours.set(hour, offset);
    }
    return Number.isNaN(offset) ? readOffset(format, seconds) : offset;
  };

  const toEpochSeconds = (wallSeconds: number): number => {
    // The true instant lies within 14 hours of the wall time read as UTC, so offsets a day
    // either side are those before and after any transition that could be involved.
    const before = offsetAt(wallSeconds - SECONDS_PER_DAY);
    const after = offsetAt(wallSeconds + SECONDS_PER_DAY);
    if (before === after) return wallSeconds - before;

    const withBefore = wallSeconds - before;
    const withAfter = wallSeconds - after;
    const beforeHolds = offsetAt(withBefore) === before;
    const afterHolds = offsetAt(withAfter) === after;
    if (beforeHolds && afterHolds) return Math.min(withBefore, withAfter);
    if (afterHolds) return withAfter;
    return withBefore;
  };

  return { name, isUtc: false, offsetAt, toEpochSeconds };
}

function readOffset(format: Intl.DateTimeFormat, epochSeconds: number): number {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of format.formatToParts(epochSeconds * 1000)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        // Some ICU versions print midnight as 24 even with hourCycle h23.
        hour = Number(part.value) % 24;
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
    }
  }

  const wall =
    epochDaysFromCivil(year, month, day) * SECONDS_PER_DAY +
    hour * SECONDS_PER_HOUR +
    minute * 60 +
    second;
  return wall - epochSeconds;
}
