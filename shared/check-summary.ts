/**
 * The full-file check: how many rows become valid events, why the others do not (grouped by
 * reason, with row numbers), which event IDs repeat, and how many events carry each identity
 * field. The same accumulator serves `preview`, the app's check screen and the upload summary.
 */
import { IDENTITY_FIELDS } from './cadent-fields';

import type { BuiltEvent } from './build-event';
import type { IdentityField } from './cadent-fields';

/** How many row numbers a reason keeps; the count is always exact. */
export const ROWS_KEPT_PER_REASON = 100;

export interface ReasonGroup {
  code: string;
  field: string;
  column: string | null;
  /** One example message; messages of the same code and field differ only in the value. */
  message: string;
  count: number;
  rows: number[];
}

export interface DuplicateGroup {
  eventId: string;
  rows: number[];
}

export interface CheckSummary {
  /** Data rows read (blank rows included). */
  rows: number;
  blankRows: number;
  /** Events built (a group of rows is one event). */
  events: number;
  valid: number;
  invalid: number;
  invalidByReason: ReasonGroup[];
  /** Fields left out of valid events (a bad email when the match key is external-id). */
  warningsByReason: ReasonGroup[];
  /** Events whose ID an earlier event of the file already has; Cadent counts them as duplicates. */
  duplicateEvents: number;
  duplicates: DuplicateGroup[];
  /** Valid events carrying each identity field, match key first. */
  coverage: Array<{ field: IdentityField; events: number }>;
  /** Values that were SHA-256 hashes already, per field. */
  prehashed: Partial<Record<IdentityField, number>>;
  matchKey: IdentityField | null;
}

/** Collects a check summary event by event, in bounded memory apart from the ID set. */
export class CheckAccumulator {
  private rows = 0;
  private blankRows = 0;
  private events = 0;
  private valid = 0;
  private invalid = 0;
  private readonly invalidGroups = new Map<string, ReasonGroup>();
  private readonly warningGroups = new Map<string, ReasonGroup>();
  // TODO(memory): one map entry per event ID; a file of tens of millions of rows would want
  // a disk-backed set.
  private readonly firstRowById = new Map<string, number>();
  private readonly duplicateGroups = new Map<string, DuplicateGroup>();
  private duplicateEvents = 0;
  private readonly coverage = new Map<IdentityField, number>();
  private readonly prehashed = new Map<IdentityField, number>();

  constructor(private readonly matchKey: IdentityField | null) {}

  addBlankRow(): void {
    this.rows += 1;
    this.blankRows += 1;
  }

  add(built: BuiltEvent, rowCount: number): void {
    this.rows += rowCount;
    this.events += 1;
    for (const problem of built.problems) {
      // An invalid row is listed under the reasons that stopped it, not under its warnings.
      if (built.event) addToGroup(this.warningGroups, problem, built.firstRow);
      else if (problem.fatal) addToGroup(this.invalidGroups, problem, built.firstRow);
    }
    if (!built.event) {
      this.invalid += 1;
      return;
    }
    this.valid += 1;
    for (const field of Object.keys(built.event.user) as IdentityField[]) {
      this.coverage.set(field, (this.coverage.get(field) ?? 0) + 1);
    }
    for (const field of built.prehashed) {
      this.prehashed.set(field, (this.prehashed.get(field) ?? 0) + 1);
    }
    this.noteEventId(built.event.event_id, built.firstRow);
  }

  summary(): CheckSummary {
    const fields = this.matchKey
      ? [this.matchKey, ...IDENTITY_FIELDS.filter((field) => field !== this.matchKey)]
      : [...IDENTITY_FIELDS];
    return {
      rows: this.rows,
      blankRows: this.blankRows,
      events: this.events,
      valid: this.valid,
      invalid: this.invalid,
      invalidByReason: byCount(this.invalidGroups),
      warningsByReason: byCount(this.warningGroups),
      duplicateEvents: this.duplicateEvents,
      duplicates: [...this.duplicateGroups.values()],
      coverage: fields.map((field) => ({ field, events: this.coverage.get(field) ?? 0 })),
      prehashed: Object.fromEntries(this.prehashed),
      matchKey: this.matchKey,
    };
  }

  private noteEventId(eventId: string, row: number): void {
    const first = this.firstRowById.get(eventId);
    if (first === undefined) {
      this.firstRowById.set(eventId, row);
      return;
    }
    this.duplicateEvents += 1;
    const group = this.duplicateGroups.get(eventId);
    if (group) {
      if (group.rows.length < ROWS_KEPT_PER_REASON) group.rows.push(row);
    } else if (this.duplicateGroups.size < ROWS_KEPT_PER_REASON) {
      this.duplicateGroups.set(eventId, { eventId, rows: [first, row] });
    }
  }
}

function addToGroup(
  groups: Map<string, ReasonGroup>,
  problem: { code: string; field: string; column: string | null; message: string },
  row: number,
): void {
  // Messages of one code differ in their values ("row 7 has 9 fields") but also in kind
  // ("more than 90 days old" vs "not a date"): group by the message with its values masked.
  const key = `${problem.code}\u0000${problem.field}\u0000${messageShape(problem.message)}`;
  const group = groups.get(key);
  if (group) {
    group.count += 1;
    if (group.rows.length < ROWS_KEPT_PER_REASON) group.rows.push(row);
    return;
  }
  groups.set(key, {
    code: problem.code,
    field: problem.field,
    column: problem.column,
    message: problem.message,
    count: 1,
    rows: [row],
  });
}

function byCount(groups: Map<string, ReasonGroup>): ReasonGroup[] {
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

function messageShape(message: string): string {
  return message.replace(/"[^"]*"|“[^”]*”/g, '"…"').replace(/\d[\d.,:TZ+-]*/g, '#');
}
