import { describe, expect, it } from 'vitest';

import { excelSerialToDate } from '../../../shared/normalize/date-of-birth';

import { normalize, normalizedOrNull, omission, TODAY } from './support';

describe('db', () => {
  it.each([
    ['1990-07-04', '19900704'],
    ['1990/07/04', '19900704'],
    ['1990.07.04', '19900704'],
    ['1990-7-4', '19900704'],
    ['1990-07-04T00:00:00Z', '19900704'],
    ['1990-07-04T23:30:00-05:00', '19900704'],
    ['1990-07-04t00:00:00.000+0200', '19900704'],
    ['1990-07-04 00:00:00', '19900704'],
    ['1990-07-04 00:00', '19900704'],
  ])('reads the ISO date %j without moving it by its time or zone', (raw, expected) => {
    expect(normalizedOrNull('db', raw)).toBe(expected);
  });

  it('reads compact YYYYMMDD', () => {
    expect(normalizedOrNull('db', '19900704')).toBe('19900704');
    expect(normalizedOrNull('db', '20001231')).toBe('20001231');
  });

  it.each([
    ['7/4/1990', '19900704'],
    ['07-04-1990', '19900704'],
    ['07.04.1990', '19900704'],
    ['7/4/1990 0:00', '19900704'],
    ['07/04/1990 12:00:00 AM', '19900704'],
  ])('reads the ambiguous %j month first by default', (raw, expected) => {
    expect(normalizedOrNull('db', raw)).toBe(expected);
  });

  it('lets a part above 12 decide the order, whatever the option says', () => {
    expect(normalizedOrNull('db', '13/07/1990')).toBe('19900713');
    expect(normalizedOrNull('db', '25.12.1990', {}, { dayMonthOrder: 'month-first' })).toBe(
      '19901225',
    );
    expect(normalizedOrNull('db', '07/13/1990', {}, { dayMonthOrder: 'day-first' })).toBe(
      '19900713',
    );
  });

  it('reads an ambiguous date day first when the mapping says so', () => {
    expect(normalizedOrNull('db', '04/07/1990', {}, { dayMonthOrder: 'day-first' })).toBe(
      '19900704',
    );
    expect(normalizedOrNull('db', '04/07/1990', {}, { dayMonthOrder: 'month-first' })).toBe(
      '19900407',
    );
  });

  it('leaves out a date whose two parts are both above 12', () => {
    expect(omission('db', '13/13/1990')?.detail).toBe('impossible date 1990-13-13');
  });

  it.each([
    '4 Jul 1990',
    '4 July 1990',
    '04-Jul-1990',
    '4th July 1990',
    'the 4th of July, 1990',
    'July 4, 1990',
    'July 4th, 1990',
    'Jul 4 1990',
    'Jul-04-1990',
    'JUL. 4, 1990',
    '1990-Jul-04',
    '1990 July 4',
    'Wednesday, July 4, 1990',
    'Wed Jul 04 1990 00:00:00 GMT+0000 (Coordinated Universal Time)',
  ])('reads the month name in %j', (raw) => {
    expect(normalizedOrNull('db', raw)).toBe('19900704');
  });

  it('reads every English month name and abbreviation', () => {
    const names = [
      ['jan', 'january'],
      ['feb', 'february'],
      ['mar', 'march'],
      ['apr', 'april'],
      ['may', 'may'],
      ['jun', 'june'],
      ['jul', 'july'],
      ['aug', 'august'],
      ['sep', 'september'],
      ['oct', 'october'],
      ['nov', 'november'],
      ['dec', 'december'],
    ];
    names.forEach((forms, index) => {
      const month = String(index + 1).padStart(2, '0');
      for (const form of forms)
        expect(normalizedOrNull('db', `1 ${form} 1990`)).toBe(`1990${month}01`);
    });
    expect(normalizedOrNull('db', 'Sept 9, 1990')).toBe('19900909');
  });

  it.each([
    ['4 Juillet 1990', 'a month name in another language'],
    ['July 1990', 'no day'],
    ['4 Jul 5 1990', 'two days'],
    ['Jul Aug 4 1990', 'two months'],
    ['4 Jul 1990 (approx.)', 'a remark'],
    ['sometime in 1990', 'words'],
    ['1990-07', 'no day'],
    ['199007', 'six digits'],
    ['45', 'an age'],
  ])('leaves out %j (%s) as unreadable', (raw) => {
    expect(omission('db', raw)).toEqual({
      reason: 'invalid',
      detail: `not a date that can be read: "${raw}"`,
    });
  });

  it('leaves out a cell far longer than any date without reading it', () => {
    const long = `${' '.repeat(50_000)}1:00`;
    expect(omission('db', `x${long}`)?.reason).toBe('invalid');
  });

  it.each(['07/04/90', '7-4-90', '4 Jul 90', 'July 4, 90'])(
    'leaves out the two-digit year in %j',
    (raw) => {
      expect(omission('db', raw)).toEqual({
        reason: 'invalid',
        detail: 'two-digit year: the century is unknown',
      });
    },
  );

  it('leaves out a bare year', () => {
    expect(omission('db', '1990')?.detail).toBe('a year alone is not a date of birth');
  });

  it('takes 29 February only in leap years', () => {
    expect(normalizedOrNull('db', '2000-02-29')).toBe('20000229');
    expect(normalizedOrNull('db', '1996-02-29')).toBe('19960229');
    expect(omission('db', '1900-02-29')?.detail).toBe('impossible date 1900-02-29');
    expect(omission('db', '2001-02-29')?.detail).toBe('impossible date 2001-02-29');
  });

  it.each(['1990-04-31', '1990-00-10', '1990-13-01', '1990-01-00', '1990-01-32'])(
    'leaves out the impossible date %j',
    (raw) => {
      expect(omission('db', raw)?.detail).toBe(`impossible date ${raw}`);
    },
  );

  it('leaves out years before 1900 and takes 1 January 1900', () => {
    expect(omission('db', '1899-12-31')?.detail).toBe('year 1899 is before 1900');
    expect(omission('db', '12/31/1899')?.detail).toBe('year 1899 is before 1900');
    expect(normalizedOrNull('db', '1900-01-01')).toBe('19000101');
  });

  it('leaves out dates after options.today and takes today itself', () => {
    expect(TODAY).toBe('2025-06-15');
    expect(normalizedOrNull('db', '2025-06-15')).toBe('20250615');
    expect(omission('db', '2025-06-16')?.detail).toBe('date in the future: 2025-06-16');
    expect(normalizedOrNull('db', '2025-06-16', {}, { today: '2030-01-01' })).toBe('20250616');
  });

  it('rejects a malformed options.today loudly instead of guessing', () => {
    expect(() => normalize('db', '1990-07-04', {}, { today: '15/06/2025' })).toThrow(/YYYY-MM-DD/);
  });

  describe('Excel serial numbers (1900 date system)', () => {
    it.each([
      ['33058', '19900704'],
      ['36585', '20000229'],
      ['33058.75', '19900704'],
      ['10000', '19270518'],
      ['45823', '20250615'],
    ])('reads %j as %j', (raw, expected) => {
      expect(normalizedOrNull('db', raw)).toBe(expected);
    });

    it('leaves out a serial after today', () => {
      expect(omission('db', '45824')?.detail).toBe('date in the future: 2025-06-16');
      expect(omission('db', '99999')?.reason).toBe('invalid');
    });

    it('does not read numbers of four digits or fewer as serials', () => {
      expect(omission('db', '1990')?.detail).toBe('a year alone is not a date of birth');
      expect(omission('db', '61')?.reason).toBe('invalid');
      expect(omission('db', '01234')?.reason).toBe('invalid');
    });

    it('accounts for the 29 February 1900 that Excel invents', () => {
      expect(excelSerialToDate(1)).toEqual({ year: 1900, month: 1, day: 1 });
      expect(excelSerialToDate(59)).toEqual({ year: 1900, month: 2, day: 28 });
      expect(excelSerialToDate(60)).toBeUndefined();
      expect(excelSerialToDate(61)).toEqual({ year: 1900, month: 3, day: 1 });
      expect(excelSerialToDate(0)).toBeUndefined();
      expect(excelSerialToDate(36526)).toEqual({ year: 2000, month: 1, day: 1 });
    });
  });
});
