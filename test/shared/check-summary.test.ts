import { describe, expect, it } from 'vitest';

import { CheckAccumulator, ROWS_KEPT_PER_REASON } from '../../shared/check-summary';

import type { BuiltEvent, EventProblem } from '../../shared/build-event';
import type { CadentUser } from '../../shared/cadent-contract';
import type { IdentityField } from '../../shared/cadent-fields';

const HASH = 'a'.repeat(64);

function user(...fields: IdentityField[]): CadentUser {
  return Object.fromEntries(fields.map((field) => [field, HASH]));
}

function valid(
  row: number,
  options: {
    id?: string;
    fields?: IdentityField[];
    problems?: EventProblem[];
    prehashed?: IdentityField[];
    lastRow?: number;
  } = {},
): BuiltEvent {
  return {
    firstRow: row,
    lastRow: options.lastRow ?? row,
    event: {
      event_id: options.id ?? `ord-${row}`,
      event_name: 'Purchase',
      conversion_type: 'online_purchase',
      user: user(...(options.fields ?? ['em'])),
    },
    problems: options.problems ?? [],
    prehashed: options.prehashed ?? [],
    trace: null,
  };
}

function invalid(row: number, problems: EventProblem[]): BuiltEvent {
  return { firstRow: row, lastRow: row, event: null, problems, prehashed: [], trace: null };
}

function problem(
  code: string,
  field: string,
  fatal: boolean,
  message = `${field} is wrong`,
): EventProblem {
  return { code, field, column: field === 'em' ? 'Email' : null, message, fatal };
}

const MISSING_EM = problem('missing_match_key', 'em', true, 'no usable em');
const BAD_TIME = problem('invalid_event_time', 'event_time', true, 'event time is blank');
const BAD_GENDER = problem('invalid_value', 'ge', false, 'not a gender');

describe('CheckAccumulator', () => {
  it('summarizes nothing as zeros, with every field in the coverage', () => {
    const summary = new CheckAccumulator('em').summary();
    expect(summary).toMatchObject({
      rows: 0,
      blankRows: 0,
      events: 0,
      valid: 0,
      invalid: 0,
      invalidByReason: [],
      warningsByReason: [],
      duplicateEvents: 0,
      duplicates: [],
      prehashed: {},
      matchKey: 'em',
    });
    expect(summary.coverage).toHaveLength(10);
    expect(summary.coverage.every((entry) => entry.events === 0)).toBe(true);
  });

  it('counts rows, blank rows, events, valid and invalid ones', () => {
    const accumulator = new CheckAccumulator('em');
    accumulator.add(valid(2), 1);
    accumulator.addBlankRow();
    // A group of three rows is one event.
    accumulator.add(valid(4, { lastRow: 6 }), 3);
    accumulator.add(invalid(7, [MISSING_EM]), 1);
    accumulator.addBlankRow();
    const summary = accumulator.summary();
    expect(summary).toMatchObject({ rows: 7, blankRows: 2, events: 3, valid: 2, invalid: 1 });
  });

  it('groups invalid events by reason, with rows and counts, most frequent first', () => {
    const accumulator = new CheckAccumulator('em');
    accumulator.add(invalid(2, [BAD_TIME]), 1);
    accumulator.add(invalid(3, [MISSING_EM]), 1);
    accumulator.add(invalid(5, [MISSING_EM, BAD_TIME]), 1);
    accumulator.add(invalid(9, [{ ...MISSING_EM, message: 'no usable em (blank)' }]), 1);
    accumulator.add(invalid(11, [MISSING_EM]), 1);
    const summary = accumulator.summary();
    expect(summary.invalidByReason).toEqual([
      {
        code: 'missing_match_key',
        field: 'em',
        column: 'Email',
        message: 'no usable em',
        count: 3,
        rows: [3, 5, 11],
      },
      {
        code: 'invalid_event_time',
        field: 'event_time',
        column: null,
        message: 'event time is blank',
        count: 2,
        rows: [2, 5],
      },
      // Another kind of message under the same code is a reason of its own.
      {
        code: 'missing_match_key',
        field: 'em',
        column: 'Email',
        message: 'no usable em (blank)',
        count: 1,
        rows: [9],
      },
    ]);
    expect(summary.warningsByReason).toEqual([]);
  });

  it('keeps messages that differ only in their values under one reason', () => {
    const accumulator = new CheckAccumulator('em');
    const ragged = (row: number, fields: number) => ({
      field: 'row',
      column: null,
      code: 'ragged_row',
      fatal: true,
      message: `row ${row} has ${fields} fields, the header has 12`,
    });
    accumulator.add(invalid(4, [ragged(4, 14)]), 1);
    accumulator.add(invalid(8, [ragged(8, 3)]), 1);
    expect(accumulator.summary().invalidByReason).toEqual([
      expect.objectContaining({ code: 'ragged_row', count: 2, rows: [4, 8] }),
    ]);
  });

  it('lists warnings of valid events apart, and not those of invalid ones', () => {
    const accumulator = new CheckAccumulator('em');
    accumulator.add(valid(2, { problems: [BAD_GENDER] }), 1);
    accumulator.add(invalid(3, [MISSING_EM, BAD_GENDER]), 1);
    accumulator.add(valid(4, { problems: [BAD_GENDER] }), 1);
    const summary = accumulator.summary();
    expect(summary.warningsByReason).toEqual([
      expect.objectContaining({ code: 'invalid_value', field: 'ge', count: 2, rows: [2, 4] }),
    ]);
    expect(summary.invalidByReason).toEqual([
      expect.objectContaining({ code: 'missing_match_key', count: 1, rows: [3] }),
    ]);
  });

  it('keeps at most ROWS_KEPT_PER_REASON row numbers per reason, with the exact count', () => {
    const accumulator = new CheckAccumulator('em');
    const total = ROWS_KEPT_PER_REASON * 3 + 7;
    for (let row = 2; row < total + 2; row++) {
      accumulator.add(invalid(row, [MISSING_EM]), 1);
      accumulator.add(valid(100_000 + row, { problems: [BAD_GENDER] }), 1);
    }
    const summary = accumulator.summary();
    const [reason] = summary.invalidByReason;
    expect(reason?.count).toBe(total);
    expect(reason?.rows).toHaveLength(ROWS_KEPT_PER_REASON);
    // The first rows, in file order.
    expect(reason?.rows.slice(0, 3)).toEqual([2, 3, 4]);
    expect(summary.warningsByReason[0]?.count).toBe(total);
    expect(summary.warningsByReason[0]?.rows).toHaveLength(ROWS_KEPT_PER_REASON);
    expect(summary.invalid).toBe(total);
    expect(summary.valid).toBe(total);
  });

  describe('duplicate event IDs', () => {
    it('finds an event ID that an earlier event of the file already has', () => {
      const accumulator = new CheckAccumulator('em');
      accumulator.add(valid(2, { id: 'A' }), 1);
      accumulator.add(valid(3, { id: 'B' }), 1);
      accumulator.add(valid(4, { id: 'A' }), 1);
      accumulator.add(valid(5, { id: 'A' }), 1);
      accumulator.add(valid(6, { id: 'C' }), 1);
      accumulator.add(valid(7, { id: 'B' }), 1);
      const summary = accumulator.summary();
      expect(summary.duplicateEvents).toBe(3);
      expect(summary.duplicates).toEqual([
        { eventId: 'A', rows: [2, 4, 5] },
        { eventId: 'B', rows: [3, 7] },
      ]);
      // Duplicates are still valid events: Cadent counts them, it does not reject them.
      expect(summary.valid).toBe(6);
    });

    it('ignores the IDs of invalid events', () => {
      const accumulator = new CheckAccumulator('em');
      accumulator.add(valid(2, { id: 'A' }), 1);
      accumulator.add(invalid(3, [MISSING_EM]), 1);
      accumulator.add(valid(4, { id: 'B' }), 1);
      expect(accumulator.summary().duplicateEvents).toBe(0);
    });

    it('keeps a bounded number of groups and rows, with the exact count', () => {
      const accumulator = new CheckAccumulator('em');
      let row = 2;
      // One ID repeated many times, then many IDs each repeated once.
      for (let i = 0; i < ROWS_KEPT_PER_REASON * 2; i++)
        accumulator.add(valid(row++, { id: 'X' }), 1);
      for (let i = 0; i < ROWS_KEPT_PER_REASON * 2; i++) {
        accumulator.add(valid(row++, { id: `Y${i}` }), 1);
        accumulator.add(valid(row++, { id: `Y${i}` }), 1);
      }
      const summary = accumulator.summary();
      expect(summary.duplicateEvents).toBe(ROWS_KEPT_PER_REASON * 2 - 1 + ROWS_KEPT_PER_REASON * 2);
      expect(summary.duplicates).toHaveLength(ROWS_KEPT_PER_REASON);
      expect(summary.duplicates[0]?.eventId).toBe('X');
      expect(summary.duplicates[0]?.rows).toHaveLength(ROWS_KEPT_PER_REASON);
      expect(summary.duplicates[1]).toEqual({
        eventId: 'Y0',
        rows: [ROWS_KEPT_PER_REASON * 2 + 2, ROWS_KEPT_PER_REASON * 2 + 3],
      });
    });
  });

  describe('coverage', () => {
    it('counts valid events carrying each field, match key first, then in field order', () => {
      const accumulator = new CheckAccumulator('external-id');
      accumulator.add(valid(2, { fields: ['em', 'external-id', 'zp'] }), 1);
      accumulator.add(valid(3, { fields: ['external-id', 'zp'] }), 1);
      accumulator.add(valid(4, { fields: ['external-id', 'country'] }), 1);
      // Invalid events carry nothing.
      accumulator.add(invalid(5, [MISSING_EM]), 1);
      const { coverage } = accumulator.summary();
      expect(coverage).toEqual([
        { field: 'external-id', events: 3 },
        { field: 'em', events: 1 },
        { field: 'fn', events: 0 },
        { field: 'ln', events: 0 },
        { field: 'db', events: 0 },
        { field: 'ge', events: 0 },
        { field: 'ct', events: 0 },
        { field: 'st', events: 0 },
        { field: 'zp', events: 2 },
        { field: 'country', events: 1 },
      ]);
    });

    it('keeps the field order without a match key', () => {
      const accumulator = new CheckAccumulator(null);
      accumulator.add(valid(2, { fields: ['zp'] }), 1);
      const summary = accumulator.summary();
      expect(summary.matchKey).toBeNull();
      expect(summary.coverage.map((entry) => entry.field)).toEqual([
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
    });
  });

  it('counts already hashed values per field, in valid events only', () => {
    const accumulator = new CheckAccumulator('em');
    accumulator.add(valid(2, { fields: ['em', 'fn'], prehashed: ['em'] }), 1);
    accumulator.add(valid(3, { fields: ['em', 'fn'], prehashed: ['em', 'fn'] }), 1);
    accumulator.add(valid(4, { fields: ['em'] }), 1);
    accumulator.add({ ...invalid(5, [BAD_TIME]), prehashed: ['em'] }, 1);
    expect(accumulator.summary().prehashed).toEqual({ em: 2, fn: 1 });
  });

  it('gives a summary that is plain data, and a second call the same', () => {
    const accumulator = new CheckAccumulator('em');
    accumulator.add(valid(2, { id: 'A', problems: [BAD_GENDER] }), 1);
    accumulator.add(valid(3, { id: 'A' }), 1);
    accumulator.add(invalid(4, [MISSING_EM]), 1);
    const summary = accumulator.summary();
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
    expect(accumulator.summary()).toEqual(summary);
  });
});
