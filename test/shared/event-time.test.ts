import { describe, expect, it } from 'vitest';

import {
  describeEventTimeFormat,
  EVENT_TIME_FORMATS,
  guessEventTimeFormat,
  isValidTimeZone,
  parseEventTime,
} from '../../shared/event-time';

import type { EventTimeFormat } from '../../shared/event-time';

function iso(raw: string, timeZone = 'UTC', format: EventTimeFormat = 'auto'): string {
  const result = parseEventTime(raw, { format, timeZone });
  if (!result.ok) throw new Error(`expected ${JSON.stringify(raw)} to parse: ${result.message}`);
  return result.iso;
}

function message(raw: string, timeZone = 'UTC', format: EventTimeFormat = 'auto'): string {
  const result = parseEventTime(raw, { format, timeZone });
  if (result.ok) throw new Error(`expected ${JSON.stringify(raw)} to fail, got ${result.iso}`);
  return result.message;
}

describe('parseEventTime with the sample files', () => {
  it('reads the CRM export as wall-clock time in the chosen zone', () => {
    expect(iso('2026-11-14 18:35', 'America/Chicago')).toBe('2026-11-15T00:35:00Z');
    expect(iso('2026-11-15 00:52', 'America/Chicago')).toBe('2026-11-15T06:52:00Z');
  });

  it.each(['UTC', 'America/Chicago', 'Europe/Berlin', 'Asia/Tokyo', 'Pacific/Kiritimati'])(
    "reads Shopify's offset whatever the zone setting (%s)",
    (timeZone) => {
      expect(iso('2026-10-21 18:48:28 -0500', timeZone)).toBe('2026-10-21T23:48:28Z');
    },
  );
});

describe('parseEventTime with ISO 8601', () => {
  it.each([
    ['2026-11-30T14:05:00Z', '2026-11-30T14:05:00Z'],
    ['2026-11-30t14:05:00z', '2026-11-30T14:05:00Z'],
    ['2026-11-30 14:05', '2026-11-30T14:05:00Z'],
    ['2026-11-30T14:05', '2026-11-30T14:05:00Z'],
    ['2026-11-30 8:05', '2026-11-30T08:05:00Z'],
    ['2026-11-30T14:05:00.123+01:00', '2026-11-30T13:05:00Z'],
    ['2026-11-30T14:05:00,5Z', '2026-11-30T14:05:00Z'],
    ['2026-11-30 14:05:59.999Z', '2026-11-30T14:05:59Z'],
    ['2026-11-30T14:05:00-0500', '2026-11-30T19:05:00Z'],
    ['2026-11-30T14:05:00+05', '2026-11-30T09:05:00Z'],
    ['2026-11-30T14:05:00+05:30', '2026-11-30T08:35:00Z'],
    ['2026-11-30 14:05:00 -03:30', '2026-11-30T17:35:00Z'],
    ['2026-11-30 14:05 \u221205:00', '2026-11-30T19:05:00Z'],
    ['2026-11-30 14:05:00 UTC', '2026-11-30T14:05:00Z'],
    ['2026-11-30 14:05 GMT+1', '2026-11-30T13:05:00Z'],
    ['2026-11-30 14:05 UTC-03:00', '2026-11-30T17:05:00Z'],
    ['2026-11-30 2:05 PM', '2026-11-30T14:05:00Z'],
    ['2026/11/30 14:05', '2026-11-30T14:05:00Z'],
    ['2026-11-30', '2026-11-30T00:00:00Z'],
    ['  2026-11-30 14:05  ', '2026-11-30T14:05:00Z'],
    ['2026-11-30T00:30:00+14:00', '2026-11-29T10:30:00Z'],
    ['2026-12-31T23:30:00-01:00', '2027-01-01T00:30:00Z'],
    ['2028-02-29 12:00', '2028-02-29T12:00:00Z'],
    ['2000-02-29', '2000-02-29T00:00:00Z'],
  ])('reads %s in UTC as %s', (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it('reads a date alone as midnight in the zone', () => {
    expect(iso('2026-11-30', 'America/New_York')).toBe('2026-11-30T05:00:00Z');
    expect(iso('2026-07-01', 'Europe/Berlin')).toBe('2026-06-30T22:00:00Z');
  });

  it('lets an offset in the value win over the zone setting', () => {
    expect(iso('2026-11-30T14:05:00Z', 'America/New_York')).toBe('2026-11-30T14:05:00Z');
    expect(iso('2026-07-01 12:00 +02:00', 'America/Los_Angeles')).toBe('2026-07-01T10:00:00Z');
  });

  it("accepts only year-first forms when the format is 'iso'", () => {
    expect(iso('2026-11-30 14:05', 'UTC', 'iso')).toBe('2026-11-30T14:05:00Z');
    expect(message('11/30/2026 14:05', 'UTC', 'iso')).toBe(
      'not an ISO 8601 date and time: "11/30/2026 14:05"',
    );
    expect(message('1796047500', 'UTC', 'iso')).toContain('not an ISO 8601 date and time');
  });
});

describe('parseEventTime with numeric dates', () => {
  it.each([
    ['11/30/2026 2:05 PM', '2026-11-30T14:05:00Z'],
    ['11/30/2026 2:05pm', '2026-11-30T14:05:00Z'],
    ['11/30/2026 2:05 p.m.', '2026-11-30T14:05:00Z'],
    ['11/30/2026 14:05', '2026-11-30T14:05:00Z'],
    ['11/30/2026, 2:05:30 PM', '2026-11-30T14:05:30Z'],
    ['12/1/2026 12:00 AM', '2026-12-01T00:00:00Z'],
    ['12/1/2026 12:30 PM', '2026-12-01T12:30:00Z'],
    ['11/30/2026', '2026-11-30T00:00:00Z'],
    ['11-30-2026 14:05', '2026-11-30T14:05:00Z'],
    ['11/30/26 14:05', '2026-11-30T14:05:00Z'],
    ['30/11/2026 14:05', '2026-11-30T14:05:00Z'],
    ['30.11.2026 14:05', '2026-11-30T14:05:00Z'],
    ['30-11-2026', '2026-11-30T00:00:00Z'],
    ['11/30/2026 14:05 -05:00', '2026-11-30T19:05:00Z'],
  ])("reads %s in 'auto' as %s", (raw, expected) => {
    expect(iso(raw)).toBe(expected);
  });

  it("reads an ambiguous slashed date month first in 'auto', a dotted one day first", () => {
    expect(iso('01/02/2026')).toBe('2026-01-02T00:00:00Z');
    expect(iso('01-02-2026')).toBe('2026-01-02T00:00:00Z');
    expect(iso('01.02.2026')).toBe('2026-02-01T00:00:00Z');
    expect(iso('01.13.2026')).toBe('2026-01-13T00:00:00Z');
  });

  it("forces the order with 'us' and 'eu'", () => {
    expect(iso('01/02/2026 10:00', 'UTC', 'us')).toBe('2026-01-02T10:00:00Z');
    expect(iso('01/02/2026 10:00', 'UTC', 'eu')).toBe('2026-02-01T10:00:00Z');
    expect(iso('01.02.2026', 'UTC', 'us')).toBe('2026-01-02T00:00:00Z');
    expect(iso('30.11.2026 14:05', 'UTC', 'eu')).toBe('2026-11-30T14:05:00Z');
    expect(message('30/11/2026', 'UTC', 'us')).toBe(
      'month 30 is not a month (the format is month first)',
    );
    expect(message('11/30/2026', 'UTC', 'eu')).toBe(
      'month 30 is not a month (the format is day first)',
    );
  });

  it("still reads unambiguous forms under 'us' and 'eu', but not Unix time", () => {
    expect(iso('2026-11-30 14:05', 'UTC', 'eu')).toBe('2026-11-30T14:05:00Z');
    expect(iso('Mon, 30 Nov 2026 14:05:00 GMT', 'UTC', 'us')).toBe('2026-11-30T14:05:00Z');
    expect(message('1796047500', 'UTC', 'us')).toBe('not a date and time: "1796047500"');
  });

  it('applies the zone to numeric dates', () => {
    expect(iso('11/30/2026 2:05 PM', 'America/New_York')).toBe('2026-11-30T19:05:00Z');
    expect(iso('30.11.2026 14:05', 'Europe/Berlin')).toBe('2026-11-30T13:05:00Z');
  });
});

describe('parseEventTime with month names', () => {
  it.each([
    ['Mon, 30 Nov 2026 14:05:00 GMT', 'Asia/Tokyo', '2026-11-30T14:05:00Z'],
    ['Mon, 30 Nov 2026 09:05:00 -0500', 'Asia/Tokyo', '2026-11-30T14:05:00Z'],
    ['30 Nov 2026 09:05 EST', 'Asia/Tokyo', '2026-11-30T14:05:00Z'],
    ['Sun, 1 Nov 2026 06:05:00 PST', 'Asia/Tokyo', '2026-11-01T14:05:00Z'],
    [
      'Mon Nov 30 2026 15:05:00 GMT+0100 (Central European Standard Time)',
      'Asia/Tokyo',
      '2026-11-30T14:05:00Z',
    ],
    ['30-Nov-2026 14:05', 'UTC', '2026-11-30T14:05:00Z'],
    ['30 November 2026', 'UTC', '2026-11-30T00:00:00Z'],
    ['November 30, 2026 2:05 PM', 'America/New_York', '2026-11-30T19:05:00Z'],
    ['Nov 30, 2026 at 2:05 PM', 'UTC', '2026-11-30T14:05:00Z'],
    ['Monday, November 30th, 2026 14:05', 'UTC', '2026-11-30T14:05:00Z'],
    ['Sept 30 2026', 'UTC', '2026-09-30T00:00:00Z'],
  ])('reads %s in %s as %s', (raw, timeZone, expected) => {
    expect(iso(raw, timeZone)).toBe(expected);
  });

  it('refuses words that are not English month or weekday names', () => {
    expect(message('30 Foo 2026')).toBe('not a date and time: "30 Foo 2026"');
    expect(message('Xyz, 30 Nov 2026')).toBe('not a date and time: "Xyz, 30 Nov 2026"');
  });
});

describe('parseEventTime across daylight saving time', () => {
  it.each([
    ['2026-01-15 12:00', '2026-01-15T17:00:00Z'],
    ['2026-07-04 12:00', '2026-07-04T16:00:00Z'],
    ['2026-03-08 01:59:59', '2026-03-08T06:59:59Z'],
    ['2026-03-08 03:00', '2026-03-08T07:00:00Z'],
    ['2026-11-01 00:59', '2026-11-01T04:59:00Z'],
    ['2026-11-01 02:00', '2026-11-01T07:00:00Z'],
  ])('reads %s in America/New_York as %s', (raw, expected) => {
    expect(iso(raw, 'America/New_York')).toBe(expected);
  });

  it('reads the skipped spring hour in New York with the offset from before the gap', () => {
    expect(iso('2026-03-08 02:00', 'America/New_York')).toBe('2026-03-08T07:00:00Z');
    expect(iso('2026-03-08 02:30', 'America/New_York')).toBe('2026-03-08T07:30:00Z');
    expect(iso('2026-03-08 02:59:59', 'America/New_York')).toBe('2026-03-08T07:59:59Z');
  });

  it('reads the repeated autumn hour in New York as its first, daylight-time occurrence', () => {
    expect(iso('2026-11-01 01:00', 'America/New_York')).toBe('2026-11-01T05:00:00Z');
    expect(iso('2026-11-01 01:30', 'America/New_York')).toBe('2026-11-01T05:30:00Z');
    expect(iso('2026-11-01 01:59:59', 'America/New_York')).toBe('2026-11-01T05:59:59Z');
  });

  it.each([
    ['2026-01-15 12:00', '2026-01-15T11:00:00Z'],
    ['2026-07-04 12:00', '2026-07-04T10:00:00Z'],
    ['2026-03-29 01:59', '2026-03-29T00:59:00Z'],
    ['2026-03-29 02:30', '2026-03-29T01:30:00Z'],
    ['2026-03-29 03:00', '2026-03-29T01:00:00Z'],
    ['2026-10-25 01:59', '2026-10-24T23:59:00Z'],
    ['2026-10-25 02:00', '2026-10-25T00:00:00Z'],
    ['2026-10-25 02:30', '2026-10-25T00:30:00Z'],
    ['2026-10-25 03:00', '2026-10-25T02:00:00Z'],
    ['25.10.2026 02:59:59', '2026-10-25T00:59:59Z'],
  ])('reads %s in Europe/Berlin as %s', (raw, expected) => {
    expect(iso(raw, 'Europe/Berlin')).toBe(expected);
  });

  it.each([
    ['America/New_York', 60],
    ['Europe/Berlin', 60],
    ['Australia/Lord_Howe', 30],
  ])('agrees with Intl for every quarter hour of 2026 in %s', (timeZone, minutesBack) => {
    const wallClock = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    const quarterHour = 15 * 60 * 1000;
    for (
      let instant = Date.UTC(2026, 0, 1);
      instant < Date.UTC(2027, 0, 1);
      instant += quarterHour
    ) {
      const parts = Object.fromEntries(
        wallClock.formatToParts(instant).map((part) => [part.type, part.value]),
      );
      const raw = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
      const read = Date.parse(iso(raw, timeZone));

      // Only the second showing of a repeated wall-clock time reads as another instant: the first.
      if (read !== instant) expect(instant - read).toBe(minutesBack * 60 * 1000);
    }
  });

  it('handles zones with half- and quarter-hour offsets', () => {
    expect(iso('2026-11-30 14:05', 'Asia/Kolkata')).toBe('2026-11-30T08:35:00Z');
    expect(iso('2026-11-30 14:05', 'Asia/Kathmandu')).toBe('2026-11-30T08:20:00Z');
    expect(iso('2026-11-30 14:05', 'America/St_Johns')).toBe('2026-11-30T17:35:00Z');
  });

  it('accepts zone names in any case and their aliases', () => {
    expect(iso('2026-11-30 14:05', 'america/new_york')).toBe('2026-11-30T19:05:00Z');
    expect(iso('2026-11-30 14:05', 'US/Eastern')).toBe('2026-11-30T19:05:00Z');
    expect(iso('2026-11-30 14:05', 'Etc/UTC')).toBe('2026-11-30T14:05:00Z');
    expect(iso('2026-11-30 14:05', 'Etc/GMT+5')).toBe('2026-11-30T19:05:00Z');
  });
});

describe('parseEventTime with Unix time', () => {
  it.each([
    ['1796047500', '2026-11-30T14:05:00Z'],
    ['1796047500.75', '2026-11-30T14:05:00Z'],
    ['999999999', '2001-09-09T01:46:39Z'],
    ['1796047500000', '2026-11-30T14:05:00Z'],
    ['1796047500999', '2026-11-30T14:05:00Z'],
    ['999999999999', '2001-09-09T01:46:39Z'],
  ])("reads %s in 'auto' as %s", (raw, expected) => {
    expect(iso(raw, 'America/New_York')).toBe(expected);
  });

  it('reads any number of seconds or milliseconds when the format says which', () => {
    expect(iso('0', 'UTC', 'unix-seconds')).toBe('1970-01-01T00:00:00Z');
    expect(iso('-1', 'UTC', 'unix-seconds')).toBe('1969-12-31T23:59:59Z');
    expect(iso('1796047500', 'Asia/Tokyo', 'unix-seconds')).toBe('2026-11-30T14:05:00Z');
    expect(iso('86400000', 'UTC', 'unix-ms')).toBe('1970-01-02T00:00:00Z');
    expect(iso('-1', 'UTC', 'unix-ms')).toBe('1969-12-31T23:59:59Z');
    expect(iso('1796047500123', 'UTC', 'unix-ms')).toBe('2026-11-30T14:05:00Z');
  });

  it('refuses numbers whose length is neither seconds nor milliseconds', () => {
    expect(message('17960475001')).toBe(
      '"17960475001" is neither Unix seconds (9–10 digits) nor Unix milliseconds (12–13 digits)',
    );
    expect(message('20261130')).toContain('is neither Unix seconds');
    expect(message('2026-11-30', 'UTC', 'unix-seconds')).toBe(
      'not a number of seconds: "2026-11-30"',
    );
    expect(message('1e12', 'UTC', 'unix-ms')).toBe('not a number of milliseconds: "1e12"');
    expect(message('99999999999999', 'UTC', 'unix-seconds')).toBe(
      '"99999999999999" is outside the years 1000 to 9999',
    );
  });
});

describe('parseEventTime with Excel serial dates', () => {
  it('reads serials as days since 1899-12-30 in the zone', () => {
    expect(iso('46000.5', 'UTC', 'excel-serial')).toBe('2025-12-09T12:00:00Z');
    expect(iso('46356.58681', 'UTC', 'excel-serial')).toBe('2026-11-30T14:05:00Z');
    expect(iso('46356,5', 'UTC', 'excel-serial')).toBe('2026-11-30T12:00:00Z');
    expect(iso('46356', 'America/New_York', 'excel-serial')).toBe('2026-11-30T05:00:00Z');
    expect(iso('61', 'UTC', 'excel-serial')).toBe('1900-03-01T00:00:00Z');
  });

  it('rounds the fraction of a day to the nearest second', () => {
    // 14:05 is 0.58680555… of a day; its float is a hair under, which truncation would show.
    expect(iso(String(46356 + (14 * 60 + 5) / 1440), 'UTC', 'excel-serial')).toBe(
      '2026-11-30T14:05:00Z',
    );
    expect(iso('46356.99999999', 'UTC', 'excel-serial')).toBe('2026-12-01T00:00:00Z');
  });

  it("asks for the Excel format instead of guessing in 'auto'", () => {
    const expected = 'looks like an Excel serial date: choose the format "Excel serial date"';
    expect(message('46000')).toContain(expected);
    expect(message('46000.5')).toContain(expected);
  });

  it('refuses what is not a serial date', () => {
    expect(message('60', 'UTC', 'excel-serial')).toContain("outside Excel's serial dates");
    expect(message('1796047500', 'UTC', 'excel-serial')).toContain("outside Excel's serial dates");
    expect(message('2026-11-30', 'UTC', 'excel-serial')).toBe(
      'not an Excel serial date: "2026-11-30"',
    );
    expect(message('-46000', 'UTC', 'excel-serial')).toBe('not an Excel serial date: "-46000"');
  });
});

describe('parseEventTime errors', () => {
  it.each([
    ['', 'the event time is empty'],
    ['   ', 'the event time is empty'],
    ['yesterday', 'not a date and time: "yesterday"'],
    ['2026-02-30 10:00', 'February 30 is not a date'],
    ['2027-02-29', 'February 29 is not a date in 2027'],
    ['2100-02-29', 'February 29 is not a date in 2100'],
    ['2026-04-31', 'April 31 is not a date'],
    ['2026-11-00', 'November 0 is not a date'],
    ['2026-13-01', 'month 13 is not a month'],
    ['2026-00-10', 'month 0 is not a month'],
    ['2026-11-30 25:00', '"25:00" is not a time of day'],
    ['2026-11-30 24:00', '"24:00" is not a time of day'],
    ['2026-11-30 14:60', '"14:60" is not a time of day'],
    ['2026-11-30 14:05:60', '"14:05:60" is not a time of day'],
    ['11/30/2026 13:00 PM', '"13:00 PM" is not a time of day: a 12-hour clock runs 1 to 12'],
    ['11/30/2026 0:30 AM', '"0:30 AM" is not a time of day: a 12-hour clock runs 1 to 12'],
    ['2026-11-30 14:05 +19:00', '"+19:00" is not a UTC offset'],
    ['2026-11-30 14:05 +05:75', '"+05:75" is not a UTC offset'],
    ['13/14/2026', 'neither 13 nor 14 is a month'],
    ['31/02/2026', 'February 31 is not a date'],
    ['0999-12-31', 'the year 999 is before 1000'],
    ['9999-12-31T23:59:59-01:00', '"9999-12-31T23:59:59-01:00" is outside the years 1000 to 9999'],
    ['2026-11-30 14:05 PST8PDT', 'not a date and time: "2026-11-30 14:05 PST8PDT"'],
    ['2026-11-30 14', 'not a date and time: "2026-11-30 14"'],
    ['30/11', 'not a date and time: "30/11"'],
  ])('refuses %j: %s', (raw, expected) => {
    expect(parseEventTime(raw, { format: 'auto', timeZone: 'UTC' })).toEqual({
      ok: false,
      message: expected,
    });
  });

  it('shortens a long value in its message', () => {
    const text = message('x'.repeat(500));
    expect(text).toBe(`not a date and time: "${'x'.repeat(40)}…"`);
  });

  it('names an unknown or missing time zone, even when the value has an offset', () => {
    expect(message('2026-11-30 14:05', 'Mars/Base')).toBe('unknown time zone "Mars/Base"');
    expect(message('2026-11-30T14:05:00Z', 'Mars/Base')).toBe('unknown time zone "Mars/Base"');
    expect(message('2026-11-30 14:05', '+01:00')).toBe('unknown time zone "+01:00"');
    expect(message('2026-11-30 14:05', '')).toBe('no time zone is chosen');
  });

  it('gives every success in the same second-precision UTC form', () => {
    const values = [
      '2026-11-30T14:05:00.5+01:00',
      '11/30/2026 2:05 PM',
      '1796047500',
      '30.11.2026',
    ];
    for (const raw of values) {
      expect(iso(raw, 'Asia/Tokyo')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
  });
});

describe('isValidTimeZone', () => {
  it.each([
    'UTC',
    'utc',
    'Etc/UTC',
    'America/New_York',
    'europe/berlin',
    'Etc/GMT+5',
    'US/Eastern',
  ])('knows %s', (zone) => {
    expect(isValidTimeZone(zone)).toBe(true);
  });

  it.each(['Mars/Base', '', ' ', '+01:00', 'America/Nowhere', 'Local', '../etc/passwd'])(
    'refuses %j',
    (zone) => {
      expect(isValidTimeZone(zone)).toBe(false);
    },
  );
});

describe('describeEventTimeFormat', () => {
  it.each(EVENT_TIME_FORMATS)('labels %s with an example that the format reads', (format) => {
    const label = describeEventTimeFormat(format);
    const example = /e\.g\. (.+?)(?: or |$)/.exec(label)?.[1];

    expect(example).toBeDefined();
    expect(iso(example ?? '', 'UTC', format)).toMatch(/^2026-11-30T14:05:00Z$/);
  });

  it('lists the formats the mapping offers', () => {
    expect(EVENT_TIME_FORMATS).toEqual([
      'auto',
      'iso',
      'us',
      'eu',
      'unix-seconds',
      'unix-ms',
      'excel-serial',
    ]);
  });
});

describe('guessEventTimeFormat', () => {
  it('suggests an order when a part over 12 settles it', () => {
    expect(guessEventTimeFormat(['01/02/2026 10:00', '30/01/2026 10:00'])).toBe('eu');
    expect(guessEventTimeFormat(['01/02/2026 10:00', '01/30/2026 10:00', ''])).toBe('us');
  });

  it('suggests the Excel format only when every value looks like a serial', () => {
    expect(guessEventTimeFormat(['46356.58681', '46357', ' '])).toBe('excel-serial');
    expect(guessEventTimeFormat(['46356.58681', '2026-11-30'])).toBe('auto');
  });

  it("falls back to 'auto' for unambiguous, mixed or empty samples", () => {
    expect(guessEventTimeFormat(['2026-11-14 18:35', '2026-11-15 00:52'])).toBe('auto');
    expect(guessEventTimeFormat(['01/02/2026', '03/04/2026'])).toBe('auto');
    expect(guessEventTimeFormat(['30/01/2026', '01/30/2026'])).toBe('auto');
    expect(guessEventTimeFormat([])).toBe('auto');
  });
});
